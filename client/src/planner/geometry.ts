import type { BboxTuple } from '../api/grids.api.ts';

/** [lng, lat] in WGS-84 degrees. */
export type Position = readonly [number, number];
export type Ring = readonly Position[];
export type MultiPolygonCoordinates = readonly (readonly Ring[])[];

/** The box around every point of a multipolygon (or of several). */
export function bboxOf(multipolygons: readonly MultiPolygonCoordinates[]): BboxTuple | null {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const polygons of multipolygons)
    for (const polygon of polygons)
      for (const ring of polygon)
        for (const [lng, lat] of ring) {
          minLng = Math.min(minLng, lng);
          minLat = Math.min(minLat, lat);
          maxLng = Math.max(maxLng, lng);
          maxLat = Math.max(maxLat, lat);
        }
  return Number.isFinite(minLng) ? [minLng, minLat, maxLng, maxLat] : null;
}

/** Every position of a GeoJSON geometry of any kind (a validation item's geometry is not typed). */
export function positionsOf(geometry: unknown): Position[] {
  const out: Position[] = [];
  const walk = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
      out.push([value[0], value[1]]);
      return;
    }
    for (const item of value) walk(item);
  };
  if (typeof geometry === 'object' && geometry !== null) {
    if ('coordinates' in geometry) walk(geometry.coordinates);
    if ('geometries' in geometry && Array.isArray(geometry.geometries)) for (const part of geometry.geometries) out.push(...positionsOf(part));
  }
  return out;
}

/** The box around a list of positions; a point gets a small box around it. */
export function bboxOfPositions(positions: readonly Position[], minHalfSize = 0.001): BboxTuple | null {
  if (positions.length === 0) return null;
  const lngs = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const cx = (minLng + maxLng) / 2;
  const cy = (minLat + maxLat) / 2;
  const hx = Math.max((maxLng - minLng) / 2, minHalfSize);
  const hy = Math.max((maxLat - minLat) / 2, minHalfSize);
  return [cx - hx, cy - hy, cx + hx, cy + hy];
}

function ringContains(ring: Ring, [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a multipolygon (outer rings in, holes out). */
export function multipolygonContains(polygons: MultiPolygonCoordinates, point: Position): boolean {
  return polygons.some(([outer, ...holes]) => outer !== undefined && ringContains(outer, point) && !holes.some((hole) => ringContains(hole, point)));
}

/** Distance between two positions in metres (equirectangular: fine over a few hundred metres). */
export function metresBetween(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = b[1] - a[1];
  return Math.hypot(x, y) * rad * 6_371_000;
}

/** Points along a line at each quarter, to find which grid a drawn line crosses. */
export function pointsAlong(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    for (const t of [0.25, 0.5, 0.75]) out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
  }
  return out;
}
