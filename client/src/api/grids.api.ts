import type { GridCollection } from './contract.ts';
import { getJson } from './http.ts';

/** [minLng, minLat, maxLng, maxLat] in WGS-84 degrees. */
export type BboxTuple = readonly [number, number, number, number];

const decimals = 5;

/** The `bbox` query value: rounded (about 1 m) and clamped to valid coordinates. */
export function bboxParam([minLng, minLat, maxLng, maxLat]: BboxTuple): string {
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));
  return [clamp(minLng, 180), clamp(minLat, 90), clamp(maxLng, 180), clamp(maxLat, 90)].map((value) => value.toFixed(decimals)).join(',');
}

/** `GET /api/v1/grids?bbox=…`: the current grids intersecting the box. */
export function fetchGrids(bbox: BboxTuple, signal?: AbortSignal): Promise<GridCollection> {
  return getJson<GridCollection>(`/api/v1/grids?bbox=${bboxParam(bbox)}`, signal);
}
