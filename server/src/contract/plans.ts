import { z } from 'zod';
import { featureCollection } from './geo.ts';
import { numericId } from './ids.ts';
import { text } from './text.ts';

export const planStatuses = ['draft', 'submitted', 'approved', 'rejected', 'published'] as const;
export const PlanStatus = z.enum(planStatuses);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const PlanParams = z.object({ id: numericId('a plan id') });

const AreaCode = z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit community or village code');
/** A grid of a plan: an existing grid's 15-digit code, or new-<n> for one the plan creates. */
export const PlanGridKey = z.string().regex(/^([0-9]{15}|new-[0-9]{1,6})$/, 'must be a 15-digit grid code or new-<n>');

export const PlansQuery = z.object({ community: AreaCode });

export const CreatePlanBody = z.strictObject({
  community_code: AreaCode,
  title: text({ max: 100 }),
});
export type CreatePlanBody = z.infer<typeof CreatePlanBody>;

/** Longitude and latitude in WGS-84 degrees, inside the county's part of the world. */
const Point = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], {
  error: 'must be a [longitude, latitude] pair of numbers',
});
/** A drawn line: 2 to 1,000 points. */
const Line = z.array(Point).min(2, 'a line needs at least 2 points').max(1000, 'a line may have at most 1,000 points');

export const PlanEdit = z.discriminatedUnion(
  'kind',
  [
    /** split a grid along a line that crosses it once; the smaller side becomes a new grid */
    z.strictObject({ kind: z.literal('split'), grid: PlanGridKey, line: Line, name: text({ max: 100 }).optional() }),
    /** merge `absorbed` into `kept`; they must share a boundary */
    z.strictObject({ kind: z.literal('merge'), kept: PlanGridKey, absorbed: PlanGridKey }),
    /** paint a compound's or a building's ground into grid `target` */
    z
      .strictObject({
        kind: z.literal('paint'),
        target: PlanGridKey,
        compound_id: z.number().int().positive().optional(),
        building_id: z.number().int().positive().optional(),
      })
      .refine((e) => (e.compound_id === undefined) !== (e.building_id === undefined), { message: 'give exactly one of compound_id and building_id' }),
    /** move the vertex within 5 m of `from` to `to`: both grids that share it follow */
    z.strictObject({ kind: z.literal('move_vertex'), from: Point, to: Point }),
    /** redraw part of the boundary grids `a` and `b` share: a line from a point on it to another replaces the stretch between */
    z.strictObject({ kind: z.literal('redraw'), a: PlanGridKey, b: PlanGridKey, line: Line }),
    z.strictObject({ kind: z.literal('rename'), grid: PlanGridKey, name: text({ max: 100 }) }),
  ],
  { error: 'kind must be one of split, merge, paint, move_vertex, redraw, rename' },
);
export type PlanEdit = z.infer<typeof PlanEdit>;

export const SubmitPlanBody = z.strictObject({
  /** required when the plan has warnings: why they are acceptable */
  warnings_reason: text({ max: 2000, multiline: true }).optional(),
});
export const ApprovePlanBody = z.strictObject({
  /** the day the plan takes effect (its start in China Standard Time); today or earlier publishes at once */
  effective_on: z.iso.date({ error: 'must be a date, e.g. 2026-12-01' }),
});
export const RejectPlanBody = z.strictObject({ reason: text({ max: 2000, multiline: true }) });

export const ValidationItem = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.enum([
    'invalid_geometry',
    'outside_community',
    'gap',
    'overlap',
    'disconnected',
    'households_band',
    'compound_split',
    'no_leader',
    /** the grid matches no grid of the community's governance layer (综治网格) by 95 % of both areas */
    'governance_mismatch',
  ]),
  grid: z.string().nullable(),
  /** in English; `params` has what it is made of, for a client to word it in its own language */
  message: z.string(),
  /** the message's values: grid and other grid's names, areas in m², households and band, parts, compound, governance grid and overlap % */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** where the problem is, to zoom to and draw */
  geometry: z.unknown(),
});
export type ValidationItem = z.infer<typeof ValidationItem>;

export const impactSubjects = ['buildings', 'households', 'members', 'grid_branches', 'grid_staff', 'open_cases', 'center_households'] as const;
export const ImpactMove = z.object({ what: z.enum(impactSubjects), from: z.string().nullable(), to: z.string().nullable(), count: z.number() });
export const ImpactTotal = z.object({ grid: z.string(), what: z.enum(impactSubjects), before: z.number(), after: z.number() });
export const PlanImpact = z.object({
  /** from → to counts of what changes grid */
  moves: z.array(ImpactMove),
  /** per grid, before (current grids) and after (the plan) */
  totals: z.array(ImpactTotal),
});
export type PlanImpact = z.infer<typeof PlanImpact>;

export const PlanGridProperties = z.object({ key: z.string(), name: z.string(), households: z.number() });

/** A compound (小区) of the community: a unit the planner paints from grid to grid. */
export const CompoundProperties = z.object({ id: z.number(), name: z.string(), households: z.number() });

export const PlanSummary = z.object({
  id: z.number(),
  community_code: z.string(),
  title: z.string(),
  status: PlanStatus,
  revision: z.number(),
  created_by: z.string(),
  created_at: z.string(),
  submitted_at: z.string().nullable(),
  warnings_reason: z.string().nullable(),
  reviewed_at: z.string().nullable(),
  effective_on: z.string().nullable(),
  reject_reason: z.string().nullable(),
  published_at: z.string().nullable(),
  can_undo: z.boolean(),
  can_redo: z.boolean(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

/** A plan with its grids as they stand, what is wrong with them, and what they move. */
export const PlanView = PlanSummary.extend({
  household_band: z.object({ min: z.number(), max: z.number() }),
  grids: featureCollection(PlanGridProperties),
  /** the community's compounds, to paint */
  compounds: featureCollection(CompoundProperties),
  validation: z.array(ValidationItem),
  impact: PlanImpact,
});
export type PlanView = z.infer<typeof PlanView>;

export const PlanList = z.object({ plans: z.array(PlanSummary) });

export const PlanEditRecord = z.object({
  seq: z.number(),
  kind: z.string(),
  params: z.unknown(),
  actor: z.string().nullable(),
  made_at: z.string(),
  undone_at: z.string().nullable(),
  discarded_at: z.string().nullable(),
});
export const PlanHistory = z.object({ edits: z.array(PlanEditRecord) });
