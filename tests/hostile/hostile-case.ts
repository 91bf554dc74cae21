import type { RawAnswer } from './raw-request.ts';

/** Who sends a hostile request; see hostile-context.ts for how each is made. */
export type Caller =
  | 'anonymous'
  | 'admin'
  | 'adminA'
  | 'dispatcherA'
  | 'secretaryC'
  | 'plannerA'
  | 'wallA'
  | 'noCsrf'
  | 'wrongCsrf'
  | 'forgedBearer'
  | 'revokedBearer'
  | 'expiredSession'
  | 'signedOutSession'
  | 'disabledUser'
  | 'forgedCookie';

/** The tables whose row counts a hostile request must not change (unless it declares it). */
export const watchedTables = [
  'member',
  'org',
  'place',
  'registry_history',
  'member_points',
  'star_review',
  'place_household',
  'registry_import',
  'case',
  'case_event',
  'dispatch',
  'dispatch_alert',
  'outbox',
  'audit_log',
  'app_user',
  'user_role_grant',
  'user_session',
  'wall_token',
  'grid',
  'grid_version',
  'plan',
  'plan_edit',
  'plan_grid_state',
  'governance_layer',
  'governance_grid',
  'new_org',
  'new_org_tracking',
  'new_org_target',
  'pairing',
  'regional_group',
  'regional_group_org',
  'regional_list_item',
  'regional_meeting',
  'regional_meeting_org',
  'regional_follow_up',
  'wish',
  'belt',
  'belt_site',
  'belt_leg',
] as const;
export type WatchedTable = (typeof watchedTables)[number];

export type HostileCase = {
  name: string;
  /** the OpenAPI operation this case aims at, "GET /api/v1/members/{id}"; null for paths outside the document */
  endpoint: string | null;
  method?: string;
  /** sent as is, placeholders such as {caseB} already filled in */
  path: string;
  as?: Caller;
  headers?: Record<string, string>;
  /** a JSON body (sent with content-type application/json unless headers say otherwise) */
  json?: unknown;
  /** a raw body, sent exactly */
  body?: string | Buffer;
  /** the exact status, or '2xx' when the input is legitimately fine */
  status: number | '2xx';
  /** the stable error code; null where no JSON error body is expected (Node's own 431, static files) */
  code?: string | null;
  /** rows a legitimate answer adds (an emoji title creates a case); every other count must stay put */
  changes?: Partial<Record<WatchedTable, number>>;
  /** hang up after the headers (event streams) */
  headersOnly?: boolean;
  /** further checks on the answer */
  check?: (answer: RawAnswer) => string | undefined;
};
