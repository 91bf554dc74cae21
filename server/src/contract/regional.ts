import { z } from 'zod';
import { numericId } from './ids.ts';
import { queryInteger } from './numbers.ts';
import { calendarDay } from './registry.ts';
import { text } from './text.ts';
import { earliestYear } from './time.ts';

/**
 * 区域化党建: pairings (结对共建) of an organization with a village or community, a new-type
 * organization or another organization; regional groups (党建组团) of organizations with a lead and
 * joint meetings (联席会议); the three lists (需求清单, 资源清单, 项目清单) of either.
 */

export const partnerKinds = ['area', 'new_org', 'org'] as const;
export const PartnerKind = z.enum(partnerKinds);
export type PartnerKind = z.infer<typeof PartnerKind>;

/** 需求清单, 资源清单, 项目清单. */
export const regionalLists = ['needs', 'resources', 'projects'] as const;
export const RegionalList = z.enum(regionalLists);
export type RegionalList = z.infer<typeof RegionalList>;

/** A list item's or a follow-up's progress; see `statusMoves` for the changes allowed. */
export const regionalStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const RegionalStatus = z.enum(regionalStatuses);
export type RegionalStatus = z.infer<typeof RegionalStatus>;

/**
 * The status changes allowed: work starts, finishes or is cancelled; in progress may go back to
 * open; what is done or cancelled may only be reopened. Setting the status it has is no change.
 */
export const statusMoves: Record<RegionalStatus, readonly RegionalStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: ['open'],
  cancelled: ['open'],
};

/** active: started and not ended today; ended: ended on or before today; all: either, and those yet to start. */
export const pairingStatuses = ['active', 'ended', 'all'] as const;

const AreaCode = z.string({ error: 'must be a 12-digit area code' }).regex(/^[0-9]{12}$/, 'must be a 12-digit area code');
/** The days regional work is recorded for. */
const Day = calendarDay(earliestYear);
const Id = (what: string) =>
  z
    .number({ error: `must be ${what}` })
    .int(`must be ${what}`)
    .min(1, `must be ${what}`)
    .max(Number.MAX_SAFE_INTEGER, `must be ${what}`);
const OrgId = Id('an organization id');
const OrgIds = z
  .array(OrgId, { error: 'must be a list of organization ids' })
  .max(200, 'at most 200 organizations')
  .refine((ids) => new Set(ids).size === ids.length, 'must not name an organization twice');
const Content = text({ max: 2000, multiline: true });

// ─── path parameters ────────────────────────────────────────────────────────────────────────────

export const PairingParams = z.object({ id: numericId('a pairing id') });
export const GroupParams = z.object({ id: numericId('a regional group id') });
export const GroupMemberParams = z.object({ id: numericId('a regional group id'), org_id: numericId('an organization id') });
export const MeetingParams = z.object({ id: numericId('a regional group id'), meeting_id: numericId('a meeting id') });
export const FollowUpParams = z.object({
  id: numericId('a regional group id'),
  meeting_id: numericId('a meeting id'),
  follow_up_id: numericId('a follow-up id'),
});
export const ListItemParams = z.object({ id: numericId('a list item id') });

// ─── shared answer parts ────────────────────────────────────────────────────────────────────────

export const OrgRef = z.object({ id: z.number(), name: z.string() });
export type OrgRef = z.infer<typeof OrgRef>;

export const ListItem = z
  .object({
    id: z.number(),
    /** the pairing or the regional group whose list holds it */
    owner: z.object({ kind: z.enum(['pairing', 'regional_group']), id: z.number() }),
    list: RegionalList,
    title: z.string(),
    detail: z.string().nullable(),
    status: RegionalStatus,
    due_on: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'RegionalListItem' });
export type ListItem = z.infer<typeof ListItem>;

/** The three lists, each in the order its items were added. */
export const Lists = z.object({ needs: z.array(ListItem), resources: z.array(ListItem), projects: z.array(ListItem) });
export type Lists = z.infer<typeof Lists>;

export const ListItems = z.object({ items: z.array(ListItem) });
export type ListItems = z.infer<typeof ListItems>;

export const ListItemsQuery = z.object({ list: RegionalList.optional() });
export type ListItemsQuery = z.infer<typeof ListItemsQuery>;

export const CreateListItemBody = z.strictObject({
  list: RegionalList,
  title: text({ max: 100 }),
  detail: Content.optional(),
  status: RegionalStatus.optional(),
  due_on: Day.optional(),
});
export type CreateListItemBody = z.infer<typeof CreateListItemBody>;

export const UpdateListItemBody = z
  .strictObject({
    list: RegionalList.optional(),
    title: text({ max: 100 }).optional(),
    detail: Content.nullable().optional(),
    status: RegionalStatus.optional(),
    due_on: Day.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change');
export type UpdateListItemBody = z.infer<typeof UpdateListItemBody>;

// ─── pairings ───────────────────────────────────────────────────────────────────────────────────

export const PairingsQuery = z.object({
  /** pairings of this organization, on either side */
  org: numericId('an organization id').optional(),
  partner_kind: PartnerKind.optional(),
  /** pairings with either side in this area's subtree */
  area: AreaCode.optional(),
  status: z.enum(pairingStatuses).default('all'),
  /** pairings that had started and not yet ended on this day */
  active_on: Day.optional(),
  limit: queryInteger(1, 500).default(100),
  after: numericId('a pairing id').optional(),
});
export type PairingsQuery = z.output<typeof PairingsQuery>;

/** The filters of the list, for the map's arcs (all at once, no pages). */
export const PairingArcsQuery = PairingsQuery.omit({ limit: true, after: true });
export type PairingArcsQuery = z.output<typeof PairingArcsQuery>;

/**
 * The other side of a pairing: a village or community (`area_code`), a new-type organization or an
 * organization (`id`). A code outside the caller's scope is left out (null); the name is given.
 */
export const Partner = z.object({
  kind: PartnerKind,
  id: z.number().nullable(),
  area_code: z.string().nullable(),
  name: z.string(),
});
export type Partner = z.infer<typeof Partner>;

export const PairingSummary = z.object({
  id: z.number(),
  org: OrgRef.extend({ area_code: z.string().nullable() }),
  partner: Partner,
  started_on: z.string(),
  ended_on: z.string().nullable(),
  content: z.string().nullable(),
  /** started and not ended today */
  active: z.boolean(),
  /** items in each list that are open or in progress */
  open_items: z.object({ needs: z.number(), resources: z.number(), projects: z.number() }),
});
export type PairingSummary = z.infer<typeof PairingSummary>;

export const PairingList = z.object({ pairings: z.array(PairingSummary), next_after: z.number().nullable() });
export type PairingList = z.infer<typeof PairingList>;

export const PairingRecord = PairingSummary.extend({ lists: Lists });
export type PairingRecord = z.infer<typeof PairingRecord>;

export const PartnerBody = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('area'), area_code: AreaCode }),
    z.strictObject({ kind: z.literal('new_org'), id: Id('a new-type organization id') }),
    z.strictObject({ kind: z.literal('org'), id: OrgId }),
  ],
  { error: 'must be {kind: area, area_code}, {kind: new_org, id} or {kind: org, id}' },
);
export type PartnerBody = z.infer<typeof PartnerBody>;

export const CreatePairingBody = z
  .strictObject({
    org_id: OrgId,
    partner: PartnerBody,
    started_on: Day,
    content: Content.optional(),
  })
  .refine((b) => !(b.partner.kind === 'org' && b.partner.id === b.org_id), {
    message: 'an organization does not pair with itself',
    path: ['partner', 'id'],
  });
export type CreatePairingBody = z.infer<typeof CreatePairingBody>;

export const UpdatePairingBody = z
  .strictObject({
    started_on: Day.optional(),
    content: Content.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change');
export type UpdatePairingBody = z.infer<typeof UpdatePairingBody>;

export const EndPairingBody = z.strictObject({
  /** the day the pairing ended: today when not given, never a day to come */
  ended_on: Day.optional(),
});
export type EndPairingBody = z.infer<typeof EndPairingBody>;

/** A straight line from the organization's point to the partner's, for an arc on the map. */
export const PairingArcs = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number(),
      geometry: z.object({ type: z.literal('LineString'), coordinates: z.tuple([z.tuple([z.number(), z.number()]), z.tuple([z.number(), z.number()])]) }),
      properties: z.object({
        id: z.number(),
        kind: z.literal('pairing'),
        org_id: z.number(),
        org_name: z.string(),
        partner_kind: PartnerKind,
        partner_name: z.string(),
        active: z.boolean(),
      }),
    }),
  ),
});
export type PairingArcs = z.infer<typeof PairingArcs>;

// ─── regional groups ────────────────────────────────────────────────────────────────────────────

export const GroupsQuery = z.object({
  /** groups of this area's subtree */
  area: AreaCode.optional(),
  /** groups this organization belongs to */
  org: numericId('an organization id').optional(),
  /** part of the name */
  q: text({ max: 100 }).optional(),
});
export type GroupsQuery = z.infer<typeof GroupsQuery>;

export const GroupSummary = z.object({
  id: z.number(),
  name: z.string(),
  /** the group's area; null when it lies outside the caller's scope (a member's secretary reading it) */
  area_code: z.string().nullable(),
  area_name: z.string(),
  member_count: z.number(),
  lead: OrgRef.nullable(),
  meeting_count: z.number(),
  last_meeting_on: z.string().nullable(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const GroupList = z.object({ groups: z.array(GroupSummary) });
export type GroupList = z.infer<typeof GroupList>;

export const GroupMember = z.object({
  org_id: z.number(),
  name: z.string(),
  kind: z.string(),
  is_lead: z.boolean(),
  position: z.tuple([z.number(), z.number()]).nullable(),
  closed_on: z.string().nullable(),
});
export type GroupMember = z.infer<typeof GroupMember>;

export const FollowUp = z
  .object({
    id: z.number(),
    meeting_id: z.number(),
    title: z.string(),
    responsible_org: OrgRef.nullable(),
    due_on: z.string().nullable(),
    status: RegionalStatus,
    updated_at: z.string(),
  })
  .meta({ id: 'RegionalFollowUp' });
export type FollowUp = z.infer<typeof FollowUp>;

export const Meeting = z
  .object({
    id: z.number(),
    group_id: z.number(),
    held_on: z.string(),
    /** a service position (place_id) or a place named in words (place_id null) */
    place: z.object({ place_id: z.number().nullable(), name: z.string() }),
    topic: z.string(),
    attendee_count: z.number().nullable(),
    attending_orgs: z.array(OrgRef),
    resolutions: z.array(z.string()),
    follow_ups: z.array(FollowUp),
  })
  .meta({ id: 'RegionalMeeting' });
export type Meeting = z.infer<typeof Meeting>;

export const MeetingList = z.object({ meetings: z.array(Meeting) });
export type MeetingList = z.infer<typeof MeetingList>;

export const GroupRecord = GroupSummary.extend({
  members: z.array(GroupMember),
  /** newest first */
  meetings: z.array(Meeting),
  lists: Lists,
});
export type GroupRecord = z.infer<typeof GroupRecord>;

export const CreateGroupBody = z
  .strictObject({
    name: text({ max: 100 }),
    area_code: AreaCode,
    /** the lead organization (牵头单位), a member too */
    lead_org_id: OrgId.optional(),
    /** the other member organizations */
    org_ids: OrgIds.optional(),
  })
  .refine((b) => b.lead_org_id === undefined || !(b.org_ids ?? []).includes(b.lead_org_id), {
    message: 'the lead is a member already: leave it out of org_ids',
    path: ['org_ids'],
  });
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

export const UpdateGroupBody = z
  .strictObject({ name: text({ max: 100 }).optional(), area_code: AreaCode.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change');
export type UpdateGroupBody = z.infer<typeof UpdateGroupBody>;

export const AddGroupMemberBody = z.strictObject({ org_id: OrgId, is_lead: z.boolean({ error: 'must be true or false' }).optional() });
export type AddGroupMemberBody = z.infer<typeof AddGroupMemberBody>;

export const SetLeadBody = z.strictObject({ org_id: OrgId });
export type SetLeadBody = z.infer<typeof SetLeadBody>;

const Resolutions = z.array(text({ max: 500, multiline: true }), { error: 'must be a list of texts' }).max(50, 'at most 50 resolutions');
const AttendeeCount = z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').max(100_000, 'at most 100000');

export const CreateFollowUpBody = z.strictObject({
  title: text({ max: 200 }),
  responsible_org_id: OrgId.optional(),
  due_on: Day.optional(),
  status: RegionalStatus.optional(),
});
export type CreateFollowUpBody = z.infer<typeof CreateFollowUpBody>;

export const UpdateFollowUpBody = z
  .strictObject({
    title: text({ max: 200 }).optional(),
    responsible_org_id: OrgId.nullable().optional(),
    due_on: Day.nullable().optional(),
    status: RegionalStatus.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change');
export type UpdateFollowUpBody = z.infer<typeof UpdateFollowUpBody>;

export const CreateMeetingBody = z
  .strictObject({
    held_on: Day,
    /** a service position in your scope … */
    place_id: Id('a place id').optional(),
    /** … or a place named in words */
    place_text: text({ max: 200 }).optional(),
    topic: text({ max: 200 }),
    attendee_count: AttendeeCount.optional(),
    /** member organizations that attended */
    attending_org_ids: OrgIds.optional(),
    resolutions: Resolutions.optional(),
    follow_ups: z.array(CreateFollowUpBody, { error: 'must be a list of follow-ups' }).max(50, 'at most 50 follow-ups').optional(),
  })
  .refine((b) => (b.place_id === undefined) !== (b.place_text === undefined), {
    message: 'give the place as place_id or as place_text (one of them)',
    path: ['place_id'],
  });
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

export const UpdateMeetingBody = z
  .strictObject({
    held_on: Day.optional(),
    place_id: Id('a place id').optional(),
    place_text: text({ max: 200 }).optional(),
    topic: text({ max: 200 }).optional(),
    attendee_count: AttendeeCount.nullable().optional(),
    attending_org_ids: OrgIds.optional(),
    resolutions: Resolutions.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change')
  .refine((b) => b.place_id === undefined || b.place_text === undefined, { message: 'give place_id or place_text, not both', path: ['place_id'] });
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

/** A buffered convex hull of a group's open member organizations' points. */
export const GroupOutlines = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number(),
      geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
      properties: z.object({ id: z.number(), kind: z.literal('regional_group'), name: z.string(), member_count: z.number() }),
    }),
  ),
});
export type GroupOutlines = z.infer<typeof GroupOutlines>;
