import { z } from 'zod';
import { AreaCode } from './areas.ts';
import { numericId } from './ids.ts';
import { queryInteger } from './numbers.ts';
import { calendarDay, HistoryEntry } from './registry.ts';
import { text } from './text.ts';
import { earliestYear } from './time.ts';

/** 两新组织: non-public enterprises (非公企业) and social organizations (社会组织). */
export const newOrgKinds = ['enterprise', 'social_org'] as const;
export const NewOrgKind = z.enum(newOrgKinds);
export type NewOrgKind = z.infer<typeof NewOrgKind>;

/** 单独组建 (own branch), 联合组建 (joint branch), 选派党建指导员 (instructor). */
export const coverageModes = ['own_branch', 'joint_branch', 'instructor'] as const;
export const CoverageMode = z.enum(coverageModes);
export type CoverageMode = z.infer<typeof CoverageMode>;

/**
 * An organization's status under the rule (threshold = own_branch_min_members):
 * as_rule — own_branch with members ≥ threshold, or joint_branch/instructor with members < threshold;
 * otherwise — covered any other way; members_no_org — uncovered with ≥ 1 member; no_members — uncovered with 0.
 */
export const newOrgStatuses = ['as_rule', 'otherwise', 'members_no_org', 'no_members'] as const;
export const NewOrgStatus = z.enum(newOrgStatuses);
export type NewOrgStatus = z.infer<typeof NewOrgStatus>;

/** 统一社会信用代码: 18 digits and capital letters. */
export const CreditCode = z
  .string({ error: 'must be an 18-character unified social credit code' })
  .trim()
  .regex(/^[0-9A-Z]{18}$/, 'must be an 18-character unified social credit code (digits and capital letters)');

const queryBoolean = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/** A count of people: staff or Party members. */
const headcount = (what: string) =>
  z
    .number({ error: `must be the number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(0, 'must be 0 or more')
    .max(1_000_000, 'must be at most 1000000');

/** [lng, lat] in WGS-84 degrees. */
const Position = z.tuple(
  [
    z.number({ error: 'must be a number' }).min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
    z.number({ error: 'must be a number' }).min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
  ],
  { error: 'must be [lng, lat] in WGS-84 degrees' },
);

const Day = calendarDay(earliestYear);

export const NewOrgParams = z.object({ id: numericId('a new-type organization id') });
export const TownParams = z.object({
  town: z.string({ error: 'must be a town code' }).regex(/^[0-9]{6}(?!000)[0-9]{3}000$/, "must be a town's 12-digit code (ending in 000)"),
});

export const NewOrgsQuery = z.object({
  kind: NewOrgKind.optional(),
  /** an area's 12-digit code: the organizations of its subtree */
  area: AreaCode.optional(),
  status: NewOrgStatus.optional(),
  /** part of the name, or an 18-character credit code exactly */
  q: text({ max: 100 }).optional(),
  /** true: only those with an open tracking entry past its town's target day */
  overdue: queryBoolean.optional(),
  limit: queryInteger(1, 500).default(100),
  after: numericId('a new-type organization id').optional(),
});
export type NewOrgsQuery = z.output<typeof NewOrgsQuery>;

/** An open tracking entry (挂号) as a list shows it. */
export const OpenTracking = z.object({
  id: z.number(),
  opened_on: z.string(),
  /** the town's target day (null: none set) */
  target_on: z.string().nullable(),
  /** open and the target day has passed (days in China Standard Time) */
  overdue: z.boolean(),
});

export const NewOrgSummary = z.object({
  id: z.number(),
  kind: NewOrgKind,
  name: z.string(),
  credit_code: z.string().nullable(),
  area_code: z.string(),
  area_name: z.string(),
  town_code: z.string(),
  staff_count: z.number(),
  member_count: z.number(),
  coverage_mode: CoverageMode.nullable(),
  status: NewOrgStatus,
  /** 组建: own or joint branch */
  formed: z.boolean(),
  /** 覆盖: any coverage mode, an instructor included */
  covered: z.boolean(),
  covering_org: z.object({ id: z.number(), name: z.string() }).nullable(),
  instructor_name: z.string().nullable(),
  registered_on: z.string().nullable(),
  covered_on: z.string().nullable(),
  position: z.tuple([z.number(), z.number()]),
  tracking: OpenTracking.nullable(),
});
export type NewOrgSummary = z.infer<typeof NewOrgSummary>;

export const NewOrgList = z.object({ new_orgs: z.array(NewOrgSummary), next_after: z.number().nullable() });
export type NewOrgList = z.infer<typeof NewOrgList>;

/** One tracking entry: opened (挂号) and, once covered, closed (销号) with the mode and who closed it. */
export const TrackingEntry = z.object({
  id: z.number(),
  opened_on: z.string(),
  closed_on: z.string().nullable(),
  closed_mode: CoverageMode.nullable(),
  /** the user who closed it (display name); null while open, or when it closed without the API */
  closed_by: z.string().nullable(),
});
export type TrackingEntry = z.infer<typeof TrackingEntry>;

export const NewOrgRecord = NewOrgSummary.extend({
  /** every tracking entry, oldest first */
  tracking_history: z.array(TrackingEntry),
  history: z.array(HistoryEntry),
});
export type NewOrgRecord = z.infer<typeof NewOrgRecord>;

/** A new organization starts uncovered, so it is registered in the tracking list (挂号) at once. */
export const CreateNewOrgBody = z
  .strictObject({
    kind: NewOrgKind,
    name: text({ max: 100 }),
    credit_code: CreditCode.optional(),
    /** the community or village it lies in (in your scope) */
    area_code: AreaCode,
    staff_count: headcount('staff'),
    member_count: headcount('Party members'),
    position: Position,
    /** the day it was registered (工商/民政登记) */
    registered_on: Day.optional(),
  })
  .refine((b) => b.member_count <= b.staff_count, { path: ['member_count'], message: 'must not exceed staff_count' });
export type CreateNewOrgBody = z.infer<typeof CreateNewOrgBody>;

/** What an edit may change; null clears credit_code or registered_on. Coverage changes through /cover and /uncover. */
export const UpdateNewOrgBody = z
  .strictObject({
    name: text({ max: 100 }).optional(),
    credit_code: CreditCode.nullable().optional(),
    staff_count: headcount('staff').optional(),
    member_count: headcount('Party members').optional(),
    position: Position.optional(),
    registered_on: Day.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), 'must change at least one field');
export type UpdateNewOrgBody = z.infer<typeof UpdateNewOrgBody>;

/**
 * 销号 / coverage: own_branch and joint_branch name the covering organization (in your scope, open);
 * instructor names the instructor (and may name an organization too).
 */
export const CoverNewOrgBody = z
  .strictObject({
    mode: CoverageMode,
    covering_org_id: z.number({ error: 'must be an organization id' }).int('must be an organization id').min(1, 'must be an organization id').optional(),
    instructor_name: text({ max: 50 }).optional(),
    /** the day it was covered; today when absent, never a day to come */
    covered_on: Day.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.mode !== 'instructor' && b.covering_org_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['covering_org_id'], message: `is required for ${b.mode}` });
    }
    if (b.mode === 'instructor' && b.instructor_name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['instructor_name'], message: 'is required for instructor' });
    }
    if (b.mode !== 'instructor' && b.instructor_name !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['instructor_name'], message: 'is only for instructor' });
    }
  });
export type CoverNewOrgBody = z.infer<typeof CoverNewOrgBody>;

/** The organization lost its coverage (a joint branch dissolved, an instructor withdrawn): registered again. */
export const UncoverNewOrgBody = z.strictObject({
  reason: text({ max: 500 }),
  /** the day coverage ended; today when absent, never a day to come */
  effective_on: Day.optional(),
});
export type UncoverNewOrgBody = z.infer<typeof UncoverNewOrgBody>;

export const RatesQuery = z.object({
  /** the area whose children are answered: a county's towns, a town's communities and villages; a community answers itself. Default: your widest grant. */
  area: AreaCode.optional(),
});
export type RatesQuery = z.output<typeof RatesQuery>;

/**
 * One kind's figures in an area. total: every organization of the kind in the area (in your scope),
 * uncovered ones with no member included; formation_rate (组建率) = formed / total; coverage_rate
 * (覆盖率) = covered / total; both null when total is 0.
 */
export const KindRates = z.object({
  total: z.number(),
  formed: z.number(),
  covered: z.number(),
  formation_rate: z.number().nullable(),
  coverage_rate: z.number().nullable(),
  as_rule: z.number(),
  otherwise: z.number(),
  members_no_org: z.number(),
  no_members: z.number(),
});
export type KindRates = z.infer<typeof KindRates>;

export const AreaRates = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  /** a town's target day for its uncovered organizations; null for other levels or none set */
  target_on: z.string().nullable(),
  enterprise: KindRates,
  social_org: KindRates,
});
export type AreaRates = z.infer<typeof AreaRates>;

export const NewOrgRates = z.object({
  area: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  own_branch_min_members: z.number(),
  /** the child areas (a community or village: itself), in code order */
  areas: z.array(AreaRates),
  totals: z.object({ enterprise: KindRates, social_org: KindRates }),
});
export type NewOrgRates = z.infer<typeof NewOrgRates>;

export const TrackingQuery = z.object({
  /** open (挂号, the default), closed (销号) or all */
  state: z.enum(['open', 'closed', 'all']).default('open'),
  area: AreaCode.optional(),
  kind: NewOrgKind.optional(),
  overdue: queryBoolean.optional(),
  limit: queryInteger(1, 500).default(100),
  after: numericId('a tracking entry id').optional(),
});
export type TrackingQuery = z.output<typeof TrackingQuery>;

export const TrackingItem = z.object({
  id: z.number(),
  new_org: z.object({ id: z.number(), name: z.string(), kind: NewOrgKind, status: NewOrgStatus, member_count: z.number(), staff_count: z.number() }),
  area_code: z.string(),
  area_name: z.string(),
  town_code: z.string(),
  town_name: z.string(),
  opened_on: z.string(),
  target_on: z.string().nullable(),
  overdue: z.boolean(),
  closed_on: z.string().nullable(),
  closed_mode: CoverageMode.nullable(),
  closed_by: z.string().nullable(),
});
export type TrackingItem = z.infer<typeof TrackingItem>;

export const TrackingList = z.object({ entries: z.array(TrackingItem), next_after: z.number().nullable() });
export type TrackingList = z.infer<typeof TrackingList>;

/** A town's target day; null clears it. */
export const TargetBody = z.strictObject({ target_on: Day.nullable() });
export type TargetBody = z.infer<typeof TargetBody>;

export const TownTarget = z.object({ town_code: z.string(), town_name: z.string(), target_on: z.string().nullable() });
export type TownTarget = z.infer<typeof TownTarget>;

/** The coverage rule: at least this many members → own branch; fewer → joint branch or instructor. */
export const NewOrgRule = z.strictObject({
  own_branch_min_members: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be 1–50').max(50, 'must be 1–50'),
});
export type NewOrgRule = z.infer<typeof NewOrgRule>;

export const NewOrgRuleView = NewOrgRule.extend({ updated_at: z.string(), updated_by: z.string().nullable() });
export type NewOrgRuleView = z.infer<typeof NewOrgRuleView>;
