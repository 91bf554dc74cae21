import { z } from 'zod';

const decimal = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A number given as a query-string parameter: digits only, so "", "1,2" or "abc" are refused. */
export function queryNumber(min: number, max: number) {
  return z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a single number') })
    .trim()
    .regex(decimal, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`));
}

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
