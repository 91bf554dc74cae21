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

export const DensityQuery = z.object({
  bbox: Bbox,
  cell: z.string().regex(/^\d{2,5}$/, 'must be a cell size in meters').transform(Number)
    .pipe(z.number().min(100, 'must be between 100 and 5000').max(5000, 'must be between 100 and 5000')).default(500),
});
export type DensityQuery = z.output<typeof DensityQuery>;

/** Members aggregated in square cells; cells with fewer than `suppressed_below` members are left out. */
export const DensityCells = z.object({
  cell_m: z.number(),
  suppressed_below: z.number(),
  cells: z.array(z.object({
    center: z.tuple([z.number(), z.number()]),
    members: z.number(),
    available: z.number(),
  })),
});
export type DensityCells = z.infer<typeof DensityCells>;
