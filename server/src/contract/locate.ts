import { z } from 'zod';
import { Lat, Lng } from './geo.ts';
import { asOf } from './time.ts';

export const LocateQuery = z.object({
  lng: Lng,
  lat: Lat,
  /** the grid as it was at this date or moment; now when absent */
  at: asOf().optional(),
});
export type LocateQuery = z.infer<typeof LocateQuery>;

const AreaRef = z.object({ code: z.string(), name: z.string() });

export const LocateResult = z.object({
  point: z.tuple([z.number(), z.number()]),
  county: AreaRef,
  town: AreaRef,
  /** the community (社区) or village (村) */
  community: AreaRef.extend({ level: z.enum(['community', 'village']) }),
  grid: z
    .object({
      code: z.string(),
      name: z.string(),
      branch: z.object({ id: z.number(), name: z.string() }).nullable(),
      leader: z.object({ name: z.string() }).nullable(),
    })
    .nullable(),
  nearest_service_center: z
    .object({
      id: z.number(),
      name: z.string(),
      kind: z.enum(['service_center', 'service_station']),
      distance_m: z.number(),
    })
    .nullable(),
});
export type LocateResult = z.infer<typeof LocateResult>;
