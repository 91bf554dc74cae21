import { z } from 'zod';
import { AreaCode } from './areas.ts';
import { Bbox } from './grids.ts';
import { numericId } from './ids.ts';
import { queryInteger } from './numbers.ts';
import { calendarDay, HistoryEntry } from './registry.ts';
import { text } from './text.ts';
import { earliestYear } from './time.ts';

/** 阵地: 党群服务中心, 党群服务站, 党员中心户, 远程教育站点, 示范点. */
export const placeKinds = ['service_center', 'service_station', 'center_household', 'education_site', 'model_site'] as const;
export const PlaceKind = z.enum(placeKinds);
export type PlaceKind = z.infer<typeof PlaceKind>;

export const placeTiers = ['county', 'town', 'community', 'village'] as const;
export const PlaceTier = z.enum(placeTiers);
export type PlaceTier = z.infer<typeof PlaceTier>;

/** Centers and stations have a tier (county, town, community, village); no other kind has one. */
export const tieredKinds: readonly PlaceKind[] = ['service_center', 'service_station'];

/** A center household links with about ten households; the registry keeps at most this many. */
export const maxLinkedHouseholds = 100;

const coordinate = (min: number, max: number) =>
  z.number({ error: 'must be a number' }).min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`);

/** [lng, lat] in WGS-84 degrees, as a JSON body gives it. */
export const LngLat = z.tuple([coordinate(-180, 180), coordinate(-90, 90)], { error: 'must be [lng, lat] in WGS-84 degrees' });

/** A mobile number (13x–19x) or a landline with its area code, as the database takes it. */
export const ContactPhone = z
  .string({ error: 'must be a string' })
  .trim()
  .regex(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, 'must be a mobile number (11 digits) or a landline with its area code, e.g. 0816-2345678');

const Services = z.array(text({ max: 50 }), { error: 'must be a list of services' }).max(30, 'at most 30 services');

export const PlacesQuery = z.object({
  kind: PlaceKind.optional(),
  /** an area's 12-digit code: the places of its subtree */
  area: AreaCode.optional(),
  /** name or address contains */
  q: text({ max: 100 }).optional(),
  status: z.enum(['open', 'closed', 'all']).default('open'),
  bbox: Bbox.optional(),
  limit: queryInteger(1, 500).default(100),
  after: numericId('a place id').optional(),
});
export type PlacesQuery = z.output<typeof PlacesQuery>;

/**
 * A service position as lists show it. A center household is a member's home: for callers who may
 * not read members exactly, its position is a ~100 m cell centre and its address is left out
 * (`precision` says which).
 */
export const PlaceSummary = z.object({
  id: z.number(),
  kind: PlaceKind,
  name: z.string(),
  tier: PlaceTier.nullable(),
  area_code: z.string(),
  area_name: z.string(),
  address: z.string().nullable(),
  position: z.tuple([z.number(), z.number()]),
  precision: z.enum(['exact', 'generalized']),
  linked_households: z.number().nullable(),
  closed_on: z.string().nullable(),
});
export type PlaceSummary = z.infer<typeof PlaceSummary>;

export const PlaceList = z.object({ places: z.array(PlaceSummary), next_after: z.number().nullable() });
export type PlaceList = z.infer<typeof PlaceList>;

/** A household a center household links with, at its home (a building of the territory where known). */
export const LinkedHousehold = z.object({
  id: z.number(),
  label: z.string(),
  building_id: z.number().nullable(),
  position: z.tuple([z.number(), z.number()]),
});
export type LinkedHousehold = z.infer<typeof LinkedHousehold>;

/**
 * One service position. `households` only for a center household and a caller who may read members
 * exactly (that read is audited as place.read_households); null otherwise. A center household's
 * contact phone is a member's phone: null for callers who see it generalized.
 */
export const PlaceRecord = PlaceSummary.extend({
  opening_hours: z.string().nullable(),
  services: z.array(z.string()),
  contact_name: z.string().nullable(),
  contact_phone: z.string().nullable(),
  member: z.object({ id: z.number(), name: z.string() }).nullable(),
  close_reason: z.string().nullable(),
  households: z.array(LinkedHousehold).nullable(),
  history: z.array(HistoryEntry),
});
export type PlaceRecord = z.infer<typeof PlaceRecord>;

export const CreatePlaceBody = z
  .strictObject({
    kind: PlaceKind,
    name: text({ max: 100 }),
    /** required for service centers and stations, refused for the other kinds */
    tier: PlaceTier.optional(),
    area_code: AreaCode,
    address: text({ max: 200 }).optional(),
    position: LngLat,
    opening_hours: text({ max: 100 }).optional(),
    services: Services.optional(),
    contact_name: text({ max: 50 }).optional(),
    contact_phone: ContactPhone.optional(),
    /** required for a center household: the member whose home it is (in your scope) */
    member_id: z.number({ error: 'must be a member id' }).int('must be a member id').min(1, 'must be a member id').optional(),
  })
  .superRefine((body, ctx) => {
    const tiered = tieredKinds.includes(body.kind);
    if (tiered && body.tier === undefined) ctx.addIssue({ code: 'custom', path: ['tier'], message: `is required for a ${body.kind}` });
    if (!tiered && body.tier !== undefined) ctx.addIssue({ code: 'custom', path: ['tier'], message: 'is only for service centers and stations' });
    const household = body.kind === 'center_household';
    if (household && body.member_id === undefined) ctx.addIssue({ code: 'custom', path: ['member_id'], message: 'is required for a center household' });
    if (!household && body.member_id !== undefined) ctx.addIssue({ code: 'custom', path: ['member_id'], message: 'is only for center households' });
  });
export type CreatePlaceBody = z.infer<typeof CreatePlaceBody>;

/** What an edit may change; null clears a field. A new position is a move on the map. */
export const UpdatePlaceBody = z
  .strictObject({
    name: text({ max: 100 }).optional(),
    tier: PlaceTier.optional(),
    address: text({ max: 200 }).nullable().optional(),
    position: LngLat.optional(),
    opening_hours: text({ max: 100 }).nullable().optional(),
    services: Services.optional(),
    contact_name: text({ max: 50 }).nullable().optional(),
    contact_phone: ContactPhone.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), 'must change at least one field');
export type UpdatePlaceBody = z.infer<typeof UpdatePlaceBody>;

export const ClosePlaceBody = z.strictObject({
  /** the day it closed; today when absent, never a day to come */
  effective_on: calendarDay(earliestYear).optional(),
  reason: text({ max: 500 }),
});
export type ClosePlaceBody = z.infer<typeof ClosePlaceBody>;

/** A linked household at a position, or at a building of the place's area (its point on surface). */
export const HouseholdInput = z
  .strictObject({
    label: text({ max: 100 }),
    position: LngLat.optional(),
    building_id: z.number({ error: 'must be a building id' }).int('must be a building id').min(1, 'must be a building id').optional(),
  })
  .refine((h) => (h.position === undefined) !== (h.building_id === undefined), 'give either position or building_id');
export type HouseholdInput = z.infer<typeof HouseholdInput>;

/** The whole list of a center household's linked households, replacing the one before. */
export const HouseholdsBody = z
  .array(HouseholdInput, { error: 'must be a list of households' })
  .max(maxLinkedHouseholds, `at most ${maxLinkedHouseholds} households`);
export type HouseholdsBody = z.infer<typeof HouseholdsBody>;
