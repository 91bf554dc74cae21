import { z } from 'zod';
import { Lat, Lng } from './geo.ts';
import { text } from './text.ts';
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

/** A place search (地点搜索): a name, or a grid's code, typed by a dispatcher placing an incident. */
export const PlaceSearchQuery = z.object({
  /** control characters and lone surrogates are refused here, before PostgreSQL sees them */
  q: text({ max: 50 }),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export type PlaceSearchQuery = z.infer<typeof PlaceSearchQuery>;

export const placeSearchKinds = ['town', 'community', 'grid', 'compound', 'building', 'org', 'service_center', 'place', 'new_org'] as const;
export type PlaceSearchKind = (typeof placeSearchKinds)[number];

export const PlaceSearchResult = z.object({
  results: z.array(
    z.object({
      kind: z.enum(placeSearchKinds),
      /** the area or grid code (town, community, grid), or the record's id (the others) */
      ref: z.string(),
      name: z.string(),
      /** the community or village it lies in (for a community: its town) */
      context: z.string().nullable(),
      /** a point inside it, where the incident is placed */
      position: z.tuple([z.number(), z.number()]),
    }),
  ),
});
export type PlaceSearchResult = z.infer<typeof PlaceSearchResult>;
