import type { BboxTuple } from '../api/grids.api.ts';

/** The box around some positions, widened by `margin` of its size (and at least ~200 m), for fitBounds. */
export function boundsAround(positions: ReadonlyArray<readonly [number, number]>, margin = 0.15): BboxTuple {
  const lngs = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const dx = Math.max((e - w) * margin, 0.002);
  const dy = Math.max((n - s) * margin, 0.002);
  return [w - dx, s - dy, e + dx, n + dy];
}
