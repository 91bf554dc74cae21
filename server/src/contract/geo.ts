import { z } from 'zod';
import { queryNumber } from './numbers.ts';

export { queryNumber };

/** Longitude/latitude in WGS-84 degrees, parsed from query strings. */
export const Lng = queryNumber(-180, 180);
export const Lat = queryNumber(-90, 90);

export const Position = z.tuple([z.number(), z.number()]);
export type Position = z.infer<typeof Position>;

export const PolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(Position))),
});
export type PolygonGeometry = z.infer<typeof PolygonGeometry>;

export function featureCollection<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]),
        geometry: PolygonGeometry,
        properties,
      }),
    ),
  });
}
