import type { PlanView } from '../api/plans.api.ts';
import type { Position } from './geometry.ts';
import { gridUnderLine } from './map-picks.ts';
import { nearestOnSegment, type SharedSegment } from './shared-boundaries.ts';

export interface RedrawPair {
  /** the grid across the boundary from the line's bow: it gains the ground between */
  a: string;
  /** the grid the line runs through */
  b: string;
}

/** Within this many metres, two pairs' boundaries are as near the line's ends as each other. */
const tie = 0.5;

/**
 * Which shared boundary a drawn line redraws: that of the pair of grids whose boundary lies nearest
 * both of its ends (the server picks the stretch to replace the same way); where the ends meet
 * several pairs' boundaries (at a corner of three grids), the pair with the grid the line runs
 * through. The server gives each grid its side by its ground, so `a` and `b` only name the pair;
 * they are ordered as a planner reads them.
 */
export function redrawPair(view: PlanView, segments: readonly SharedSegment[], line: readonly Position[]): RedrawPair | null {
  const start = line[0];
  const end = line[line.length - 1];
  if (!start || !end || line.length < 2) return null;
  const pairs = new Map<string, { a: string; b: string; start: number; end: number }>();
  for (const segment of segments) {
    const key = `${segment.a}\n${segment.b}`;
    const pair = pairs.get(key) ?? { a: segment.a, b: segment.b, start: Infinity, end: Infinity };
    pair.start = Math.min(pair.start, nearestOnSegment(start, segment).metres);
    pair.end = Math.min(pair.end, nearestOnSegment(end, segment).metres);
    pairs.set(key, pair);
  }
  const through = gridUnderLine(view, line);
  const ranked = [...pairs.values()].sort((p, q) => p.start + p.end - (q.start + q.end));
  const nearest = ranked[0];
  if (!nearest) return null;
  const best =
    ranked.find((p) => p.start + p.end - (nearest.start + nearest.end) <= tie && through !== null && (p.a === through || p.b === through)) ?? nearest;
  return best.a === through ? { a: best.b, b: best.a } : { a: best.a, b: best.b };
}
