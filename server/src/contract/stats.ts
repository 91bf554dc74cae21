import { z } from 'zod';
import { AreaCode, AreaLevel } from './areas.ts';
import { queryInteger } from './numbers.ts';

export const StatsQuery = z.object({ area: AreaCode.optional() });
export type StatsQuery = z.infer<typeof StatsQuery>;

const Counts = z.record(z.string(), z.number());

/** Key figures of one area and each of its child areas (towns of a county, communities of a town). */
const AreaFigures = z.object({
  code: z.string(),
  name: z.string(),
  level: AreaLevel,
  members: z.object({ total: z.number(), mobile: z.number(), in_service: z.number(), available: z.number(), skilled: z.number() }),
  organizations: z.object({ total: z.number(), by_kind: Counts, by_sector: Counts }),
  /** service centers, stations, center households, education and model sites */
  service_positions: z.object({ total: z.number(), by_kind: Counts }),
  new_orgs: z.object({
    total: z.number(),
    /** with a Party branch of their own or a joint one (组建) */
    formed: z.number(),
    /** formed, or covered by an instructor (覆盖) */
    covered: z.number(),
    formation_rate: z.number().nullable(),
    coverage_rate: z.number().nullable(),
  }),
  cases: z.object({ open: z.number(), overdue: z.number(), reported_today: z.number(), closed_today: z.number() }),
  dispatch: z.object({
    today: z.number(),
    active: z.number(),
    /** median seconds from a dispatch to its first accepted alert, over the last 30 days */
    median_first_accept_s: z.number().nullable(),
  }),
  coverage: z.object({
    /** analysis cells in the area, and those with fewer than `k` available members within `radius_m` */
    cells: z.number(),
    blind_cells: z.number(),
    blind_share: z.number().nullable(),
    households: z.number(),
    /** households farther than `reach_distance_m` from any service center or station */
    households_beyond_reach: z.number(),
    reach_rate: z.number().nullable(),
  }),
  /** micro-wishes (微心愿): open, claimed, and fulfilled since 1 January (China Standard Time) */
  wishes: z.object({ open: z.number(), claimed: z.number(), fulfilled_this_year: z.number() }),
});
export type AreaFigures = z.infer<typeof AreaFigures>;

export const CoverageSettings = z.object({
  k: z.number(),
  radius_m: z.number(),
  reach_distance_m: z.number(),
  /** when blind spots and reach were last computed (ISO 8601), null before the first run */
  computed_at: z.string().nullable(),
});
export type CoverageSettings = z.infer<typeof CoverageSettings>;

export const StatsSummary = AreaFigures.extend({
  generated_at: z.string(),
  /** the newest change to the data behind these figures (ISO 8601) */
  data_changed_at: z.string(),
  coverage_settings: CoverageSettings,
  children: z.array(AreaFigures),
});
export type StatsSummary = z.infer<typeof StatsSummary>;

/** GET /api/v1/cases/feed: the newest cases for the wall's live feed (no reporter, no member). */
export const FeedQuery = z.object({ area: AreaCode.optional(), limit: queryInteger(1, 100).default(20) });
export type FeedQuery = z.infer<typeof FeedQuery>;

export const FeedCase = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  severity: z.enum(['low', 'normal', 'high', 'critical']),
  status: z.enum(['reported', 'registered', 'dispatched', 'handling', 'verifying', 'closed']),
  reported_at: z.string(),
  town: z.object({ code: z.string(), name: z.string() }).nullable(),
  community: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** [lng, lat] of the case */
  location: z.tuple([z.number(), z.number()]),
});
export type FeedCase = z.infer<typeof FeedCase>;
export const CaseFeed = z.object({ cases: z.array(FeedCase) });
export type CaseFeed = z.infer<typeof CaseFeed>;
