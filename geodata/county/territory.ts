/**
 * Administrative areas: the county, 13 towns/streets (乡镇/街道) and their communities (社区)
 * and villages (村). Each level is a Voronoi tiling of the level above, so children tile their
 * parent exactly. Codes follow GB/T 2260 + 3-digit township + 3-digit village/community.
 */
import { bboxOf, distance, distanceToBoundary, multiArea, multiCentroid, pointInShape, type MultiPoly, type XY } from './geometry.ts';
import { communityNames, STREET_NAMES, TOWN_NAMES, villageNames } from './names.ts';
import { countyOutline } from './outline.ts';
import { apportion, type Rng } from './random.ts';
import { randomPointIn, readingOrder, sampleSeeds } from './seeds.ts';
import { growRegions } from './regions.ts';
import { voronoiTiles } from './tiling.ts';

export const COUNTY_CODE = '510703000000';
export const COUNTY_NAME = '涪城区（合成演示数据）';

export interface TerritorySpec {
  streets: number;
  towns: number;
  communities: number;
  villages: number;
}

/** Counts from the county's own reports: 13 towns/streets, 46 communities, 132 villages. */
export const DEFAULT_TERRITORY: TerritorySpec = { streets: 5, towns: 8, communities: 46, villages: 132 };

/** A community (社区, in a street) or village (村, in a town). */
export interface UnitPlan {
  code: string;
  name: string;
  level: 'community' | 'village';
  townCode: string;
  shape: MultiPoly;
  /** A point well inside the area: its office and service station. */
  center: XY;
  households: number;
  area: number;
}

export interface TownPlan {
  code: string;
  name: string;
  isUrban: boolean;
  shape: MultiPoly;
  center: XY;
  units: UnitPlan[];
}

export interface Territory {
  code: string;
  name: string;
  shape: MultiPoly;
  /** The county seat (区委/区政府), in the urban core. */
  center: XY;
  /** The urban core: the union of the streets. */
  core: MultiPoly;
  /** Orientation of the core's street grid, radians. */
  streetAngle: number;
  towns: TownPlan[];
  units: UnitPlan[];
}

/** A point well inside the shape, near its middle (for offices and labels). */
export function interiorPoint(shape: MultiPoly, rng: Rng): XY {
  const c = multiCentroid(shape);
  const size = Math.sqrt(multiArea(shape));
  if (pointInShape(c, shape) && distanceToBoundary(c, shape) > 0.25 * size) return c;
  let best = randomPointIn(shape, rng);
  let bestScore = -Infinity;
  for (let i = 0; i < 60; i++) {
    const p = randomPointIn(shape, rng);
    const score = distanceToBoundary(p, shape) - 0.3 * distance(p, c);
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

function inReadingOrder<T extends { shape: MultiPoly }>(items: T[], parent: MultiPoly): T[] {
  const band = Math.sqrt(multiArea(parent) / Math.max(1, items.length));
  const top = bboxOf(parent)[3];
  return readingOrder(
    items.map((i) => multiCentroid(i.shape)),
    top,
    band,
  ).map((k) => items[k] as T);
}

/** Builds the county, its towns and their communities/villages. */
export function buildTerritory(rng: Rng, spec: TerritorySpec = DEFAULT_TERRITORY): Territory {
  const outline = countyOutline(rng.fork('outline'));
  const county: MultiPoly = [[outline]];
  const layout = rng.fork('layout');

  // the core (all streets) and the rural towns around it
  const coreSeed: XY = [layout.uniform(-400, 400), layout.uniform(-400, 400)];
  const ringSeeds: XY[] = [];
  const start = layout.uniform(0, 2 * Math.PI);
  for (let i = 0; i < spec.towns; i++) {
    const a = start + (2 * Math.PI * i) / spec.towns + layout.uniform(-0.15, 0.15);
    const d = layout.uniform(6600, 7600);
    ringSeeds.push([coreSeed[0] + d * Math.cos(a), coreSeed[1] + d * Math.sin(a)]);
  }
  const [core, ...townShapes] = growRegions(
    county,
    [{ seed: coreSeed, targetArea: spec.communities * 0.85e6 }, ...ringSeeds.map((seed) => ({ seed }))],
    170,
    layout.fork('regions'),
  ) as [MultiPoly, ...MultiPoly[]];

  const streetSeeds = sampleSeeds(core, spec.streets, layout, { candidates: 30 });
  const streetShapes = voronoiTiles(core, streetSeeds);

  const names = rng.fork('names');
  const communityNamePool = communityNames(names, spec.communities);
  const villageNamePool = villageNames(names, spec.villages);

  const drafts = [
    ...inReadingOrder(
      streetShapes.map((shape, i) => ({ shape, name: STREET_NAMES[i] as string, isUrban: true })),
      core,
    ),
    ...inReadingOrder(
      townShapes.map((shape, i) => ({ shape, name: TOWN_NAMES[i] as string, isUrban: false })),
      county,
    ),
  ];
  const urbanCounts = apportion(spec.communities - 5 * spec.streets, streetShapes.map(multiArea)).map((n) => n + 5);
  const ruralCounts = apportion(spec.villages - 10 * spec.towns, townShapes.map(multiArea)).map((n) => n + 10);

  const unitsRng = rng.fork('units');
  const households = rng.fork('households');
  const coreRadius = Math.sqrt(multiArea(core) / Math.PI);
  let communityName = 0;
  let villageName = 0;
  const towns: TownPlan[] = drafts.map((draft, t) => {
    const code = `${COUNTY_CODE.slice(0, 6)}${String(t + 1).padStart(3, '0')}000`;
    const urbanIndex = streetShapes.indexOf(draft.shape);
    const count = draft.isUrban ? (urbanCounts[urbanIndex] as number) : (ruralCounts[townShapes.indexOf(draft.shape)] as number);
    const unitRng = unitsRng.fork(code);
    const seeds = sampleSeeds(draft.shape, count, unitRng, {
      candidates: 16,
      // communities are smaller toward the city center
      spacing: draft.isUrban ? (p) => 0.55 + 0.45 * Math.min(1, distance(p, coreSeed) / coreRadius) : undefined,
    });
    const shapes = inReadingOrder(
      voronoiTiles(draft.shape, seeds).map((shape) => ({ shape })),
      draft.shape,
    );
    const units: UnitPlan[] = shapes.map(({ shape }, u) => {
      const level = draft.isUrban ? 'community' : 'village';
      const centre = interiorPoint(shape, unitRng);
      const area = multiArea(shape);
      const nearCore = 1 - Math.min(1, distance(centre, coreSeed) / coreRadius);
      const h = draft.isUrban
        ? Math.round(Math.min(8000, Math.max(2000, 2600 + 5000 * nearCore + households.uniform(-900, 900))))
        : Math.round(Math.min(1500, Math.max(300, 300 + 1200 * Math.sqrt(households.next()) * (0.6 + 0.4 * Math.min(1, area / 6e6)))));
      return {
        code: `${code.slice(0, 9)}${String(u + 1).padStart(3, '0')}`,
        name: level === 'community' ? (communityNamePool[communityName++] as string) : (villageNamePool[villageName++] as string),
        level,
        townCode: code,
        shape,
        center: centre,
        households: h,
        area,
      };
    });
    return { code, name: draft.name, isUrban: draft.isUrban, shape: draft.shape, center: interiorPoint(draft.shape, unitRng), units };
  });

  return {
    code: COUNTY_CODE,
    name: COUNTY_NAME,
    shape: county,
    center: coreSeed,
    core,
    streetAngle: layout.uniform(-0.3, 0.3),
    towns,
    units: towns.flatMap((t) => t.units),
  };
}
