/**
 * Village grids: farmhouses (农房) of 1–6 households clustered in hamlets (村民小组), whose
 * households add up to the grid's.
 */
import type { GridPlan } from './grids.ts';
import type { XY } from './geometry.ts';
import type { FootprintSet } from './footprints.ts';
import type { BuildingDraft } from './compounds.ts';
import type { Rng } from './random.ts';
import { randomPointIn, sampleSeeds } from './seeds.ts';

const HOUSEHOLD_SIZES = [1, 2, 3, 4, 5, 6];
const HOUSEHOLD_WEIGHTS = [10, 30, 28, 16, 10, 6];

/**
 * Houses for one village grid. `firstGroup` numbers the grid's hamlets (组) within the village;
 * returns the houses and how many hamlets were used.
 */
export function villageHouses(grid: GridPlan, footprints: FootprintSet, firstGroup: number, rng: Rng): { buildings: BuildingDraft[]; groups: number } {
  const sizes: number[] = [];
  let total = 0;
  while (total < grid.households) {
    const s = Math.min(rng.weighted(HOUSEHOLD_SIZES, HOUSEHOLD_WEIGHTS), grid.households - total);
    sizes.push(s);
    total += s;
  }
  const hamlets = Math.max(1, Math.round(sizes.length / rng.uniform(18, 36)));
  const centers = sampleSeeds(grid.shape, hamlets, rng, { candidates: 10 });
  const angles = centers.map(() => rng.uniform(0, Math.PI));
  const perHamlet = Math.ceil(sizes.length / hamlets);
  const counters = centers.map(() => 0);
  const buildings: BuildingDraft[] = [];
  sizes.forEach((households, i) => {
    const h = Math.min(hamlets - 1, Math.floor(i / perHamlet));
    const center = centers[h] as XY;
    const w = 9 + 1.5 * households + rng.uniform(0, 3);
    const d = rng.uniform(8, 11);
    const angle = (angles[h] as number) + rng.uniform(-0.25, 0.25);
    let sigma = 18 * Math.sqrt(perHamlet);
    let corners: XY[] | null = null;
    for (let tries = 0; tries < 60 && !corners; tries++, sigma *= 1.06) {
      const p: XY = tries < 45 ? [center[0] + rng.normal() * sigma, center[1] + rng.normal() * sigma] : randomPointIn(grid.shape, rng);
      corners = footprints.fits(p, w, d, angle, 2, 3, 2);
    }
    if (!corners)
      corners = footprints.squeeze(
        Array.from({ length: 60 }, () => randomPointIn(grid.shape, rng)),
        10,
        angle,
      );
    footprints.add(corners);
    counters[h] = (counters[h] as number) + 1;
    buildings.push({
      name: `${grid.unit.name}${firstGroup + h}组${counters[h]}号`,
      compound: null,
      hamlet: firstGroup + h,
      floors: rng.weighted([1, 2, 3], [25, 55, 20]),
      households,
      corners,
    });
  });
  return { buildings, groups: hamlets };
}
