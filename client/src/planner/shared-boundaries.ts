import type { PlanGridFeature } from '../api/plans.api.ts';
import { metresBetween, type Position } from './geometry.ts';

/** A segment of the boundary two grids share. */
export interface SharedSegment {
  a: string;
  b: string;
  from: Position;
  to: Position;
}

/** Vertices compare after rounding: the plan's outlines come from one topology, so a shared edge has the same vertices in both grids. */
const vertexKey = ([lng, lat]: Position) => `${lng.toFixed(9)},${lat.toFixed(9)}`;
const segmentKey = (p: Position, q: Position) => [vertexKey(p), vertexKey(q)].sort().join(';');

/** Every segment that lies on the outlines (holes included) of exactly two grids. */
export function sharedSegments(features: readonly PlanGridFeature[]): SharedSegment[] {
  const seen = new Map<string, { grids: Set<string>; from: Position; to: Position }>();
  for (const feature of features) {
    const grid = String(feature.id);
    for (const polygon of feature.geometry.coordinates)
      for (const ring of polygon)
        for (let i = 1; i < ring.length; i++) {
          const from: Position = [ring[i - 1]![0], ring[i - 1]![1]];
          const to: Position = [ring[i]![0], ring[i]![1]];
          const key = segmentKey(from, to);
          const entry = seen.get(key) ?? { grids: new Set<string>(), from, to };
          entry.grids.add(grid);
          seen.set(key, entry);
        }
  }
  const out: SharedSegment[] = [];
  for (const { grids, from, to } of seen.values()) {
    const [a, b, ...more] = [...grids].sort();
    if (a !== undefined && b !== undefined && more.length === 0) out.push({ a, b, from, to });
  }
  return out;
}

/** Where along `from`→`to` (0…1) the point nearest `point` lies, in a plane where `scale` maps positions to it. */
export function nearestAlong(point: Position, from: Position, to: Position, scale: (p: Position) => Position = (p) => p): number {
  const [px, py] = scale(point);
  const [ax, ay] = scale(from);
  const [bx, by] = scale(to);
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return 0;
  return Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / length2));
}

export const along = (from: Position, to: Position, t: number): Position => [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t];

/** The point of a segment nearest `point`, and how many metres away it is. */
export function nearestOnSegment(point: Position, segment: SharedSegment): { at: Position; metres: number } {
  const cos = Math.cos((point[1] * Math.PI) / 180);
  const at = along(
    segment.from,
    segment.to,
    nearestAlong(point, segment.from, segment.to, ([lng, lat]) => [lng * cos, lat]),
  );
  return { at, metres: metresBetween(point, at) };
}
