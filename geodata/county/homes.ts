/**
 * Where members can live: building indices by grid, community/village, compound and hamlet,
 * and the buildings of the areas nearest a point (for work-unit organizations).
 */
import type { BuiltArea } from './buildings.ts';
import { distance, type XY } from './geometry.ts';
import type { GridPlan } from './grids.ts';
import type { UnitPlan } from './territory.ts';

export class HomeIndex {
  private readonly byUnit = new Map<string, number[]>();
  private readonly byCompound = new Map<number, number[]>();
  private readonly byHamlet = new Map<string, number[]>();

  constructor(
    private readonly built: BuiltArea,
    grids: readonly GridPlan[],
    private readonly units: readonly UnitPlan[],
  ) {
    built.buildings.forEach((b, i) => {
      if (b.households === 0) return;
      push(this.byUnit, b.unitCode, i);
      if (b.compoundId !== null) push(this.byCompound, b.compoundId, i);
      if (b.hamlet !== null) push(this.byHamlet, `${b.unitCode}:${b.hamlet}`, i);
    });
    if (grids.length !== built.byGrid.length) throw new Error('grid and building lists differ');
  }

  /** Homes in a grid. */
  grid(index: number): number[] {
    return (this.built.byGrid[index] ?? []).filter((i) => (this.built.buildings[i]?.households ?? 0) > 0);
  }

  unit(code: string): number[] {
    return this.byUnit.get(code) ?? [];
  }

  compound(id: number): number[] {
    return this.byCompound.get(id) ?? [];
  }

  hamlet(unitCode: string, hamlet: number): number[] {
    return this.byHamlet.get(`${unitCode}:${hamlet}`) ?? [];
  }

  /** Homes in the `k` communities/villages whose centers are nearest to p. */
  near(p: XY, k: number, level?: 'community' | 'village'): number[] {
    return this.units
      .filter((u) => !level || u.level === level)
      .map((u) => ({ u, d: distance(u.center, p) }))
      .sort((a, b) => a.d - b.d || a.u.code.localeCompare(b.u.code))
      .slice(0, k)
      .flatMap(({ u }) => this.unit(u.code));
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
