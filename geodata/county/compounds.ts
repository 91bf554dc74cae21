/**
 * Urban grids: residential compounds (小区) — rectangles aligned with the street grid — holding
 * slab and tower buildings (楼栋, 6–33 floors, 20–200 households) whose households add up to the
 * grid's. Dedicated grids also get their park's factories or the hospital's main building.
 */
import type { GridPlan } from './grids.ts';
import { distanceToBoundary, multiArea, type XY } from './geometry.ts';
import type { FootprintSet } from './footprints.ts';
import { apportionBounded, type Rng } from './random.ts';
import { randomPointIn } from './seeds.ts';

export interface BuildingDraft {
  name: string;
  /** Index into the grid's compounds, or null for a building standing alone. */
  compound: number | null;
  /** The village hamlet (组) number, for farmhouses. */
  hamlet: number | null;
  floors: number;
  households: number;
  corners: XY[];
}

export interface CompoundDraft {
  /** Named later, uniquely within the community. */
  name: string;
  corners: XY[];
}

interface Spec {
  floors: number;
  capacity: number;
  length: number;
  depth: number;
}

/** Building types for a grid: walk-ups where there is room, towers where households are dense. */
function buildingSpecs(households: number, area: number, rng: Rng): Spec[] {
  const specs: Spec[] = [];
  const dense = Math.min(1, Math.max(0, (households / area - 0.003) / 0.005));
  const weights = [3 + 30 * (1 - dense), 35, 30 + 50 * dense];
  let total = 0;
  while (total < households) {
    const type = rng.weightedIndex(weights);
    let spec: Spec;
    if (type === 0) {
      const floors = rng.int(6, 7);
      const perFloor = 2 * rng.int(2, 5);
      spec = { floors, capacity: floors * perFloor, length: perFloor * 10, depth: 12 };
    } else if (type === 1) {
      const floors = rng.int(11, 18);
      const perFloor = 2 * rng.int(2, 4);
      spec = { floors, capacity: floors * perFloor, length: perFloor * 9, depth: 14 };
    } else {
      const floors = rng.int(24, 33);
      const perFloor = rng.int(4, 6);
      spec = { floors, capacity: Math.min(200, floors * perFloor), length: 20 + perFloor * 3, depth: 22 };
    }
    specs.push(spec);
    total += spec.capacity;
  }
  return specs.sort((a, b) => a.floors - b.floors);
}

interface Layout {
  w: number;
  h: number;
  /** Building centers relative to the compound center, in the compound's frame. */
  offsets: XY[];
}

function layout(specs: readonly Spec[], scale: number): Layout {
  const cols = Math.ceil(Math.sqrt(specs.length));
  const rows = Math.ceil(specs.length / cols);
  const cellW = Math.max(...specs.map((s) => s.length)) * scale + 8;
  const cellH = Math.max(...specs.map((s) => s.depth)) * scale + (specs[0] && specs[0].floors > 20 ? 20 : 12);
  const w = cols * cellW + 8;
  const h = rows * cellH + 8;
  const offsets = specs.map((_, i): XY => [-w / 2 + 4 + ((i % cols) + 0.5) * cellW, -h / 2 + 4 + (Math.floor(i / cols) + 0.5) * cellH]);
  return { w, h, offsets };
}

function rotate(p: XY, angle: number): XY {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [p[0] * c - p[1] * s, p[0] * s + p[1] * c];
}

/** Compounds and buildings for one urban grid. */
export function urbanBuildings(grid: GridPlan, footprints: FootprintSet, angle: number, rng: Rng): { compounds: CompoundDraft[]; buildings: BuildingDraft[] } {
  const compounds: CompoundDraft[] = [];
  const buildings: BuildingDraft[] = [];
  const specs = buildingSpecs(grid.households, multiArea(grid.shape), rng);
  const households = apportionBounded(
    grid.households,
    specs.map((s) => s.capacity),
    20,
    200,
  );
  const withHouseholds = specs.map((spec, i) => ({ spec, households: households[i] as number }));

  if (grid.dedicatedTo) placeWorkplaces(grid, footprints, angle, rng, buildings);

  // chunk the buildings into compounds of 2–6 similar buildings
  const queue: (typeof withHouseholds)[] = [];
  for (let i = 0; i < withHouseholds.length;) {
    const k = Math.min(withHouseholds.length - i, rng.int(2, 6));
    queue.push(withHouseholds.slice(i, i + k));
    i += k;
  }
  queue.sort((a, b) => b.length - a.length || (b[0]?.spec.floors ?? 0) - (a[0]?.spec.floors ?? 0));
  while (queue.length > 0) {
    const group = queue.shift() as typeof withHouseholds;
    let placed = false;
    const scales = group.length > 1 ? [1] : [1, 0.8, 0.65, 0.5];
    for (const scale of scales) {
      const l = layout(
        group.map((g) => g.spec),
        scale,
      );
      // of the first few positions that fit, take the one hugging the grid edge: it leaves the
      // most room for the compounds still to come
      let best: { center: XY; corners: XY[]; depth: number } | null = null;
      for (let tries = 0, found = 0; tries < 40 && found < 4; tries++) {
        const center = randomPointIn(grid.shape, rng);
        const corners = footprints.fits(center, l.w, l.h, angle, 3, 6, 3);
        if (!corners) continue;
        found++;
        const depth = distanceToBoundary(center, grid.shape);
        if (!best || depth < best.depth) best = { center, corners, depth };
      }
      if (!best && group.length === 1) {
        const hit = footprints.scan(l.w, l.h, angle, 3, 6, 3, 15);
        if (hit) best = { ...hit, depth: 0 };
      }
      if (best) {
        const { center, corners } = best;
        footprints.add(corners);
        const index = compounds.length;
        compounds.push({ name: '', corners });
        group.forEach((g, i) => {
          const [ox, oy] = rotate(l.offsets[i] as XY, angle);
          const bc: XY = [center[0] + ox, center[1] + oy];
          buildings.push({
            name: '',
            compound: index,
            hamlet: null,
            floors: g.spec.floors,
            households: g.households,
            corners: rectOf(bc, g.spec.length * scale, g.spec.depth * scale, angle),
          });
        });
        placed = true;
      }
      if (placed) break;
    }
    if (!placed && group.length > 1) {
      const half = Math.ceil(group.length / 2);
      queue.unshift(group.slice(0, half), group.slice(half));
      continue;
    }
    if (!placed) {
      // last resort: a small building at the most interior point, clear of everything it can be
      const g = group[0] as (typeof withHouseholds)[number];
      const corners = footprints.squeeze(
        Array.from({ length: 60 }, () => randomPointIn(grid.shape, rng)),
        20,
        angle,
      );
      footprints.add(corners);
      buildings.push({ name: '', compound: null, hamlet: null, floors: g.spec.floors, households: g.households, corners });
    }
  }
  return { compounds, buildings };
}

function rectOf(center: XY, w: number, h: number, angle: number): XY[] {
  const hw = w / 2;
  const hh = h / 2;
  return (
    [
      [-hw, -hh],
      [hw, -hh],
      [hw, hh],
      [-hw, hh],
    ] as XY[]
  ).map((p) => {
    const [x, y] = rotate(p, angle);
    return [center[0] + x, center[1] + y] as XY;
  });
}

function placeWorkplaces(grid: GridPlan, footprints: FootprintSet, angle: number, rng: Rng, out: BuildingDraft[]): void {
  const label = grid.dedicatedTo as string;
  const hospital = label.endsWith('医院');
  const count = hospital ? 2 : rng.int(3, 6);
  for (let i = 0; i < count; i++) {
    const w = hospital ? rng.uniform(60, 90) : rng.uniform(50, 110);
    const h = hospital ? rng.uniform(22, 30) : rng.uniform(25, 50);
    for (let tries = 0; tries < 80; tries++) {
      const corners = footprints.fits(randomPointIn(grid.shape, rng), w, h, angle, 4, 10, 4);
      if (!corners) continue;
      footprints.add(corners);
      const name = hospital ? `${label}${i === 0 ? '门诊楼' : '住院楼'}` : `${label}${i + 1}号厂房`;
      out.push({ name, compound: null, hamlet: null, floors: hospital ? rng.int(6, 16) : rng.int(1, 3), households: 0, corners });
      break;
    }
  }
}
