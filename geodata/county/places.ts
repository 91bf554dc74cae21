/**
 * Service positions (阵地): Party-member service centers and stations (党群服务中心/站), center
 * households (党员中心户), remote-education sites (远程教育站点), model sites (示范点), and the
 * model belts (示范带) chaining model sites along the arterial roads.
 */
import type { BuiltArea } from './buildings.ts';
import { distance, segmentDistance, type XY } from './geometry.ts';
import type { MemberContext, MemberPlan } from './members.ts';
import { memberAt } from './members.ts';
import type { OrgPlan } from './org-tree.ts';
import { lineStringGeometry, pointGeometry } from './projection.ts';
import { apportion, type Rng } from './random.ts';
import type { RoadPlan } from './roads.ts';
import type { Territory, UnitPlan } from './territory.ts';
import type { TerritorialOrgs } from './territorial-orgs.ts';
import type { BeltRow, BeltSiteRow, PlaceRow } from './types.ts';
import type { WorkUnits } from './work-units.ts';
import { centroidOf } from './work-units.ts';

export interface PlaceSpec {
  /** Service centers and stations, all tiers. */
  serviceSites: number;
  centerHouseholds: number;
  educationSites: number;
  modelSites: number;
  belts: number;
}

/** The county's figures: 76 centers/stations, 186 center households, 29 sites, 55 model sites, 3 belts. */
export const DEFAULT_PLACES: PlaceSpec = { serviceSites: 76, centerHouseholds: 186, educationSites: 29, modelSites: 55, belts: 3 };

export interface PlacesInput {
  territory: Territory;
  built: BuiltArea;
  roads: readonly RoadPlan[];
  territorial: TerritorialOrgs;
  units: WorkUnits;
  orgs: readonly OrgPlan[];
  members: MemberContext;
  plan: MemberPlan;
}

export interface Places {
  places: PlaceRow[];
  belts: BeltRow[];
  beltSites: BeltSiteRow[];
}

const ADDRESS = '四川省绵阳市涪城区';

function offset(p: XY, rng: Rng, r = 40): XY {
  return [p[0] + rng.uniform(-r, r), p[1] + rng.uniform(-r, r)];
}

export function buildPlaces(input: PlacesInput, rng: Rng, spec: PlaceSpec = DEFAULT_PLACES): Places {
  const { territory, built, territorial } = input;
  const places: PlaceRow[] = [];
  const add = (p: Omit<PlaceRow, 'id'>): PlaceRow => {
    const row = { id: places.length + 1, ...p };
    places.push(row);
    return row;
  };
  const townName = new Map(territory.towns.map((t) => [t.code, t.name]));
  const address = (u: UnitPlan): string => `${ADDRESS}${townName.get(u.townCode) ?? ''}${u.name}`;
  const communities = territory.units.filter((u) => u.level === 'community');
  const villages = territory.units.filter((u) => u.level === 'village');
  const bySize = villages.slice().sort((a, b) => b.households - a.households || a.code.localeCompare(b.code));

  // service centers (county, towns) and stations (communities, the largest villages)
  add({
    kind: 'service_center',
    name: '涪城区党群服务中心',
    tier: 'county',
    area_code: territory.code,
    address: `${ADDRESS}城区`,
    linked_households: null,
    member_id: null,
    geom: pointGeometry(offset(territory.center, rng)),
  });
  for (const town of territory.towns) {
    add({
      kind: 'service_center',
      name: `${town.name}党群服务中心`,
      tier: 'town',
      area_code: town.code,
      address: `${ADDRESS}${town.name}`,
      linked_households: null,
      member_id: null,
      geom: pointGeometry(town.center),
    });
  }
  const stations = spec.serviceSites - 1 - territory.towns.length;
  const stationUnits = [...communities.slice(0, stations), ...bySize.slice(0, Math.max(0, stations - communities.length))];
  for (const u of stationUnits) {
    add({
      kind: 'service_station',
      name: `${u.name}党群服务站`,
      tier: u.level,
      area_code: u.code,
      address: address(u),
      linked_households: null,
      member_id: null,
      geom: pointGeometry(u.center),
    });
  }

  // center households: every village at least one, the rest by size; the household is a member's home
  const extra = apportion(
    spec.centerHouseholds - villages.length,
    villages.map((v) => v.households),
  );
  const gridOrgsOf = new Map<string, OrgPlan[]>();
  for (const org of territorial.grids.values()) gridOrgsOf.set(org.areaCode, [...(gridOrgsOf.get(org.areaCode) ?? []), org]);
  villages.forEach((v, i) => {
    const n = 1 + (extra[i] as number);
    const orgs = gridOrgsOf.get(v.code) ?? [];
    const houses = built.buildings.filter((b) => b.unitCode === v.code);
    for (let k = 0; k < n; k++) {
      const org = orgs[k % Math.max(1, orgs.length)];
      const member = org ? memberAt(input.members, input.plan, org, 1 + Math.floor(k / orgs.length)) : null;
      const fallback = houses.length > 0 ? centroidOf(rng.pick(houses).corners) : v.center;
      add({
        kind: 'center_household',
        name: member ? `${member.name}党员中心户` : `${v.name}第${k + 1}党员中心户`,
        tier: null,
        area_code: v.code,
        address: address(v),
        linked_households: rng.int(8, 12),
        member_id: member?.id ?? null,
        geom: member ? member.home : pointGeometry(fallback),
      });
    }
  });

  // remote-education sites: one per town, the rest in villages
  for (const town of territory.towns) {
    add({
      kind: 'education_site',
      name: `${town.name}党员远程教育站点`,
      tier: null,
      area_code: town.code,
      address: `${ADDRESS}${town.name}`,
      linked_households: null,
      member_id: null,
      geom: pointGeometry(offset(town.center, rng, 60)),
    });
  }
  for (const v of rng.shuffle(villages).slice(0, spec.educationSites - territory.towns.length)) {
    add({
      kind: 'education_site',
      name: `${v.name}党员远程教育站点`,
      tier: null,
      area_code: v.code,
      address: address(v),
      linked_households: null,
      member_id: null,
      geom: pointGeometry(offset(v.center, rng, 30)),
    });
  }

  // model belts along the arterials, then the other model sites
  const used = new Set<string>();
  const belts: BeltRow[] = [];
  const beltSites: BeltSiteRow[] = [];
  const arterials = input.roads.filter((r) => r.class === 'primary').slice(0, spec.belts);
  const beltNames = ['沿线乡村振兴示范带', '沿线产业党建示范带', '沿线城乡融合示范带'];
  let modelCount = 0;
  arterials.forEach((road, b) => {
    const line = road.lines.flat();
    const start = line[0] as XY;
    const end = line[line.length - 1] as XY;
    const along = (p: XY): number => ((p[0] - start[0]) * (end[0] - start[0]) + (p[1] - start[1]) * (end[1] - start[1])) / distance(start, end);
    // a belt runs along one side of the city, from near the core outward
    const side = rng.chance(0.5) ? 1 : -1;
    const centre = along(territory.center);
    const roadDistance = (v: UnitPlan): number => Math.min(...road.lines.flatMap((l) => l.slice(1).map((q, i) => segmentDistance(v.center, l[i] as XY, q))));
    const candidates = villages.filter((v) => !used.has(v.code)).map((v) => ({ v, d: roadDistance(v), s: side * (along(v.center) - centre) }));
    const oneSide = candidates.filter((x) => x.s > 2500 && x.d < 3000);
    const near = (oneSide.length >= 4 ? oneSide : candidates)
      .sort((x, y) => x.d - y.d)
      .slice(0, rng.int(5, 8))
      .map((x) => x.v);
    chainFromCity(near, territory.center);
    const ids: number[] = [];
    for (const v of near) {
      used.add(v.code);
      ids.push(
        add({
          kind: 'model_site',
          name: `${v.name}乡村振兴示范点`,
          tier: null,
          area_code: v.code,
          address: address(v),
          linked_households: null,
          member_id: null,
          geom: pointGeometry(v.center),
        }).id,
      );
      modelCount++;
    }
    belts.push({
      id: b + 1,
      name: `${road.name ?? '干道'}${beltNames[b % beltNames.length]}`,
      area_code: territory.code,
      geom: lineStringGeometry(near.map((v) => v.center)),
    });
    ids.forEach((placeId, seq) => beltSites.push({ belt_id: b + 1, seq: seq + 1, place_id: placeId }));
  });

  const left = spec.modelSites - modelCount;
  const showcaseCommunities = rng.shuffle(communities).slice(0, Math.min(communities.length, Math.round(left * 0.3)));
  for (const u of showcaseCommunities) {
    add({
      kind: 'model_site',
      name: `${u.name}党建引领基层治理示范点`,
      tier: null,
      area_code: u.code,
      address: address(u),
      linked_households: null,
      member_id: null,
      geom: pointGeometry(offset(u.center, rng)),
    });
  }
  const parks = [...input.units.parks.values()];
  for (const park of parks) {
    add({
      kind: 'model_site',
      name: `${park.name.replace('党委', '')}党建示范点`,
      tier: null,
      area_code: park.areaCode,
      address: `${ADDRESS}${park.name.replace('党委', '')}`,
      linked_households: null,
      member_id: null,
      geom: pointGeometry(offset(park.at, rng)),
    });
  }
  const rest = spec.modelSites - modelCount - showcaseCommunities.length - parks.length;
  for (const v of rng.shuffle(villages.filter((x) => !used.has(x.code))).slice(0, rest)) {
    add({
      kind: 'model_site',
      name: `${v.name}党建示范点`,
      tier: null,
      area_code: v.code,
      address: address(v),
      linked_households: null,
      member_id: null,
      geom: pointGeometry(offset(v.center, rng)),
    });
  }
  return { places, belts, beltSites };
}

/** Orders sites into a chain: from the one nearest the city, always on to the nearest next. */
function chainFromCity(sites: UnitPlan[], city: XY): void {
  const left = sites.splice(0, sites.length);
  let at = city;
  while (left.length > 0) {
    let k = 0;
    left.forEach((s, i) => {
      if (distance(s.center, at) < distance((left[k] as UnitPlan).center, at)) k = i;
    });
    const next = left.splice(k, 1)[0] as UnitPlan;
    sites.push(next);
    at = next.center;
  }
}
