/**
 * Organic regions: the shape is cut into small Voronoi "atoms", and regions grow from their
 * seeds over neighbouring atoms (nearest first, with a random bias per atom), so their borders
 * wander like real township borders instead of running straight. Regions are unions of whole
 * atoms, so together they still tile the shape exactly.
 */
import { featureCollection, union } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { Delaunay } from 'd3-delaunay';
import { distance, multiArea, pointInShape, type MultiPoly, type XY } from './geometry.ts';
import type { Rng } from './random.ts';
import { sampleSeeds } from './seeds.ts';
import { voronoiTiles } from './tiling.ts';

export interface RegionSource {
  seed: XY;
  /** Stop growing at this area (m²); the last region takes whatever is left. */
  targetArea?: number;
}

/** Regions grown from the sources in order, each a union of atoms; together they tile the shape. */
export function growRegions(shape: MultiPoly, sources: readonly RegionSource[], atoms: number, rng: Rng): MultiPoly[] {
  const seeds = sampleSeeds(shape, atoms, rng, { candidates: 8 });
  const tiles = voronoiTiles(shape, seeds);
  const areas = tiles.map(multiArea);
  const delaunay = Delaunay.from(seeds.map((s) => [s[0], s[1]] as [number, number]));
  const neighbours = seeds.map((_, i) => [...delaunay.neighbors(i)]);
  const bias = seeds.map(() => rng.uniform(0.7, 1.4));
  const owner: number[] = seeds.map(() => -1);

  const startAtom = (p: XY): number => {
    const inside = tiles.findIndex((t, i) => owner[i] === -1 && pointInShape(p, t));
    if (inside >= 0) return inside;
    let best = -1;
    seeds.forEach((s, i) => {
      if (owner[i] === -1 && (best < 0 || distance(s, p) < distance(seeds[best] as XY, p))) best = i;
    });
    return best;
  };

  // regions with a target area grow alone, one after the other; the rest grow together
  const bounded = sources.map((s, r) => ({ ...s, r })).filter((s) => s.targetArea !== undefined);
  const open = sources.map((s, r) => ({ ...s, r })).filter((s) => s.targetArea === undefined);
  for (const src of bounded) grow([src], src.targetArea as number);
  grow(open, Infinity);

  function grow(group: { seed: XY; r: number }[], target: number): void {
    const size = group.map(() => 0);
    const frontier: { atom: number; g: number; cost: number }[] = [];
    const claim = (atom: number, g: number): void => {
      owner[atom] = (group[g] as { r: number }).r;
      size[g] = (size[g] as number) + (areas[atom] as number);
      for (const n of neighbours[atom] ?? []) {
        if (owner[n] === -1) frontier.push({ atom: n, g, cost: distance(seeds[n] as XY, (group[g] as { seed: XY }).seed) * (bias[n] as number) });
      }
    };
    group.forEach((src, g) => {
      const a = startAtom(src.seed);
      if (a >= 0) claim(a, g);
    });
    while (frontier.length > 0) {
      let k = 0;
      for (let i = 1; i < frontier.length; i++) if ((frontier[i] as { cost: number }).cost < (frontier[k] as { cost: number }).cost) k = i;
      const { atom, g } = frontier.splice(k, 1)[0] as { atom: number; g: number };
      if (owner[atom] !== -1 || (size[g] as number) >= target) continue;
      claim(atom, g);
    }
  }
  // atoms nothing reached (cut off by the outline) join the nearest region's seed
  owner.forEach((o, i) => {
    if (o !== -1) return;
    let best = 0;
    sources.forEach((s, r) => {
      if (distance(s.seed, seeds[i] as XY) < distance((sources[best] as RegionSource).seed, seeds[i] as XY)) best = r;
    });
    owner[i] = best;
  });

  return sources.map((_, r) => {
    const parts = tiles.filter((_, i) => owner[i] === r);
    if (parts.length === 0) throw new Error(`region ${r} got no atoms`);
    if (parts.length === 1) return parts[0] as MultiPoly;
    const merged = union(
      featureCollection<Polygon | MultiPolygon>(
        parts.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: p as Position[][][] } })),
      ),
    );
    if (!merged) throw new Error(`region ${r} is empty`);
    const g = merged.geometry;
    return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((poly) => poly.map((ring) => ring.map((p) => [p[0], p[1]] as XY)));
  });
}
