import { z } from 'zod';
import { AreaCode } from './areas.ts';
import { GridCode } from './grids.ts';
import { orgKinds } from './orgs.ts';

/** `GET /api/v1/areas/{code}/panel` */
export const AreaPanelParams = z.object({ code: AreaCode });
/** `GET /api/v1/grids/{code}/panel` */
export const GridPanelParams = z.object({ code: GridCode });

const count = z.number().int().min(0);

/** 组建率 and 覆盖率 of one kind of new-type organization: formed = own or joint branch, covered = any coverage. */
export const NewOrgRates = z.object({
  total: count,
  formed: count,
  covered: count,
  /** formed / total, 0–1; null when there are none */
  formation_rate: z.number().nullable(),
  /** covered / total, 0–1; null when there are none */
  coverage_rate: z.number().nullable(),
});
export type NewOrgRates = z.infer<typeof NewOrgRates>;

/**
 * The area panel (网格、支部、网格长、阵地): what Party building holds in one area or grid, for the
 * organization department's map. Members are counted, never listed; center households (members'
 * homes) are counted among the positions but never named.
 */
export const AreaPanel = z.object({
  kind: z.enum(['area', 'grid']),
  code: z.string(),
  name: z.string(),
  /** county, town, community, village, or grid */
  level: z.string(),
  parent: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** [west, south, east, north] */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  orgs: z.object({
    total: count,
    by_kind: z.record(z.enum(orgKinds), count),
    /** the first 20 by kind and name: for a grid, the branches that serve it */
    items: z.array(z.object({ id: z.number(), name: z.string(), kind: z.enum(orgKinds), sector: z.string(), secretary_name: z.string().nullable() })),
  }),
  /** current members: of the area's organizations, or living in the grid */
  members: z.object({ total: count, available: count, in_service: count, mobile: count }),
  places: z.object({
    total: count,
    by_kind: z.record(z.string(), count),
    /** the first 20 open positions, center households left out */
    items: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string() })),
  }),
  /** "one grid, one branch, one leader, one position": how many of the grids have each */
  grids: z.object({
    total: count,
    with_branch: count,
    with_leader: count,
    with_position: count,
    /** a grid's leader (网格长); null for an area or a grid without one */
    leader: z.object({ name: z.string() }).nullable(),
    /** a grid's workers (网格员); for an area, all of its grids' */
    workers: count,
  }),
  new_orgs: z.object({ enterprise: NewOrgRates, social_org: NewOrgRates }),
  wishes: z.object({ open: count, claimed: count, fulfilled: count }),
  cases: z.object({ open: count }),
});
export type AreaPanel = z.infer<typeof AreaPanel>;
