import { z } from 'zod';
import { featureCollection } from './geo.ts';
import { decimalPattern } from './numbers.ts';
import { asOf } from './time.ts';

/** 15-digit grid code: the community's 12-digit code + a 3-digit sequence. */
export const GridCode = z.string().regex(/^[0-9]{15}$/, 'must be a 15-digit grid code');

export const Bbox = z
  .string({
    error: (i) => (i.input === undefined ? 'bbox is required: minLng,minLat,maxLng,maxLat' : 'bbox must be given once: minLng,minLat,maxLng,maxLat'),
  })
  .transform((raw, ctx) => {
    const parts = raw
      .split(',')
      .map((p) => p.trim())
      .map((p) => (decimalPattern.test(p) ? Number(p) : Number.NaN));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four decimal numbers: minLng,minLat,maxLng,maxLat' });
      return z.NEVER;
    }
    const [minLng, minLat, maxLng, maxLat] = parts as [number, number, number, number];
    if ([minLng, maxLng].some((v) => v < -180 || v > 180) || [minLat, maxLat].some((v) => v < -90 || v > 90)) {
      ctx.addIssue({ code: 'custom', message: 'bbox longitudes must be within ±180 and latitudes within ±90' });
      return z.NEVER;
    }
    if (minLng >= maxLng || minLat >= maxLat) {
      ctx.addIssue({ code: 'custom', message: 'bbox is inverted or empty: min must be less than max' });
      return z.NEVER;
    }
    return { minLng, minLat, maxLng, maxLat };
  });
export type Bbox = z.output<typeof Bbox>;

/** Larger views use the grid vector tiles instead. */
export const maxBboxSpanDegrees = 1;

export const GridsQuery = z.object({
  bbox: Bbox,
  /** the grids as they were at this date or moment; now when absent */
  at: asOf().optional(),
});
export type GridsQuery = z.infer<typeof GridsQuery>;

export const GridProperties = z.object({
  code: z.string(),
  name: z.string(),
  community_code: z.string(),
  kind: z.enum(['basic', 'dedicated']),
  households: z.number(),
  valid_from: z.string(),
  /** when this outline stopped applying; null while it is current */
  valid_to: z.string().nullable(),
});
export type GridProperties = z.infer<typeof GridProperties>;

export const GridCollection = featureCollection(GridProperties);
export type GridCollection = z.infer<typeof GridCollection>;

export const GridCodeParams = z.object({ code: GridCode });

/** One outline of a grid over time, newest first in a history. */
export const GridVersionProperties = z.object({
  name: z.string(),
  households: z.number(),
  valid_from: z.string(),
  valid_to: z.string().nullable(),
  /** the plan that made this outline; null for outlines from before plans */
  plan_id: z.number().nullable(),
});

/** A grid's identity and every outline it has had. */
export const GridHistory = z.object({
  code: z.string(),
  community_code: z.string(),
  kind: z.enum(['basic', 'dedicated']),
  created_at: z.string(),
  /** when the grid stopped existing (merged or split away); its code is never given again */
  retired_at: z.string().nullable(),
  versions: featureCollection(GridVersionProperties),
});
export type GridHistory = z.infer<typeof GridHistory>;
