import type { AreaCollection } from '../api/contract.ts';
import { getJson } from '../api/http.ts';

/** `GET /api/v1/areas?parent=…`: the areas one level under `parent` (a town's communities and villages). */
export function fetchChildAreas(parent: string, signal?: AbortSignal): Promise<AreaCollection> {
  return getJson<AreaCollection>(`/api/v1/areas?parent=${encodeURIComponent(parent)}`, signal);
}
