/**
 * Seed points for Voronoi tilings: Mitchell's best-candidate sampling inside a shape, which
 * spreads points evenly (optionally denser where `spacing` is small) and keeps them off the edge.
 */
import { bboxOf, distance, distanceToBoundary, pointInShape, type MultiPoly, type XY } from './geometry.ts';
import type { Rng } from './random.ts';

/** A uniformly random point inside the shape (rejection sampling in its bounding box). */
export function randomPointIn(shape: MultiPoly, rng: Rng): XY {
  const [minX, minY, maxX, maxY] = bboxOf(shape);
  for (let tries = 0; tries < 100000; tries++) {
    const p: XY = [rng.uniform(minX, maxX), rng.uniform(minY, maxY)];
    if (pointInShape(p, shape)) return p;
  }
  throw new Error('no point found inside shape');
}

export interface SeedOptions {
  /** Relative spacing at a point (smaller is denser); defaults to 1 everywhere. */
  spacing?: (p: XY) => number;
  /** Candidates drawn per seed; more gives a more even spread. Defaults to 12. */
  candidates?: number;
  /** Points already placed that new seeds should keep away from. */
  existing?: readonly XY[];
}

/** `count` well-spread points inside the shape. */
export function sampleSeeds(shape: MultiPoly, count: number, rng: Rng, options: SeedOptions = {}): XY[] {
  const spacing = options.spacing ?? (() => 1);
  const k = options.candidates ?? 12;
  const placed: XY[] = [...(options.existing ?? [])];
  const seeds: XY[] = [];
  for (let n = 0; n < count; n++) {
    let best: XY | null = null;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      const p = randomPointIn(shape, rng);
      let d = 2 * distanceToBoundary(p, shape);
      for (const q of placed) d = Math.min(d, distance(p, q));
      const score = d / spacing(p);
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    const seed = best as XY;
    placed.push(seed);
    seeds.push(seed);
  }
  return seeds;
}

/**
 * Orders points in reading order: rows are latitude bands of height `band` counted from `top`
 * (north to south); within a row, west to east. Returns the indices in that order.
 */
export function readingOrder(points: readonly XY[], top: number, band: number): number[] {
  const row = (p: XY): number => Math.floor((top - p[1]) / band);
  return points
    .map((p, i) => ({ i, r: row(p), x: p[0] }))
    .sort((a, b) => a.r - b.r || a.x - b.x || a.i - b.i)
    .map((e) => e.i);
}
