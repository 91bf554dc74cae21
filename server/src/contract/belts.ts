import { z } from 'zod';
import { AreaCode } from './areas.ts';
import { numericId } from './ids.ts';
import { queryInteger } from './numbers.ts';
import { PlaceKind } from './places.ts';
import { text } from './text.ts';

/**
 * 示范带: an ordered chain of model sites (示范点), drawn as a line along the roads that join them
 * and a corridor of a width on either side ("连点成线、连线成片").
 */
export const beltLimits = {
  /** corridor width on either side of the line, meters */
  minWidth: 50,
  maxWidth: 5000,
  defaultWidth: 500,
  minSites: 2,
  maxSites: 50,
} as const;

export const BeltParams = z.object({ id: numericId('a belt id') });

export const BeltsQuery = z.object({
  /** belts whose area lies in this area's subtree */
  area: AreaCode.optional(),
  /** part of the name */
  q: text({ max: 100 }).optional(),
  limit: queryInteger(1, 200).default(100),
  after: numericId('a belt id').optional(),
});
export type BeltsQuery = z.output<typeof BeltsQuery>;

const Width = z
  .number({ error: 'must be a whole number of meters' })
  .int('must be a whole number of meters')
  .min(beltLimits.minWidth, `must be between ${beltLimits.minWidth} and ${beltLimits.maxWidth} meters`)
  .max(beltLimits.maxWidth, `must be between ${beltLimits.minWidth} and ${beltLimits.maxWidth} meters`);

const siteId = z.number({ error: 'must be a model site id' }).int('must be a model site id').min(1, 'must be a model site id');

/** Model sites in the order the belt visits them: at least 2, at most 50, none twice. */
export const SiteIds = z
  .array(siteId, { error: 'must be a list of model site ids' })
  .min(beltLimits.minSites, `must name at least ${beltLimits.minSites} model sites`)
  .max(beltLimits.maxSites, `at most ${beltLimits.maxSites} model sites`)
  .superRefine((ids, ctx) => {
    const seen = new Set<number>();
    ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `model site ${id} is named twice; a belt visits each site once` });
      seen.add(id);
    });
  });

/** The belt's route and corridor for sites and a width, without saving anything (the drawing screen's preview). */
export const PreviewBeltBody = z.strictObject({
  /** the area the belt belongs to: every site lies in its subtree, and the corridor counts what lies there */
  area_code: AreaCode,
  site_ids: SiteIds,
  width_m: Width.default(beltLimits.defaultWidth),
});
export type PreviewBeltBody = z.output<typeof PreviewBeltBody>;

export const CreateBeltBody = PreviewBeltBody.extend({
  name: text({ max: 100 }),
  description: text({ max: 500, multiline: true }).optional(),
});
export type CreateBeltBody = z.output<typeof CreateBeltBody>;

/** Name, corridor width (the corridor follows) or description; null clears the description. */
export const UpdateBeltBody = z
  .strictObject({
    name: text({ max: 100 }).optional(),
    width_m: Width.optional(),
    description: text({ max: 500, multiline: true }).nullable().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), 'must change at least one field');
export type UpdateBeltBody = z.output<typeof UpdateBeltBody>;

/** The belt's sites anew, in order (reordered, added, removed): the line is routed again. */
export const BeltSitesBody = z.strictObject({ site_ids: SiteIds });
export type BeltSitesBody = z.output<typeof BeltSitesBody>;

const Pair = z.tuple([z.number(), z.number()]);
/** [west, south, east, north] */
const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const LineStringGeometry = z.object({ type: z.literal('LineString'), coordinates: z.array(Pair) });
export type LineStringGeometry = z.infer<typeof LineStringGeometry>;
export const MultiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Pair))) });

export const BeltSummary = z.object({
  id: z.number(),
  name: z.string(),
  area_code: z.string(),
  area_name: z.string(),
  site_count: z.number(),
  /** along the line, meters */
  length_m: z.number(),
  width_m: z.number(),
  bbox: Bbox.nullable(),
});
export type BeltSummary = z.infer<typeof BeltSummary>;

export const BeltList = z.object({ belts: z.array(BeltSummary), next_after: z.number().nullable() });
export type BeltList = z.infer<typeof BeltList>;

export const BeltSite = z.object({
  seq: z.number(),
  id: z.number(),
  name: z.string(),
  area_code: z.string(),
  area_name: z.string(),
  position: Pair,
  /** a site closed after it joined the belt stays on it, marked */
  closed_on: z.string().nullable(),
});
export type BeltSite = z.infer<typeof BeltSite>;

/**
 * The way from one site to the next: `routed` along the roads (with short straight connectors from
 * each site to its nearest road), or straight where no road path joins them or a site lies far from roads.
 */
export const BeltLeg = z.object({
  seq: z.number(),
  from_site_id: z.number(),
  to_site_id: z.number(),
  routed: z.boolean(),
  length_m: z.number(),
  line: LineStringGeometry,
});
export type BeltLeg = z.infer<typeof BeltLeg>;

/**
 * What lies inside the corridor and in the belt's area: open service positions by kind, open
 * organizations, current members (a count by home, never who or where) and new-type organizations.
 */
export const CorridorCounts = z.object({
  places: z.record(PlaceKind, z.number()),
  orgs: z.number(),
  members: z.number(),
  new_orgs: z.object({ enterprise: z.number(), social_org: z.number() }),
});
export type CorridorCounts = z.infer<typeof CorridorCounts>;

/** A belt's route and corridor as the preview answers them (nothing saved). */
export const BeltRoute = z.object({
  area_code: z.string(),
  width_m: z.number(),
  length_m: z.number(),
  sites: z.array(BeltSite),
  legs: z.array(BeltLeg),
  line: LineStringGeometry,
  corridor: MultiPolygonGeometry,
  bbox: Bbox,
  counts: CorridorCounts,
});
export type BeltRoute = z.infer<typeof BeltRoute>;

export const BeltRecord = BeltRoute.extend({
  id: z.number(),
  name: z.string(),
  area_name: z.string(),
  description: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type BeltRecord = z.infer<typeof BeltRecord>;
