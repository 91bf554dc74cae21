import type { AreaCollection, AreaLevel } from './contract.ts';
import { getJson } from './http.ts';

/** `GET /api/v1/areas?level=…`: every area of one level, as polygons. */
export function fetchAreas(level: AreaLevel, signal?: AbortSignal): Promise<AreaCollection> {
  return getJson<AreaCollection>(`/api/v1/areas?level=${encodeURIComponent(level)}`, signal);
}
