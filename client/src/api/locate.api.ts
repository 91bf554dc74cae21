import type { LocateResult } from './contract.ts';
import { getJson } from './http.ts';

export type LngLatTuple = readonly [number, number];

/** `GET /api/v1/locate?lng=…&lat=…`: which county, town, community/village and grid a point lies in. */
export function fetchLocate([lng, lat]: LngLatTuple, signal?: AbortSignal): Promise<LocateResult> {
  return getJson<LocateResult>(`/api/v1/locate?lng=${lng.toFixed(6)}&lat=${lat.toFixed(6)}`, signal);
}
