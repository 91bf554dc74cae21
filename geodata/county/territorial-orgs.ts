/**
 * Organizations of the territory: a committee for each town or street (镇党委 / 街道党工委), a
 * committee or general branch for each community and large village, a branch for every grid
 * (网格党支部) and, in small villages, the village branch (村党支部) serving its only grid.
 */
import { randomDate } from './dates.ts';
import type { GridPlan } from './grids.ts';
import type { HomeIndex } from './homes.ts';
import type { OrgTree, OrgPlan } from './org-tree.ts';
import type { Rng } from './random.ts';
import type { Territory } from './territory.ts';

/** Members per household, urban grids and villages (tuned to the county's 63,636 members). */
export const MEMBERS_PER_HOUSEHOLD = { community: 0.13, village: 0.14 };

export interface TerritorialOrgs {
  /** By town code. */
  towns: Map<string, OrgPlan>;
  /** By community/village code: the committee, general branch or branch that leads it. */
  units: Map<string, OrgPlan>;
  /** By grid code: the branch serving the grid. */
  grids: Map<string, OrgPlan>;
}

export interface TerritorialSpec {
  /** The largest communities get a committee (社区党委); the rest a general branch. */
  communityCommittees: number;
  /** The largest villages get a committee (村党委). */
  villageCommittees: number;
}

export function addTerritorialOrgs(
  tree: OrgTree,
  territory: Territory,
  grids: readonly GridPlan[],
  homes: HomeIndex,
  spec: TerritorialSpec,
  rng: Rng,
): TerritorialOrgs {
  const towns = new Map<string, OrgPlan>();
  for (const town of territory.towns) {
    towns.set(
      town.code,
      tree.add({
        name: `${town.name}${town.isUrban ? '党工委' : '党委'}`,
        kind: 'committee',
        sector: town.isUrban ? 'community' : 'village',
        parentId: null,
        areaCode: town.code,
        at: town.center,
        foundedOn: randomDate(rng, 1952, 1995),
        weight: 0,
        homes: [],
      }),
    );
  }

  const largest = (level: 'community' | 'village', n: number): Set<string> =>
    new Set(
      territory.units
        .filter((u) => u.level === level)
        .sort((a, b) => b.households - a.households || a.code.localeCompare(b.code))
        .slice(0, n)
        .map((u) => u.code),
    );
  const communityCommittees = largest('community', spec.communityCommittees);
  const villageCommittees = largest('village', spec.villageCommittees);

  const gridsByUnit = new Map<string, number[]>();
  grids.forEach((g, i) => gridsByUnit.set(g.unit.code, [...(gridsByUnit.get(g.unit.code) ?? []), i]));

  const units = new Map<string, OrgPlan>();
  const gridOrgs = new Map<string, OrgPlan>();
  for (const unit of territory.units) {
    const town = towns.get(unit.townCode) as OrgPlan;
    const own = gridsByUnit.get(unit.code) ?? [];
    const rate = MEMBERS_PER_HOUSEHOLD[unit.level];
    const sector = unit.level;
    const committee = communityCommittees.has(unit.code) || villageCommittees.has(unit.code);
    if (unit.level === 'village' && !committee && own.length === 1) {
      const g = grids[own[0] as number] as GridPlan;
      const org = tree.add({
        name: `${unit.name}党支部`,
        kind: 'branch',
        sector,
        parentId: town.id,
        areaCode: unit.code,
        gridCode: g.code,
        at: unit.center,
        foundedOn: randomDate(rng, 1955, 2000),
        weight: g.households * rate,
        homes: homes.grid(own[0] as number),
      });
      units.set(unit.code, org);
      gridOrgs.set(g.code, org);
      continue;
    }
    const head = tree.add({
      name: `${unit.name}${committee ? '党委' : '党总支'}`,
      kind: committee ? 'committee' : 'general_branch',
      sector,
      parentId: town.id,
      areaCode: unit.code,
      at: unit.center,
      foundedOn: randomDate(rng, 1955, 2015),
      weight: 0,
      homes: [],
    });
    units.set(unit.code, head);
    for (const index of own) {
      const g = grids[index] as GridPlan;
      gridOrgs.set(
        g.code,
        tree.add({
          name: `${unit.name}${g.name}党支部`,
          kind: 'branch',
          sector,
          parentId: head.id,
          areaCode: unit.code,
          gridCode: g.code,
          at: g.seed,
          foundedOn: randomDate(rng, 2012, 2024),
          weight: g.households * rate,
          homes: homes.grid(index),
        }),
      );
    }
  }
  return { towns, units, grids: gridOrgs };
}
