import { z } from 'zod';
import { numericId } from './ids.ts';
import { calendarDay, HistoryEntry } from './registry.ts';
import { queryInteger } from './numbers.ts';
import { text } from './text.ts';

/** 党委 > 党总支 > 党支部 > 党小组: a parent ranks above its children (committees may nest). */
export const orgKinds = ['committee', 'general_branch', 'branch', 'group'] as const;
export const OrgKind = z.enum(orgKinds);
export type OrgKind = z.infer<typeof OrgKind>;

export const orgSectors = ['village', 'community', 'enterprise', 'social_org', 'agency', 'school', 'hospital', 'industrial_park', 'joint'] as const;
export const OrgSector = z.enum(orgSectors);
export type OrgSector = z.infer<typeof OrgSector>;

export const orgStatuses = ['open', 'closed', 'all'] as const;

const AreaCode = z.string({ error: 'must be a 12-digit area code' }).regex(/^[0-9]{12}$/, 'must be a 12-digit area code');
const GridCode = z.string({ error: 'must be a 15-digit grid code' }).regex(/^[0-9]{15}$/, 'must be a 15-digit grid code');
/** A day of the calendar in the years 1900–2100 (founding dates reach back decades). */
const Day = calendarDay(1900);

/** [longitude, latitude] in WGS-84 degrees. */
export const OrgPosition = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], {
  error: 'must be a [longitude, latitude] pair of numbers',
});

export const OrgParams = z.object({ id: numericId('an organization id') });

export const OrgsQuery = z.object({
  /** part of the name or of the secretary's name */
  q: text({ max: 100 }).optional(),
  kind: OrgKind.optional(),
  sector: OrgSector.optional(),
  /** organizations whose area lies in this area's subtree */
  area: AreaCode.optional(),
  /** part of the secretary's name */
  secretary: text({ max: 50 }).optional(),
  /** an organization's id (its children), or `root`: the top organizations of the caller's scope */
  parent: z.union([z.literal('root'), numericId('an organization id or root')]).optional(),
  status: z.enum(orgStatuses).default('open'),
  limit: queryInteger(1, 500).default(100),
  after: numericId('an organization id').optional(),
});
export type OrgsQuery = z.output<typeof OrgsQuery>;

export const OrgSummary = z.object({
  id: z.number(),
  name: z.string(),
  kind: OrgKind,
  sector: OrgSector,
  area_code: z.string(),
  area_name: z.string(),
  parent_id: z.number().nullable(),
  secretary_name: z.string().nullable(),
  /** current members (not departed) */
  member_count: z.number(),
  /** open children */
  children_count: z.number(),
  position: z.tuple([z.number(), z.number()]).nullable(),
  grid_code: z.string().nullable(),
  closed_on: z.string().nullable(),
});
export type OrgSummary = z.infer<typeof OrgSummary>;

export const OrgList = z.object({ orgs: z.array(OrgSummary), next_after: z.number().nullable() });
export type OrgList = z.infer<typeof OrgList>;

const OrgRef = z.object({ id: z.number(), name: z.string() });

export const OrgRecord = OrgSummary.extend({
  founded_on: z.string().nullable(),
  parent: OrgRef.nullable(),
  /** the grid of a grid branch, or the current grids of a community's committee */
  grids: z.array(z.object({ code: z.string(), name: z.string() })),
  regional_groups: z.array(z.object({ id: z.number(), name: z.string(), is_lead: z.boolean() })),
  pairings: z.array(
    z.object({
      id: z.number(),
      partner_kind: z.enum(['area', 'new_org', 'org']),
      partner_name: z.string(),
      started_on: z.string(),
      ended_on: z.string().nullable(),
    }),
  ),
  close_reason: z.string().nullable(),
  merged_into: OrgRef.nullable(),
  history: z.array(HistoryEntry),
});
export type OrgRecord = z.infer<typeof OrgRecord>;

const Reason = text({ max: 500, multiline: true });

export const CreateOrgBody = z.strictObject({
  name: text({ max: 100 }),
  kind: OrgKind,
  sector: OrgSector,
  parent_id: z.number().int().min(1).nullable(),
  area_code: AreaCode,
  secretary_name: text({ max: 50 }).optional(),
  founded_on: Day.optional(),
  position: OrgPosition.optional(),
  grid_code: GridCode.optional(),
});
export type CreateOrgBody = z.infer<typeof CreateOrgBody>;

export const UpdateOrgBody = z
  .strictObject({
    name: text({ max: 100 }).optional(),
    sector: OrgSector.optional(),
    secretary_name: text({ max: 50 }).nullable().optional(),
    founded_on: Day.nullable().optional(),
    position: OrgPosition.nullable().optional(),
    grid_code: GridCode.nullable().optional(),
    area_code: AreaCode.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change');
export type UpdateOrgBody = z.infer<typeof UpdateOrgBody>;

export const MoveOrgBody = z.strictObject({
  parent_id: z.number().int().min(1),
  effective_on: Day.optional(),
  reason: Reason.optional(),
});
export type MoveOrgBody = z.infer<typeof MoveOrgBody>;

export const MergeOrgBody = z.strictObject({
  into_id: z.number().int().min(1),
  effective_on: Day.optional(),
  reason: Reason,
});
export type MergeOrgBody = z.infer<typeof MergeOrgBody>;

export const CloseOrgBody = z.strictObject({
  effective_on: Day.optional(),
  reason: Reason,
});
export type CloseOrgBody = z.infer<typeof CloseOrgBody>;
