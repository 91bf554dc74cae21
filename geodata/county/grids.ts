/**
 * Management grids (网格): each community or village is cut into grids of a few hundred
 * households — Voronoi cells of seeds clipped to the area, so grids tile it exactly — numbered in
 * reading order (rows of latitude bands north→south, west→east within a row).
 */
import { bboxOf, distance, multiArea, multiCentroid, type MultiPoly, type XY } from './geometry.ts';
import { apportionBounded, type Rng } from './random.ts';
import { readingOrder, sampleSeeds } from './seeds.ts';
import type { Territory, UnitPlan } from './territory.ts';
import { voronoiTiles } from './tiling.ts';

/** Bounds on households per grid (the sources: "a few hundred"). */
export const GRID_MIN_HOUSEHOLDS = 220;
export const GRID_MAX_HOUSEHOLDS = 580;

export interface GridPlan {
  code: string;
  name: string;
  kind: 'basic' | 'dedicated';
  /** What a dedicated grid (专属网格) serves, e.g. an industrial park or a hospital. */
  dedicatedTo: string | null;
  unit: UnitPlan;
  households: number;
  shape: MultiPoly;
  /** Area-weighted centroid (the numbering uses it). */
  centroid: XY;
  /** The Voronoi seed: always inside the grid, away from its edges. */
  seed: XY;
}

/** How many grids an area of `households` gets: about `target` households each, within bounds. */
export function gridCount(households: number, target: number): number {
  const lo = Math.max(1, Math.ceil(households / GRID_MAX_HOUSEHOLDS));
  const hi = Math.max(lo, Math.floor(households / GRID_MIN_HOUSEHOLDS));
  return Math.min(hi, Math.max(lo, Math.round(households / target)));
}

/**
 * The reading order of grid centroids inside an area: latitude bands as tall as a typical grid
 * (sqrt(area / n)), counted from the area's northern edge.
 */
export function gridOrder(unitShape: MultiPoly, centroids: readonly XY[]): number[] {
  const band = Math.sqrt(multiArea(unitShape) / centroids.length);
  return readingOrder(centroids, bboxOf(unitShape)[3], band);
}

/** Industrial parks and hospitals given dedicated grids (专属网格). */
const DEDICATED = [
  { label: '涪城工业园区', where: 'edge' },
  { label: '高端制造产业园', where: 'edge' },
  { label: '现代物流园', where: 'edge' },
  { label: '区人民医院', where: 'center' },
  { label: '区中医医院', where: 'center' },
] as const;

/** Grids for every community and village. */
export function buildGrids(territory: Territory, rng: Rng): GridPlan[] {
  const grids: GridPlan[] = [];
  for (const unit of territory.units) {
    const r = rng.fork(unit.code);
    const urban = unit.level === 'community';
    const n = gridCount(unit.households, urban ? r.uniform(360, 440) : r.uniform(330, 450));
    const seeds = sampleSeeds(unit.shape, n, r, { candidates: 16 });
    const tiles = voronoiTiles(unit.shape, seeds);
    const centroids = tiles.map(multiCentroid);
    const order = gridOrder(unit.shape, centroids);
    const weights = tiles.map((t) => Math.pow(multiArea(t), 0.7) * r.uniform(0.8, 1.25));
    const households = apportionBounded(unit.households, weights, GRID_MIN_HOUSEHOLDS, GRID_MAX_HOUSEHOLDS);
    order.forEach((k, seq) => {
      grids.push({
        code: `${unit.code}${String(seq + 1).padStart(3, '0')}`,
        name: `第${seq + 1}网格`,
        kind: 'basic',
        dedicatedTo: null,
        unit,
        households: households[k] as number,
        shape: tiles[k] as MultiPoly,
        centroid: centroids[k] as XY,
        seed: seeds[k] as XY,
      });
    });
  }
  markDedicated(grids, territory, rng.fork('dedicated'));
  return grids;
}

function markDedicated(grids: GridPlan[], territory: Territory, rng: Rng): void {
  const urban = grids.filter((g) => g.unit.level === 'community');
  const byDistance = urban.slice().sort((a, b) => distance(a.seed, territory.center) - distance(b.seed, territory.center));
  const usedUnits = new Set<string>();
  for (const d of DEDICATED) {
    const pool = d.where === 'center' ? byDistance.slice(0, 60) : byDistance.slice(-60);
    const candidates = pool.filter((g) => !usedUnits.has(g.unit.code));
    const g = rng.pick(candidates);
    usedUnits.add(g.unit.code);
    g.kind = 'dedicated';
    g.dedicatedTo = d.label;
    g.name = `${g.name}（${d.label}专属网格）`;
  }
}
