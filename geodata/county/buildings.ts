/**
 * Compounds and buildings for every grid: compounds of apartment buildings in urban grids,
 * farmhouses in village grids. Every footprint lies inside its grid.
 */
import { urbanBuildings } from './compounds.ts';
import { FootprintSet } from './footprints.ts';
import type { XY } from './geometry.ts';
import type { GridPlan } from './grids.ts';
import { villageHouses } from './houses.ts';
import { compoundNames, uniqueNamer } from './names.ts';
import type { Rng } from './random.ts';
import type { RoadIndex } from './roads.ts';

export interface CompoundPlan {
  id: number;
  name: string;
  grid: number;
  unitCode: string;
  corners: XY[];
}

export interface BuildingPlan {
  id: number;
  name: string;
  /** Index of the grid in the grid list. */
  grid: number;
  unitCode: string;
  compoundId: number | null;
  /** The village hamlet (组) number, for farmhouses. */
  hamlet: number | null;
  floors: number;
  households: number;
  /** Open counter-clockwise corners, meters. */
  corners: XY[];
}

export interface BuiltArea {
  compounds: CompoundPlan[];
  buildings: BuildingPlan[];
  /** Indices into `buildings`, per grid. */
  byGrid: number[][];
}

/** Builds compounds and buildings grid by grid (each grid draws from its own stream). */
export function buildBuildings(grids: readonly GridPlan[], roads: RoadIndex, streetAngle: number, rng: Rng): BuiltArea {
  const compounds: CompoundPlan[] = [];
  const buildings: BuildingPlan[] = [];
  const byGrid: number[][] = [];
  const compoundNamePools = new Map<string, string[]>();
  const extraNames = new Map<string, (name: string) => string>();
  const hamletCounters = new Map<string, number>();
  const standalone = new Map<string, number>();

  grids.forEach((grid, g) => {
    const r = rng.fork(grid.code);
    const footprints = new FootprintSet(grid.shape, roads);
    const indices: number[] = [];
    const unitCode = grid.unit.code;
    if (grid.unit.level === 'community') {
      const pool = compoundNamePools.get(unitCode) ?? compoundNames(rng.fork(`names:${unitCode}`));
      compoundNamePools.set(unitCode, pool);
      const unique = extraNames.get(unitCode) ?? uniqueNamer();
      extraNames.set(unitCode, unique);
      const { compounds: cs, buildings: bs } = urbanBuildings(grid, footprints, streetAngle, r);
      const ids = cs.map((c) => {
        const id = compounds.length + 1;
        const name = pool.shift() ?? unique(`${grid.unit.name.replace('社区', '')}小区`);
        compounds.push({ id, name, grid: g, unitCode, corners: c.corners });
        return id;
      });
      const perCompound = new Map<number, number>();
      for (const b of bs) {
        let name = b.name;
        const compoundId = b.compound === null ? null : (ids[b.compound] as number);
        if (compoundId !== null) {
          const k = (perCompound.get(compoundId) ?? 0) + 1;
          perCompound.set(compoundId, k);
          name = `${(compounds[compoundId - 1] as CompoundPlan).name}${k}栋`;
        } else if (name === '') {
          const k = (standalone.get(unitCode) ?? 0) + 1;
          standalone.set(unitCode, k);
          name = `${grid.unit.name}${k}号楼`;
        }
        indices.push(buildings.length);
        buildings.push({
          id: buildings.length + 1,
          name,
          grid: g,
          unitCode,
          compoundId,
          hamlet: null,
          floors: b.floors,
          households: b.households,
          corners: b.corners,
        });
      }
    } else {
      const first = (hamletCounters.get(unitCode) ?? 0) + 1;
      const { buildings: bs, groups } = villageHouses(grid, footprints, first, r);
      hamletCounters.set(unitCode, first + groups - 1);
      for (const b of bs) {
        indices.push(buildings.length);
        buildings.push({
          id: buildings.length + 1,
          name: b.name,
          grid: g,
          unitCode,
          compoundId: null,
          hamlet: b.hamlet,
          floors: b.floors,
          households: b.households,
          corners: b.corners,
        });
      }
    }
    byGrid.push(indices);
  });
  return { compounds, buildings, byGrid };
}
