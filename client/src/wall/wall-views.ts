import { bbox as turfBbox } from '@turf/turf';
import type { AreaFeature } from '../api/contract.ts';
import type { BboxTuple } from '../api/grids.api.ts';

/** One view of the rotation: the whole scope, or one town. */
export interface WallView {
  /** Area code; null for the token's whole scope. */
  code: string | null;
  /** The town's name; null for the whole scope (its name comes from the summary). */
  name: string | null;
  bbox: BboxTuple;
  /** The town's polygon, outlined on the map; null for the whole scope. */
  feature: AreaFeature | null;
}

export function bboxOf(features: readonly AreaFeature[]): BboxTuple | null {
  if (features.length === 0) return null;
  const [minLng, minLat, maxLng, maxLat] = turfBbox({ type: 'FeatureCollection', features: [...features] });
  return [minLng, minLat, maxLng, maxLat];
}

/** The whole scope first, then each town (west to east), when the root is larger than one town. */
export function wallViews(towns: readonly AreaFeature[], root: string | null): WallView[] {
  const whole = bboxOf(towns);
  if (!whole) return [];
  const single = towns.length === 1 && towns[0]!.properties.code === root;
  const byTown = towns.map((feature) => ({ feature, bbox: bboxOf([feature])! })).sort((a, b) => a.bbox[0] + a.bbox[2] - (b.bbox[0] + b.bbox[2]));
  const rootView: WallView = single
    ? { code: root, name: towns[0]!.properties.name, bbox: whole, feature: towns[0]! }
    : { code: root, name: null, bbox: whole, feature: null };
  if (single) return [rootView];
  return [rootView, ...byTown.map(({ feature, bbox }) => ({ code: feature.properties.code, name: feature.properties.name, bbox, feature }))];
}
