import type { LocateResult, PlaceSearchResult } from './contract.ts';
import { getJson } from './http.ts';

export type LngLatTuple = readonly [number, number];

/** `GET /api/v1/locate?lng=…&lat=…`: which county, town, community/village and grid a point lies in. */
export function fetchLocate([lng, lat]: LngLatTuple, signal?: AbortSignal): Promise<LocateResult> {
  return getJson<LocateResult>(`/api/v1/locate?lng=${lng.toFixed(6)}&lat=${lat.toFixed(6)}`, signal);
}

/** `GET /api/v1/locate/search?q=…`: places in scope by name, or grids by code, each with a point. */
export function searchPlaces(q: string, signal?: AbortSignal): Promise<PlaceSearchResult> {
  return getJson<PlaceSearchResult>(`/api/v1/locate/search?${new URLSearchParams({ q, limit: '10' }).toString()}`, signal);
}
