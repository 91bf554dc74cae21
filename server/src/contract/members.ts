import { z } from 'zod';
import { numericId } from './ids.ts';
import { Bbox } from './grids.ts';
import { queryInteger } from './numbers.ts';

export const MembersQuery = z.object({
  bbox: Bbox.optional(),
  org: numericId('an organization id').optional(),
  limit: queryInteger(1, 500).default(100),
  after: numericId('a member id').optional(),
});
export type MembersQuery = z.output<typeof MembersQuery>;

/**
 * A member as the registry lists them: the home position generalized to a ~100 m cell centre,
 * never exact, and no contact details.
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
});
export type MemberDetail = z.infer<typeof MemberDetail>;

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
