import type { PlaceRecord, PlaceSummary } from '../contract/places.ts';
import type { HistoryEntry } from '../contract/registry.ts';
import { presentHistory } from '../registry-history/present.ts';
import type { HistoryRow } from '../registry-history/queries.ts';
import type { PlaceSummaryRow } from './queries.ts';
import type { PlaceView } from './read-place.ts';

export function presentPlaceSummary(r: PlaceSummaryRow): PlaceSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    tier: r.tier,
    area_code: r.area_code,
    area_name: r.area_name,
    address: r.address,
    position: [r.lng, r.lat],
    precision: r.exact ? 'exact' : 'generalized',
    linked_households: r.linked_households,
    closed_on: r.closed_on,
  };
}

/**
 * A history entry as the caller may see it: a center household's moves and edits carry its home
 * (positions, the address), so without an exact read they say only which fields changed.
 */
function presentPlaceHistory(h: HistoryRow, exact: boolean): HistoryEntry {
  const detail = exact || !['moved', 'edited'].includes(h.action) ? h.detail : h.action === 'edited' ? { changed: h.detail.changed } : {};
  return { ...presentHistory(h), detail };
}

export function presentPlaceRecord({ row: r, history, households, exact }: PlaceView): PlaceRecord {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    tier: r.tier,
    area_code: r.area_code,
    area_name: r.area_name,
    address: exact ? r.address : null,
    position: exact ? [r.lng, r.lat] : [r.approx_lng, r.approx_lat],
    precision: exact ? 'exact' : 'generalized',
    linked_households: r.linked_households,
    closed_on: r.closed_on,
    opening_hours: r.opening_hours,
    services: r.services,
    contact_name: r.contact_name,
    contact_phone: exact ? r.contact_phone : null,
    member: r.member_id !== null ? { id: r.member_id, name: r.member_name ?? '' } : null,
    close_reason: r.close_reason,
    households: households?.map((h) => ({ id: h.id, label: h.label, building_id: h.building_id, position: [h.lng, h.lat] })) ?? null,
    history: history.map((h) => presentPlaceHistory(h, exact)),
  };
}
