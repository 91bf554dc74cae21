import type { BeltRecord, BeltSite, BeltSummary, CorridorCounts } from '../contract/belts.ts';
import { placeKinds, type PlaceKind } from '../contract/places.ts';
import type { BeltLegRow, BeltRow, BeltSiteRow, BeltSummaryRow, CountRow } from './queries.ts';

export function presentBeltSummary(r: BeltSummaryRow): BeltSummary {
  return {
    id: r.id,
    name: r.name,
    area_code: r.area_code,
    area_name: r.area_name,
    site_count: r.site_count,
    length_m: r.length_m,
    width_m: r.width_m,
    bbox: r.bbox,
  };
}

export function presentSite(r: BeltSiteRow): BeltSite {
  return { seq: r.seq, id: r.id, name: r.name, area_code: r.area_code, area_name: r.area_name, position: [r.lng, r.lat], closed_on: r.closed_on };
}

/** Every kind of place named, 0 where the corridor holds none. */
export function presentCounts(r: CountRow): CorridorCounts {
  const places = Object.fromEntries(placeKinds.map((k) => [k, r.places[k] ?? 0])) as Record<PlaceKind, number>;
  return { places, orgs: r.orgs, members: r.members, new_orgs: { enterprise: r.enterprises, social_org: r.social_orgs } };
}

/** [west, south, east, north] of the points. */
function boxOf(points: ReadonlyArray<readonly [number, number]>): [number, number, number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export type BeltParts = { sites: BeltSiteRow[]; legs: BeltLegRow[]; counts: CountRow };

export function presentBeltRecord(r: BeltRow, parts: BeltParts): BeltRecord {
  const line = r.line ?? { type: 'LineString' as const, coordinates: parts.sites.map((s): [number, number] => [s.lng, s.lat]) };
  return {
    id: r.id,
    name: r.name,
    area_code: r.area_code,
    area_name: r.area_name,
    description: r.description,
    width_m: r.width_m,
    length_m: r.length_m,
    created_at: r.created_at,
    updated_at: r.updated_at,
    sites: parts.sites.map(presentSite),
    legs: parts.legs.map((l) => ({ seq: l.seq, from_site_id: l.from_site_id, to_site_id: l.to_site_id, routed: l.routed, length_m: l.length_m, line: l.line })),
    line,
    corridor: r.corridor ?? { type: 'MultiPolygon', coordinates: [] },
    bbox: r.bbox ?? boxOf(line.coordinates),
    counts: presentCounts(parts.counts),
  };
}
