import type { LngLatTuple } from '../api/locate.api.ts';

export interface Pickable<K extends string> {
  kind: K;
  id: number;
  position: LngLatTuple;
}

/** Ground meters per screen pixel at a latitude and zoom (MapLibre's 512-pixel tiles). */
export function metersPerPixel(latitude: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** Meters between two nearby points (equirectangular: exact enough for a few screen pixels). */
function meters(a: LngLatTuple, b: LngLatTuple): number {
  const k = (Math.PI / 180) * 6_371_008.8;
  const dx = (a[0] - b[0]) * Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180));
  return Math.hypot(dx, a[1] - b[1]) * k;
}

/**
 * The marker a click at `point` hits: the nearest within `radiusPx` pixels at `zoom`, or null.
 * Done on positions rather than by GPU picking, so a click means the same on every screen.
 */
export function pickNearest<K extends string>(point: LngLatTuple, markers: readonly Pickable<K>[], zoom: number, radiusPx = 10): Pickable<K> | null {
  const limit = radiusPx * metersPerPixel(point[1], zoom);
  let best: Pickable<K> | null = null;
  let bestDistance = limit;
  for (const marker of markers) {
    const distance = meters(point, marker.position);
    if (distance <= bestDistance) {
      best = marker;
      bestDistance = distance;
    }
  }
  return best;
}
