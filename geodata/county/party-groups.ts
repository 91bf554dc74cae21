/**
 * Party groups (党小组) under grid branches: building groups (楼栋党小组) for the largest
 * compounds of an urban grid, hamlet groups (村民小组党小组) in village grids. A group's members
 * live in its compound or hamlet; the group takes part of its branch's member share.
 */
import type { BuiltArea } from './buildings.ts';
import { randomDate } from './dates.ts';
import type { GridPlan } from './grids.ts';
import type { HomeIndex } from './homes.ts';
import type { OrgPlan, OrgTree } from './org-tree.ts';
import type { Rng } from './random.ts';
import type { TerritorialOrgs } from './territorial-orgs.ts';
import { centroidOf } from './work-units.ts';

/** Share of a branch's members that sit in each of its groups. */
const GROUP_SHARE = 0.18;

export function addPartyGroups(tree: OrgTree, grids: readonly GridPlan[], built: BuiltArea, homes: HomeIndex, territorial: TerritorialOrgs, rng: Rng): void {
  grids.forEach((grid, index) => {
    const branch = territorial.grids.get(grid.code) as OrgPlan;
    const buildings = (built.byGrid[index] ?? []).flatMap((i) => {
      const b = built.buildings[i];
      return b && b.households > 0 ? [b] : [];
    });
    const wanted = branch.weight >= 45 ? rng.int(1, 3) : branch.weight >= 25 ? rng.int(0, 2) : 0;
    const candidates: { name: string; homes: number[] }[] = [];
    if (grid.unit.level === 'community') {
      const byCompound = new Map<number, number>();
      for (const b of buildings) if (b.compoundId !== null) byCompound.set(b.compoundId, (byCompound.get(b.compoundId) ?? 0) + b.households);
      const largest = [...byCompound].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, wanted);
      for (const [id] of largest) candidates.push({ name: `${grid.unit.name}${built.compounds[id - 1]?.name ?? ''}党小组`, homes: homes.compound(id) });
    } else {
      const hamlets = [...new Set(buildings.map((b) => b.hamlet as number))].sort((a, b) => a - b).slice(0, wanted);
      for (const h of hamlets) candidates.push({ name: `${grid.unit.name}${h}组党小组`, homes: homes.hamlet(grid.unit.code, h) });
    }
    for (const c of candidates) {
      if (c.homes.length === 0) continue;
      const first = built.buildings[c.homes[0] as number];
      const weight = branch.weight * GROUP_SHARE;
      branch.weight -= weight;
      tree.add({
        name: c.name,
        kind: 'group',
        sector: branch.sector,
        parentId: branch.id,
        areaCode: branch.areaCode,
        at: first ? centroidOf(first.corners) : grid.seed,
        foundedOn: randomDate(rng, 2015, 2025),
        weight,
        homes: c.homes,
      });
    }
  });
}
