import { z } from 'zod';

/** Every error answer has this shape; `code` is stable and documented, `message` is for people. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ErrorCode = {
  invalidQuery: 'invalid_query',
  invalidBody: 'invalid_body',
  invalidPath: 'invalid_path',
  /** the body is not valid JSON */
  invalidJson: 'invalid_json',
  /** the body's Content-Encoding (gzip, deflate, br) does not decode */
  invalidEncoding: 'invalid_encoding',
  unsupportedEncoding: 'unsupported_encoding',
  unsupportedCharset: 'unsupported_charset',
  payloadTooLarge: 'payload_too_large',
  badRequest: 'bad_request',
  bboxTooLarge: 'bbox_too_large',
  notFound: 'not_found',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  tooManyAttempts: 'too_many_attempts',
  forbidden: 'forbidden',
  csrfFailed: 'csrf_failed',
  conflict: 'conflict',
  missingIdempotencyKey: 'missing_idempotency_key',
  idempotencyKeyReused: 'idempotency_key_reused',
  answerNotAllowed: 'answer_not_allowed',
  linkExpired: 'link_expired',
  /** a member's link is shown only when no SMS gateway sends it (an exercise, 演练) */
  linksSentBySms: 'links_sent_by_sms',
  liveUnavailable: 'live_unavailable',
  outsideTerritory: 'outside_territory',
  /** a plan write without If-Match: the plan's ETag is required */
  preconditionRequired: 'precondition_required',
  /** a plan write whose If-Match is not the plan's current revision: someone else changed it */
  revisionMismatch: 'revision_mismatch',
  /** the plan is not in the state the action needs (e.g. editing a submitted plan) */
  planNotEditable: 'plan_not_editable',
  /** the edit cannot be made as asked (the line does not cross the grid, grids not adjacent, …) */
  editRefused: 'edit_refused',
  planHasErrors: 'plan_has_errors',
  warningsNeedReason: 'warnings_need_reason',
  /** the community's grids changed after the plan was opened */
  gridsChanged: 'grids_changed',
  /** an organization with current members or open children cannot be closed */
  orgNotEmpty: 'org_not_empty',
  /** the organization (or the parent, or the merge target) is closed */
  orgClosed: 'org_closed',
  /** the tree would break: a cycle, or a parent whose kind does not rank above the child's */
  orgHierarchy: 'org_hierarchy',
  /** a grid given to an organization that is not a branch, or not a current grid of its area */
  orgGridRefused: 'org_grid_refused',
  /** the service position is closed: it keeps its record and history, and takes no more changes */
  placeClosed: 'place_closed',
  /** linked households belong to center households (党员中心户) only */
  notCenterHousehold: 'not_a_center_household',
  /** a position or building lies outside the area the record belongs to */
  outsideArea: 'outside_area',
  /** a registry import with mode=all whose dry run found bad rows: nothing was written */
  importHasErrors: 'import_has_errors',
  databaseUnavailable: 'database_unavailable',
  databaseTimeout: 'database_timeout',
  internal: 'internal_error',
  /** the member has left: the record stays, but no movement, edit or points apply to it */
  memberLeft: 'member_left',
  /** ending a registration (双报到) of a member who is not registered */
  notRegistered: 'not_registered',
  /** ending the mobile status (流动党员) of a member who is not mobile */
  notMobile: 'not_mobile',
  /** points that would take a member's balance below zero */
  balanceBelowZero: 'balance_below_zero',
  /** a list item's or a follow-up's status change that the flow does not allow (done → cancelled …) */
  statusRefused: 'status_refused',
  /** the pairing has ended: it keeps its record and lists, and takes no more changes */
  pairingEnded: 'pairing_ended',
  /** a pairing partner that cannot pair: an area that is not a village or community */
  partnerRefused: 'partner_refused',
  /** an organization named as a group's lead, a meeting's attendee or a follow-up's responsible that is not a member of the group */
  notGroupMember: 'not_a_group_member',
  /** a member's link without an alert (a personal link): it opens the member's wishes only */
  noAlert: 'no_alert',
  /** another member claimed the wish first */
  wishTaken: 'wish_taken',
  /** the wish is not open: fulfilled or withdrawn (or, for an edit, claimed) */
  wishNotOpen: 'wish_not_open',
  /** a fulfilment of a wish the member has not claimed */
  wishNotClaimed: 'wish_not_claimed',
  /** a wish posted at a center household, which is a member's home: post it at a point nearby */
  placeIsAHome: 'place_is_a_home',
  /** a belt's site that is not a model site (示范点) */
  notModelSite: 'not_a_model_site',
  /** two consecutive sites of a belt stand at one position: no line joins them */
  beltSitesCoincide: 'belt_sites_coincide',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
