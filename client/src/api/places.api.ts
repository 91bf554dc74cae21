import type { CreatePlaceInput, HouseholdInput, PlaceList, PlaceRecord, UpdatePlaceInput } from './contract.ts';
import type { BboxTuple } from './grids.api.ts';
import { getJson, request } from './http.ts';
import { queryString } from './query.ts';

export interface PlaceFilter {
  kind?: string;
  area?: string;
  q?: string;
  status?: 'open' | 'closed' | 'all';
  bbox?: BboxTuple;
  limit?: number;
  after?: number;
}

export const placeQuery = (filter: PlaceFilter) => queryString({ ...filter, bbox: filter.bbox?.map((n) => Number(n.toFixed(6))) });

/** The filters a place export takes (kind, area, name, status) as query parameters. */
export const placeExportQuery = ({ kind, area, q, status }: PlaceFilter) => queryString({ kind, area, q, status });

/** `GET /api/v1/places?…`: service positions in scope (center households generalized unless exact reads are allowed). */
export function fetchPlaces(filter: PlaceFilter, signal?: AbortSignal): Promise<PlaceList> {
  return getJson<PlaceList>(`/api/v1/places${placeQuery(filter)}`, signal);
}

/** `GET /api/v1/places/{id}`: households only with member.read_exact (audited). */
export function fetchPlace(id: number, signal?: AbortSignal): Promise<PlaceRecord> {
  return getJson<PlaceRecord>(`/api/v1/places/${id}`, signal);
}

export function createPlace(body: CreatePlaceInput): Promise<PlaceRecord> {
  return request<PlaceRecord>('/api/v1/places', { method: 'POST', body });
}

export function updatePlace(id: number, body: UpdatePlaceInput): Promise<PlaceRecord> {
  return request<PlaceRecord>(`/api/v1/places/${id}`, { method: 'PATCH', body });
}

export function closePlace(id: number, body: { effective_on?: string; reason: string }): Promise<PlaceRecord> {
  return request<PlaceRecord>(`/api/v1/places/${id}/close`, { method: 'POST', body });
}

/** `PUT /api/v1/places/{id}/households`: a center household's whole list of linked households, replacing the one before. */
export function replaceHouseholds(id: number, body: readonly HouseholdInput[]): Promise<PlaceRecord> {
  return request<PlaceRecord>(`/api/v1/places/${id}/households`, { method: 'PUT', body });
}
