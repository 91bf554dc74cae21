import { z } from 'zod';
import { featureCollection } from './geo.ts';

export const AreaLevel = z.enum(['county', 'town', 'community', 'village']);
export type AreaLevel = z.infer<typeof AreaLevel>;

/** 12-digit statistical area code (GB/T 2260 + township + village). */
export const AreaCode = z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit area code');

export const AreasQuery = z.object({
  level: AreaLevel.optional(),
  parent: AreaCode.optional(),
});
export type AreasQuery = z.infer<typeof AreasQuery>;

export const AreaProperties = z.object({
  code: z.string(),
  name: z.string(),
  level: AreaLevel,
  parent_code: z.string().nullable(),
  households: z.number(),
});
export type AreaProperties = z.infer<typeof AreaProperties>;

export const AreaCollection = featureCollection(AreaProperties);
export type AreaCollection = z.infer<typeof AreaCollection>;
