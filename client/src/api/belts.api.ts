import type { BeltList, BeltRecord, BeltRoute, CreateBeltInput, PreviewBeltInput, UpdateBeltInput } from './contract.ts';
import { getJson, request } from './http.ts';
import { queryString } from './query.ts';

export interface BeltFilter {
  area?: string;
  q?: string;
  limit?: number;
  after?: number;
}

/** `GET /api/v1/belts?…`: model belts whose area is in scope, in id order. */
export function fetchBelts(filter: BeltFilter, signal?: AbortSignal): Promise<BeltList> {
  return getJson<BeltList>(`/api/v1/belts${queryString({ ...filter })}`, signal);
}

/** `GET /api/v1/belts/{id}`: sites, legs, line, corridor and the corridor's counts. */
export function fetchBelt(id: number, signal?: AbortSignal): Promise<BeltRecord> {
  return getJson<BeltRecord>(`/api/v1/belts/${id}`, signal);
}

/** `POST /api/v1/belts/preview`: the route, corridor and counts of sites and a width, nothing saved. */
export function previewBelt(body: PreviewBeltInput, signal?: AbortSignal): Promise<BeltRoute> {
  return request<BeltRoute>('/api/v1/belts/preview', { method: 'POST', body, signal });
}

export function createBelt(body: CreateBeltInput): Promise<BeltRecord> {
  return request<BeltRecord>('/api/v1/belts', { method: 'POST', body });
}

export function updateBelt(id: number, body: UpdateBeltInput): Promise<BeltRecord> {
  return request<BeltRecord>(`/api/v1/belts/${id}`, { method: 'PATCH', body });
}

/** `PUT /api/v1/belts/{id}/sites`: the sites anew, in order; the belt is routed again. */
export function replaceBeltSites(id: number, siteIds: readonly number[]): Promise<BeltRecord> {
  return request<BeltRecord>(`/api/v1/belts/${id}/sites`, { method: 'PUT', body: { site_ids: siteIds } });
}

export function deleteBelt(id: number): Promise<void> {
  return request<void>(`/api/v1/belts/${id}`, { method: 'DELETE' });
}
