/**
 * The synthetic demo county (涪城区, 合成演示数据): a deterministic function of a seed that
 * returns the rows of every territory and organization table, members as a stream.
 *
 * ```ts
 * const county = generateCounty({ seed: 1, members: 63636 });
 * county.areas.length; // 1 county + 13 towns + 178 communities/villages
 * for (const m of county.members.rows()) …
 * ```
 */
import { buildBuildings, type BuiltArea } from './buildings.ts';
import { REFERENCE_DATE } from './dates.ts';
import { multiPolygonGeometry, multiLineStringGeometry, pointGeometry } from './projection.ts';
import { buildGrids, type GridPlan } from './grids.ts';
import { HomeIndex } from './homes.ts';
import { closeRing, type MultiPoly } from './geometry.ts';
import { nodeShapes } from './noding.ts';
import { memberAt, memberSource, planMembers, type MemberContext } from './members.ts';
import { personName } from './names.ts';
import { buildNewOrgs, DEFAULT_NEW_ORGS, type NewOrgSpec } from './new-orgs.ts';
import { OrgTree } from './org-tree.ts';
import { buildRegional } from './pairings.ts';
import { addPartyGroups } from './party-groups.ts';
import { buildPlaces, DEFAULT_PLACES, type PlaceSpec } from './places.ts';
import { createRng } from './random.ts';
import { buildRoads, roadIndex, type RoadPlan } from './roads.ts';
import { buildGridStaff } from './staff.ts';
import { addTerritorialOrgs } from './territorial-orgs.ts';
import { buildTerritory, DEFAULT_TERRITORY, type Territory, type TerritorySpec } from './territory.ts';
import type { AreaRow, BuildingRow, CompoundRow, County, GridRow, OrgRow, RoadRow } from './types.ts';
import { buildWishes } from './wishes.ts';
import { addWorkUnits, fillBranches, WORK_UNIT_COMMITTEES } from './work-units.ts';

export type * from './types.ts';

/** The figures of the county's own reports. */
export const DEFAULT_FIGURES = {
  territory: DEFAULT_TERRITORY,
  committees: 80,
  branches: 2010,
  members: 63636,
  villageCommittees: 6,
  places: DEFAULT_PLACES,
  newOrgs: DEFAULT_NEW_ORGS,
};

export const DEFAULT_SEED = 1;

export interface CountyOptions {
  /** Any number or string; the same seed always gives the same county. Default 1. */
  seed?: number | string;
  /** How many members to generate (default 63,636; a million streams fine). */
  members?: number;
  /** Override the county's figures (tests use smaller ones). */
  figures?: Partial<{ territory: TerritorySpec; committees: number; branches: number; villageCommittees: number; places: PlaceSpec; newOrgs: NewOrgSpec }>;
}

/** Generates the whole county. Deterministic: the same options give byte-identical rows. */
export function generateCounty(options: CountyOptions = {}): County {
  const seed = String(options.seed ?? DEFAULT_SEED);
  const figures = { ...DEFAULT_FIGURES, ...options.figures };
  const memberTotal = options.members ?? DEFAULT_FIGURES.members;
  if (!Number.isInteger(memberTotal) || memberTotal < 0) throw new Error(`members must be a non-negative integer, got ${memberTotal}`);
  const rng = createRng(`redgrid-county:${seed}`);

  const territory = buildTerritory(rng.fork('territory'), figures.territory);
  const roads = buildRoads(territory, rng.fork('roads'));
  const grids = buildGrids(territory, rng.fork('grids'));
  shareBoundaries(territory, grids);
  const built = buildBuildings(grids, roadIndex(roads), territory.streetAngle, rng.fork('buildings'));
  const homes = new HomeIndex(built, grids, territory.units);

  const tree = new OrgTree();
  const orgRng = rng.fork('orgs');
  const communityCommittees = figures.committees - territory.towns.length - WORK_UNIT_COMMITTEES - figures.villageCommittees;
  const territorial = addTerritorialOrgs(
    tree,
    territory,
    grids,
    homes,
    { communityCommittees, villageCommittees: figures.villageCommittees },
    orgRng.fork('territorial'),
  );
  const units = addWorkUnits(tree, territory, grids, built, territorial, orgRng.fork('units'));
  const newOrgs = buildNewOrgs(tree, territory, grids, built, homes, units, orgRng.fork('new-orgs'), figures.newOrgs);
  fillBranches(tree, units, homes, figures.branches, orgRng.fork('fill'));
  addPartyGroups(tree, grids, built, homes, territorial, orgRng.fork('groups'));

  const memberContext: MemberContext = {
    seed,
    countyCode: territory.code,
    buildings: built.buildings,
    levels: new Map(territory.units.map((u) => [u.code, u.level])),
  };
  const plan = planMembers(tree.orgs, memberTotal);
  const secretaries = orgRng.fork('secretaries');
  for (const org of tree.orgs) {
    org.secretary = memberAt(memberContext, plan, org, 0)?.name ?? personName(secretaries, secretaries.chance(0.7) ? 'male' : 'female');
  }

  const gridStaff = buildGridStaff(grids, territorial, memberContext, plan, rng.fork('staff'));
  const places = buildPlaces(
    { territory, built, roads, territorial, units, orgs: tree.orgs, members: memberContext, plan },
    rng.fork('places'),
    figures.places,
  );
  const regional = buildRegional(territory, tree.orgs, territorial, units, newOrgs, rng.fork('regional'));
  const wishes = buildWishes(territory, built, territorial, plan, rng.fork('wishes'));

  return {
    seed,
    areas: areaRows(territory),
    grids: gridRows(grids),
    compounds: compoundRows(built),
    buildings: buildingRows(built),
    roads: roadRows(roads),
    orgs: tree.orgs.map((o): OrgRow => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      sector: o.sector,
      parent_id: o.parentId,
      area_code: o.areaCode,
      grid_code: o.gridCode,
      secretary_name: o.secretary,
      founded_on: o.foundedOn,
      geom: pointGeometry(o.at),
    })),
    members: memberSource(memberContext, tree.orgs, plan),
    gridStaff,
    places: places.places,
    belts: places.belts,
    beltSites: places.beltSites,
    newOrgs,
    pairings: regional.pairings,
    regionalGroups: regional.regionalGroups,
    regionalGroupOrgs: regional.regionalGroupOrgs,
    wishes,
  };
}

/** Nodes all area and grid outlines together (see noding.ts); shapes change by micrometers. */
function shareBoundaries(territory: Territory, grids: GridPlan[]): void {
  const shapes = [
    territory.shape,
    territory.core,
    ...territory.towns.map((t) => t.shape),
    ...territory.units.map((u) => u.shape),
    ...grids.map((g) => g.shape),
  ];
  const noded = nodeShapes(shapes);
  let k = 0;
  const next = (): MultiPoly => noded[k++] as MultiPoly;
  territory.shape = next();
  territory.core = next();
  for (const t of territory.towns) t.shape = next();
  for (const u of territory.units) u.shape = next();
  for (const g of grids) g.shape = next();
}

function areaRows(territory: Territory): AreaRow[] {
  const rows: AreaRow[] = [];
  const total = territory.units.reduce((s, u) => s + u.households, 0);
  rows.push({
    code: territory.code,
    name: territory.name,
    level: 'county',
    parent_code: null,
    is_urban: false,
    households: total,
    geom: multiPolygonGeometry(territory.shape),
  });
  for (const town of territory.towns) {
    rows.push({
      code: town.code,
      name: town.name,
      level: 'town',
      parent_code: territory.code,
      is_urban: town.isUrban,
      households: town.units.reduce((s, u) => s + u.households, 0),
      geom: multiPolygonGeometry(town.shape),
    });
  }
  for (const u of territory.units) {
    rows.push({
      code: u.code,
      name: u.name,
      level: u.level,
      parent_code: u.townCode,
      is_urban: u.level === 'community',
      households: u.households,
      geom: multiPolygonGeometry(u.shape),
    });
  }
  return rows;
}

function gridRows(grids: readonly GridPlan[]): GridRow[] {
  return grids.map((g, i) => ({
    id: i + 1,
    code: g.code,
    name: g.name,
    community_code: g.unit.code,
    kind: g.kind,
    households: g.households,
    geom: multiPolygonGeometry(g.shape),
    valid_from: `${REFERENCE_DATE.slice(0, 4)}-01-01T00:00:00+08:00`,
  }));
}

function compoundRows(built: BuiltArea): CompoundRow[] {
  return built.compounds.map((c) => ({ id: c.id, name: c.name, community_code: c.unitCode, geom: multiPolygonGeometry([[closeRing(c.corners)]]) }));
}

function buildingRows(built: BuiltArea): BuildingRow[] {
  return built.buildings.map((b) => ({
    id: b.id,
    name: b.name,
    compound_id: b.compoundId,
    community_code: b.unitCode,
    floors: b.floors,
    households: b.households,
    geom: multiPolygonGeometry([[closeRing(b.corners)]]),
  }));
}

function roadRows(roads: readonly RoadPlan[]): RoadRow[] {
  return roads.filter((r) => r.lines.length > 0).map((r, i) => ({ id: i + 1, name: r.name, class: r.class, geom: multiLineStringGeometry(r.lines) }));
}
