import { z } from 'zod';
import { AreaCode } from './areas.ts';
import { numericId } from './ids.ts';
import { Bbox, GridCode } from './grids.ts';
import { queryInteger } from './numbers.ts';
import { calendarDay, HistoryEntry } from './registry.ts';
import { text } from './text.ts';

const skillName = /^[a-z_]{1,30}$/;
const skillList = z
  .string()
  .regex(/^[a-z_]{1,30}(,[a-z_]{1,30}){0,9}$/, 'must be skill names separated by commas, e.g. first_aid,driving')
  .transform((s) => s.split(','));
const starList = z
  .string()
  .regex(/^[1-5](,[1-5]){0,4}$/, 'must be star counts 1–5 separated by commas, e.g. 4,5')
  .transform((s) => [...new Set(s.split(',').map(Number))]);
const queryBoolean = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

export const memberStatuses = ['current', 'left', 'all'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/**
 * The member list's filters (also what an export of the list takes). `status` current (the
 * default) lists members who have not left; `community` is the community of registration (双报到);
 * `grid` the members whose home lies in the grid's current outline; `skills` all of them, `stars` any.
 */
export const MemberFilters = z.object({
  q: text({ max: 50 }).optional(),
  org: numericId('an organization id').optional(),
  grid: GridCode.optional(),
  community: AreaCode.optional(),
  mobile: queryBoolean.optional(),
  in_service: queryBoolean.optional(),
  available: queryBoolean.optional(),
  skills: skillList.optional(),
  stars: starList.optional(),
  status: z.enum(memberStatuses, { error: 'must be current, left or all' }).default('current'),
  bbox: Bbox.optional(),
});
export type MemberFilters = z.output<typeof MemberFilters>;

export const MembersQuery = MemberFilters.extend({
  limit: queryInteger(1, 500).default(100),
  after: numericId('a member id').optional(),
});
export type MembersQuery = z.output<typeof MembersQuery>;

/**
 * A member as the registry lists them: the home position generalized to a ~100 m cell centre,
 * never exact, and no contact details. `registration_community` is the name of the community of
 * registration (the code is in the detail); `mobile_whereabouts` where a mobile member now is: the
 * words given, else the area's name.
 */
export const MemberSummary = z.object({
  id: z.number(),
  name: z.string(),
  org: z.object({ id: z.number(), name: z.string() }),
  stars: z.number(),
  skills: z.array(z.string()),
  available: z.boolean(),
  mobile: z.boolean(),
  in_service: z.boolean(),
  approx_position: z.tuple([z.number(), z.number()]),
  left_on: z.string().nullable(),
  registration_community: z.string().nullable(),
  mobile_whereabouts: z.string().nullable(),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const MemberList = z.object({ members: z.array(MemberSummary), next_after: z.number().nullable() });
export type MemberList = z.infer<typeof MemberList>;

/** One member; `position` and `phone` are exact and present only for roles that may read them (audited). */
export const MemberDetail = MemberSummary.extend({
  gender: z.enum(['male', 'female']),
  birth_year: z.number().nullable(),
  points: z.number(),
  joined_on: z.string().nullable(),
  precision: z.enum(['exact', 'generalized']),
  position: z.tuple([z.number(), z.number()]).nullable(),
  phone: z.string().nullable(),
  /** 双报到: the residential community the member registered with, and since when */
  registration: z.object({ community_code: z.string(), community_name: z.string(), since: z.string().nullable() }).nullable(),
  /** 流动党员: where a mobile member now is (an area of the territory, or words) and since when */
  mobile_place: z
    .object({ area_code: z.string().nullable(), area_name: z.string().nullable(), whereabouts: z.string().nullable(), since: z.string().nullable() })
    .nullable(),
  left: z.object({ on: z.string(), reason: z.string() }).nullable(),
  history: z.array(HistoryEntry),
});
export type MemberDetail = z.infer<typeof MemberDetail>;

// ---- writes (registry.edit, in scope) ----

const coordinate = (min: number, max: number) =>
  z.number({ error: 'must be a number' }).min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`);
/** A home position, [lng, lat] in WGS-84 degrees. */
const HomePosition = z.tuple([coordinate(-180, 180), coordinate(-90, 90)], { error: 'must be [lng, lat]' });
const Phone = z.string({ error: 'must be a string' }).regex(/^1[3-9][0-9]{9}$/, 'must be an 11-digit mobile number, e.g. 13800000000');
const Skills = z
  .array(z.string({ error: 'must be a skill name' }).regex(skillName, 'must be a skill name: a–z and _, e.g. first_aid'), {
    error: 'must be a list of skill names',
  })
  .max(10, 'at most 10 skills')
  .transform((s) => [...new Set(s)]);
const BirthYear = z.number({ error: 'must be a year' }).int('must be a whole year').min(1900, 'must be 1900 or later').max(2100, 'must be 2100 or earlier');
const Gender = z.enum(['male', 'female'], { error: 'must be male or female' });
const reason = text({ max: 500, multiline: true });

export const CreateMemberBody = z.strictObject({
  name: text({ max: 50 }),
  gender: Gender,
  birth_year: BirthYear.optional(),
  org_id: z.number({ error: 'must be an organization id' }).int().min(1).max(Number.MAX_SAFE_INTEGER),
  position: HomePosition,
  phone: Phone.optional(),
  skills: Skills.default([]),
  in_service: z.boolean({ error: 'must be true or false' }).default(false),
  available: z.boolean({ error: 'must be true or false' }).default(true),
  joined_on: calendarDay(1900).optional(),
});
export type CreateMemberBody = z.output<typeof CreateMemberBody>;

export const UpdateMemberBody = z
  .strictObject({
    name: text({ max: 50 }).optional(),
    gender: Gender.optional(),
    birth_year: BirthYear.nullable().optional(),
    position: HomePosition.optional(),
    phone: Phone.nullable().optional(),
    skills: Skills.optional(),
    in_service: z.boolean({ error: 'must be true or false' }).optional(),
    available: z.boolean({ error: 'must be true or false' }).optional(),
    joined_on: calendarDay(1900).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'names nothing to change' });
export type UpdateMemberBody = z.output<typeof UpdateMemberBody>;

/** 转接: to another open organization in the writer's scope. */
export const TransferBody = z.strictObject({
  org_id: z.number({ error: 'must be an organization id' }).int().min(1).max(Number.MAX_SAFE_INTEGER),
  effective_on: calendarDay(2000).optional(),
  reason: reason.optional(),
});
export type TransferBody = z.output<typeof TransferBody>;

/** 双报到: registered with a residential community (a community or village of the territory). */
export const RegistrationBody = z.strictObject({ community_code: AreaCode, effective_on: calendarDay(2000).optional() });
export type RegistrationBody = z.output<typeof RegistrationBody>;

export const RegistrationEndBody = z.strictObject({ effective_on: calendarDay(2000).optional(), reason: reason.optional() });
export type RegistrationEndBody = z.output<typeof RegistrationEndBody>;

/** 流动党员: where the member now is, an area of the territory or words (or both), since when. */
export const MobileBody = z
  .strictObject({ area_code: AreaCode.optional(), whereabouts: text({ max: 200 }).optional(), since: calendarDay(2000).optional() })
  .refine((b) => b.area_code !== undefined || b.whereabouts !== undefined, { message: 'needs area_code or whereabouts: where the member now is' });
export type MobileBody = z.output<typeof MobileBody>;

export const MobileEndBody = z.strictObject({ effective_on: calendarDay(2000).optional() });
export type MobileEndBody = z.output<typeof MobileEndBody>;

/** Leaving: the member stays in the history, out of the list's default, dispatch and every figure. */
export const LeaveBody = z.strictObject({ effective_on: calendarDay(2000).optional(), reason });
export type LeaveBody = z.output<typeof LeaveBody>;

// ---- points ledger (积分) and stars (评星) ----

export const pointsKinds = ['opening', 'activity', 'service', 'wish', 'dispatch_answered', 'dispatch_arrived', 'adjustment'] as const;
/** What a writer may credit by hand; the dispatch kinds come automatically, the opening balance once. */
export const manualPointsKinds = ['activity', 'service', 'wish', 'adjustment'] as const;

export const PointsEntry = z.object({
  id: z.number(),
  kind: z.enum(pointsKinds),
  points: z.number(),
  earned_on: z.string(),
  note: z.string().nullable(),
  dispatch_id: z.number().nullable(),
  recorded_at: z.string(),
});
export type PointsEntry = z.infer<typeof PointsEntry>;

/** The ledger, newest first; `balance` is the sum of its entries. */
export const PointsLedger = z.object({ balance: z.number(), entries: z.array(PointsEntry) });
export type PointsLedger = z.infer<typeof PointsLedger>;

const pointsValue = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(-1000)
  .max(1000)
  .refine((n) => n !== 0, 'must not be 0');

/** points default from the rule; an adjustment needs points and a note. */
export const CreditPointsBody = z
  .strictObject({
    kind: z.enum(manualPointsKinds, { error: 'must be activity, service, wish or adjustment' }),
    points: pointsValue.optional(),
    earned_on: calendarDay(2000).optional(),
    note: text({ max: 200 }).optional(),
  })
  .refine((b) => b.kind !== 'adjustment' || (b.points !== undefined && b.note !== undefined), { message: 'an adjustment needs points and a note' });
export type CreditPointsBody = z.output<typeof CreditPointsBody>;

export const StarReviewBody = z.strictObject({
  year: z.number({ error: 'must be a year' }).int('must be a whole year').min(2000, 'must be 2000 or later').max(2100, 'must be 2100 or earlier'),
  /** false: a preview that writes nothing */
  apply: z.boolean({ error: 'must be true or false' }),
});
export type StarReviewBody = z.output<typeof StarReviewBody>;

export const StarReview = z.object({
  year: z.number(),
  /** current members in scope reviewed */
  reviewed: z.number(),
  /** those whose stars change, with the points they earned that year (opening balances left out) */
  changes: z.array(z.object({ member_id: z.number(), name: z.string(), points: z.number(), stars_before: z.number(), stars_after: z.number() })),
});
export type StarReview = z.infer<typeof StarReview>;

const rulePoints = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 1000')
  .max(1000, 'must be between 1 and 1000');

/** The points each kind is worth, and the yearly star rule: the highest row a member's points reach. */
export const RegistryRules = z.strictObject({
  points: z.strictObject({ activity: rulePoints, service: rulePoints, wish: rulePoints, dispatch_answered: rulePoints, dispatch_arrived: rulePoints }),
  stars: z
    .array(
      z.strictObject({
        stars: z.number({ error: 'must be 1–5' }).int().min(1, 'must be 1–5').max(5, 'must be 1–5'),
        min_points: z.number({ error: 'must be a whole number' }).int().min(0, 'must be 0 or more').max(100_000, 'must be at most 100000'),
      }),
    )
    .min(1, 'needs at least one row')
    .max(5)
    .superRefine((rows, ctx) => {
      const sorted = [...rows].sort((a, b) => a.stars - b.stars);
      const first = sorted[0];
      if (!first) return; // refused by min(1)
      if (new Set(rows.map((r) => r.stars)).size !== rows.length) ctx.addIssue({ code: 'custom', message: 'each star count once' });
      else if (first.stars !== 1 || first.min_points !== 0) ctx.addIssue({ code: 'custom', message: 'must start with 1 star at 0 points' });
      else if (sorted.some((r, i) => i > 0 && r.min_points <= sorted[i - 1]!.min_points)) {
        ctx.addIssue({ code: 'custom', message: 'more stars must need more points' });
      }
    }),
});
export type RegistryRules = z.output<typeof RegistryRules>;

/** The density lattice's levels: cells 16 across a tile of that zoom (≈ 4.9 km at 6 .. 150 m at 14 on the equator). */
export const densityLevels = { min: 6, max: 14, default: 12 } as const;

export const DensityQuery = z.object({
  bbox: Bbox,
  level: queryInteger(densityLevels.min, densityLevels.max).default(densityLevels.default),
  /** refused: cells of any size in meters could be differenced; the lattice's levels cannot */
  cell: z.undefined({ error: 'is no longer accepted: cells are the fixed lattice now, choose level=6..14 (12 ≈ 600 m, 14 ≈ 150 m at the equator)' }).optional(),
});
export type DensityQuery = z.output<typeof DensityQuery>;

/**
 * Members counted in whole cells of the fixed lattice (the tiles' cells): the bbox selects the
 * cells it touches and never cuts one. Callers who may not list members get the published counts
 * (each cell 0 or ≥ 5, each cell minus its children 0 or ≥ 5); empty cells are left out.
 */
export const DensityCells = z.object({
  level: z.number(),
  suppressed_below: z.number(),
  cells: z.array(
    z.object({
      level: z.number(),
      cx: z.number(),
      cy: z.number(),
      /** [west, south, east, north], WGS-84 */
      bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      center: z.tuple([z.number(), z.number()]),
      members: z.number(),
      available: z.number(),
    }),
  ),
});
export type DensityCells = z.infer<typeof DensityCells>;
