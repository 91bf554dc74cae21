/**
 * The road network: arterials across the county, a ring road and radial roads to each town,
 * a street grid in the urban core, and village roads joining each town's villages (a minimum
 * spanning tree of their centers). Lines are clipped to the county.
 */
import { bboxOf, clipLine, distance, lineLength, pointInConvex, segmentSegmentDistance, type MultiPoly, type XY } from './geometry.ts';
import { roadNames, uniqueNamer } from './names.ts';
import type { Rng } from './random.ts';
import type { Territory } from './territory.ts';
import type { RoadClass } from './types.ts';

export interface RoadPlan {
  name: string | null;
  class: RoadClass;
  lines: XY[][];
}

/** Half the carriageway width of each class, meters. */
export const HALF_WIDTH: Record<RoadClass, number> = { primary: 14, secondary: 11, tertiary: 8, residential: 5 };

/** Answers whether a footprint comes too close to any road. */
export interface RoadIndex {
  /** Whether a road passes within its half-width plus `clearance` meters of the convex footprint. */
  blocks(corners: readonly XY[], clearance: number): boolean;
}

interface Segment {
  a: XY;
  b: XY;
  half: number;
}

const CELL = 250;

export function roadIndex(roads: readonly RoadPlan[]): RoadIndex {
  const cells = new Map<string, Segment[]>();
  for (const road of roads) {
    for (const line of road.lines) {
      for (let i = 0; i + 1 < line.length; i++) {
        const seg: Segment = { a: line[i] as XY, b: line[i + 1] as XY, half: HALF_WIDTH[road.class] };
        const x0 = Math.floor((Math.min(seg.a[0], seg.b[0]) - seg.half) / CELL);
        const x1 = Math.floor((Math.max(seg.a[0], seg.b[0]) + seg.half) / CELL);
        const y0 = Math.floor((Math.min(seg.a[1], seg.b[1]) - seg.half) / CELL);
        const y1 = Math.floor((Math.max(seg.a[1], seg.b[1]) + seg.half) / CELL);
        for (let x = x0; x <= x1; x++) {
          for (let y = y0; y <= y1; y++) {
            const key = `${x},${y}`;
            const list = cells.get(key);
            if (list) list.push(seg);
            else cells.set(key, [seg]);
          }
        }
      }
    }
  }
  return {
    blocks(corners, clearance) {
      const reach = HALF_WIDTH.primary + clearance;
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      const seen = new Set<Segment>();
      for (let x = Math.floor((Math.min(...xs) - reach) / CELL); x <= Math.floor((Math.max(...xs) + reach) / CELL); x++) {
        for (let y = Math.floor((Math.min(...ys) - reach) / CELL); y <= Math.floor((Math.max(...ys) + reach) / CELL); y++) {
          for (const seg of cells.get(`${x},${y}`) ?? []) {
            if (seen.has(seg)) continue;
            seen.add(seg);
            if (pointInConvex(seg.a, corners)) return true;
            for (let k = 0; k < corners.length; k++) {
              const d = segmentSegmentDistance(seg.a, seg.b, corners[k] as XY, corners[(k + 1) % corners.length] as XY);
              if (d < seg.half + clearance) return true;
            }
          }
        }
      }
      return false;
    },
  };
}

/** A gently wandering polyline from a to b, sampled every `step` meters. */
function wander(a: XY, b: XY, rng: Rng, amplitude: number, step = 400): XY[] {
  const len = distance(a, b);
  const n = Math.max(2, Math.ceil(len / step));
  const nx = -(b[1] - a[1]) / len;
  const ny = (b[0] - a[0]) / len;
  const waves = [1, 2, 3, 5].map((k) => ({ k, amp: (amplitude * rng.uniform(0.2, 1)) / k, phase: rng.uniform(0, 2 * Math.PI) }));
  const points: XY[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    // the offset vanishes at both ends so roads meet their endpoints
    let off = 0;
    for (const w of waves) off += w.amp * Math.sin(Math.PI * w.k * t) * Math.cos(w.phase);
    points.push([a[0] + (b[0] - a[0]) * t + nx * off, a[1] + (b[1] - a[1]) * t + ny * off]);
  }
  return points;
}

function clipped(line: XY[], shape: MultiPoly): XY[][] {
  return clipLine(line, shape).filter((piece) => lineLength(piece) > 20);
}

/** Prim's minimum spanning tree over points; returns index pairs. */
function spanningTree(points: readonly XY[]): [number, number][] {
  const inTree = new Set<number>([0]);
  const edges: [number, number][] = [];
  while (inTree.size < points.length) {
    let best: [number, number] = [0, 0];
    let bestD = Infinity;
    for (const i of inTree) {
      for (let j = 0; j < points.length; j++) {
        if (inTree.has(j)) continue;
        const d = distance(points[i] as XY, points[j] as XY);
        if (d < bestD) {
          bestD = d;
          best = [i, j];
        }
      }
    }
    inTree.add(best[1]);
    edges.push(best);
  }
  return edges;
}

/** All roads of the county. */
export function buildRoads(territory: Territory, rng: Rng): RoadPlan[] {
  const roads: RoadPlan[] = [];
  const stems = roadNames(rng);
  let stem = 0;
  const nextStem = (): string => stems[stem++ % stems.length] as string;
  const unique = uniqueNamer();
  const county = territory.shape;
  const c = territory.center;

  // arterials: long roads crossing the county through the city
  const base = rng.uniform(0, Math.PI);
  for (let i = 0; i < 3; i++) {
    const a = base + (i * Math.PI) / 3 + rng.uniform(-0.2, 0.2);
    const off = rng.uniform(-700, 700);
    const mid: XY = [c[0] - off * Math.sin(a), c[1] + off * Math.cos(a)];
    const reach = 26000;
    const line = wander([mid[0] - reach * Math.cos(a), mid[1] - reach * Math.sin(a)], [mid[0] + reach * Math.cos(a), mid[1] + reach * Math.sin(a)], rng, 1600);
    roads.push({ name: unique(`${nextStem()}大道`), class: 'primary', lines: clipped(line, county) });
  }

  // ring road hugging the core: its outline seen from the center, smoothed, a little outside
  const rays = 96;
  const reachOut = 40000;
  const radii = Array.from({ length: rays }, (_, i) => {
    const t = (2 * Math.PI * i) / rays;
    const pieces = clipLine([c, [c[0] + reachOut * Math.cos(t), c[1] + reachOut * Math.sin(t)]], territory.core);
    return Math.max(1000, ...pieces.map((piece) => distance(c, piece[piece.length - 1] as XY)));
  });
  const ring: XY[] = [];
  for (let i = 0; i <= rays; i++) {
    let sum = 0;
    for (let k = -4; k <= 4; k++) sum += radii[(i + k + 2 * rays) % rays] as number;
    const r = sum / 9 + 350;
    const t = (2 * Math.PI * (i % rays)) / rays;
    ring.push([c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)]);
  }
  roads.push({ name: unique('环城路'), class: 'secondary', lines: clipped(ring, county) });

  // radial roads from the edge of the city to each rural town
  for (const town of territory.towns.filter((t) => !t.isUrban)) {
    const line = wander(c, town.center, rng, 500);
    const lines = clipped(line, county)
      .flatMap((piece) => clipLine(piece, territory.core, 'outside'))
      .filter((p) => lineLength(p) > 20);
    roads.push({ name: unique(`${town.name.slice(0, 2)}路`), class: 'secondary', lines });
  }

  // the core's street grid
  const angle = territory.streetAngle;
  const [minX, minY, maxX, maxY] = bboxOf(territory.core);
  const half = Math.hypot(maxX - minX, maxY - minY) / 2 + 200;
  const mid: XY = [(minX + maxX) / 2, (minY + maxY) / 2];
  for (const [dir, suffix] of [
    [angle, '路'],
    [angle + Math.PI / 2, '街'],
  ] as const) {
    const ux = Math.cos(dir);
    const uy = Math.sin(dir);
    let k = 0;
    for (let s = -half + rng.uniform(0, 300); s < half; s += rng.uniform(380, 520), k++) {
      const o: XY = [mid[0] - uy * s, mid[1] + ux * s];
      const line: XY[] = [];
      for (let t = -half; t <= half; t += 250) line.push([o[0] + ux * t + uy * rng.uniform(-3, 3), o[1] + uy * t - ux * rng.uniform(-3, 3)]);
      const pieces = clipped(line, territory.core);
      if (pieces.length === 0) continue;
      roads.push({ name: unique(`${nextStem()}${suffix}`), class: k % 3 === 0 ? 'tertiary' : 'residential', lines: pieces });
    }
  }

  // village roads: each town's villages joined to the town center by a spanning tree
  for (const town of territory.towns.filter((t) => !t.isUrban)) {
    const nodes = [town.center, ...town.units.map((u) => u.center)];
    const names = ['', ...town.units.map((u) => u.name)];
    for (const [i, j] of spanningTree(nodes)) {
      const line = wander(nodes[i] as XY, nodes[j] as XY, rng, 0.08 * distance(nodes[i] as XY, nodes[j] as XY), 150);
      const pieces = clipped(line, county);
      if (pieces.length === 0) continue;
      const toTown = i === 0 || j === 0;
      const name = toTown ? `${town.name}至${names[i === 0 ? j : i]}公路` : `${names[i]}至${names[j]}村道`;
      roads.push({ name: unique(name), class: toTown ? 'tertiary' : 'residential', lines: pieces });
    }
  }
  return roads;
}
