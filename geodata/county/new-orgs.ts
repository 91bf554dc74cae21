/**
 * New-type organizations (两新组织): non-public enterprises and social organizations, with the
 * county's coverage rates. Rule: 3+ members → their own branch; fewer → a joint branch (联合党支部)
 * or a Party-building instructor (党建指导员); the rest are uncovered and tracked.
 */
import type { BuiltArea } from './buildings.ts';
import { creditCode } from './credit-code.ts';
import { addDays, randomDate } from './dates.ts';
import type { XY } from './geometry.ts';
import type { GridPlan } from './grids.ts';
import type { HomeIndex } from './homes.ts';
import { chineseNumeral, enterpriseName, personName, socialOrgName, uniqueNamer } from './names.ts';
import type { OrgPlan, OrgTree } from './org-tree.ts';
import { pointGeometry } from './projection.ts';
import type { Rng } from './random.ts';
import type { Territory } from './territory.ts';
import type { CoverageMode, NewOrgRow } from './types.ts';
import { centroidOf, type WorkUnits } from './work-units.ts';

export interface NewOrgSpec {
  enterprises: number;
  /** Share of enterprises with a Party organization or instructor (覆盖率). */
  enterpriseCoverage: number;
  socialOrgs: number;
  socialCoverage: number;
}

/** The county's figures: ~650 enterprises, 60.8% covered; ~490 social organizations, 65.3%. */
export const DEFAULT_NEW_ORGS: NewOrgSpec = { enterprises: 650, enterpriseCoverage: 0.608, socialOrgs: 490, socialCoverage: 0.653 };

interface Draft {
  kind: 'enterprise' | 'social_org';
  name: string;
  at: XY;
  areaCode: string;
  townCode: string;
  park: string | null;
  staff: number;
  members: number;
  mode: CoverageMode | null;
  covering: OrgPlan | null;
  instructor: string | null;
  registeredOn: string;
  coveredOn: string | null;
}

/** How the covered ones split: own branch, joint branch, instructor. */
const MODE_SHARES = [0.43, 0.38, 0.19];

export function buildNewOrgs(
  tree: OrgTree,
  territory: Territory,
  grids: readonly GridPlan[],
  built: BuiltArea,
  homes: HomeIndex,
  units: WorkUnits,
  rng: Rng,
  spec: NewOrgSpec = DEFAULT_NEW_ORGS,
): NewOrgRow[] {
  const unique = uniqueNamer();
  const townOf = new Map(territory.units.map((u) => [u.code, u.townCode]));
  const urban = built.buildings.filter((b) => b.households > 0 && b.hamlet === null);
  const rural = built.buildings.filter((b) => b.hamlet !== null);
  const parkGrids = grids.map((g, i) => ({ g, i })).filter(({ g }) => g.dedicatedTo !== null && units.parks.has(g.dedicatedTo));

  const drafts: Draft[] = [];
  for (const kind of ['enterprise', 'social_org'] as const) {
    const total = kind === 'enterprise' ? spec.enterprises : spec.socialOrgs;
    const covered = Math.round(total * (kind === 'enterprise' ? spec.enterpriseCoverage : spec.socialCoverage));
    const own = Math.round(covered * (MODE_SHARES[0] as number));
    const joint = Math.round(covered * (MODE_SHARES[1] as number));
    const modes: (CoverageMode | null)[] = rng.shuffle([
      ...Array<CoverageMode>(own).fill('own_branch'),
      ...Array<CoverageMode>(joint).fill('joint_branch'),
      ...Array<CoverageMode>(covered - own - joint).fill('instructor'),
      ...Array<null>(total - covered).fill(null),
    ]);
    for (const mode of modes) {
      const where = kind === 'enterprise' ? rng.weightedIndex([35, 45, 20]) : rng.weightedIndex([0, 80, 20]);
      let at: XY;
      let areaCode: string;
      let park: string | null = null;
      if (where === 0 && parkGrids.length > 0) {
        const { g, i } = rng.pick(parkGrids);
        const list = built.byGrid[i] ?? [];
        const b = list.length > 0 ? built.buildings[rng.pick(list)] : undefined;
        at = b ? centroidOf(b.corners) : g.seed;
        areaCode = g.unit.code;
        park = g.dedicatedTo;
      } else {
        const b = rng.pick(where === 2 ? rural : urban);
        at = centroidOf(b.corners);
        areaCode = b.unitCode;
      }
      const staff =
        kind === 'enterprise'
          ? Math.round(Math.min(2000, Math.max(3, Math.exp(3.2 + rng.normal()))))
          : Math.round(Math.min(300, Math.max(2, Math.exp(2.3 + 0.8 * rng.normal()))));
      const members = mode === 'own_branch' ? rng.int(3, Math.max(3, Math.min(30, Math.round(3 + staff * 0.12)))) : rng.weighted([0, 1, 2], [40, 35, 25]);
      const registeredOn = randomDate(rng, 2003, 2025);
      drafts.push({
        kind,
        name: unique(kind === 'enterprise' ? enterpriseName(rng) : socialOrgName(rng)),
        at,
        areaCode,
        townCode: townOf.get(areaCode) as string,
        park,
        staff: Math.max(staff, members),
        members,
        mode,
        covering: null,
        instructor: mode === 'instructor' ? personName(rng, rng.chance(0.6) ? 'male' : 'female') : null,
        registeredOn,
        coveredOn: mode ? minDate(addDays(registeredOn, rng.int(60, 1500)), '2026-10-28') : null,
      });
    }
  }

  // own branches
  for (const d of drafts.filter((x) => x.mode === 'own_branch')) {
    const parent = d.park ? (units.parks.get(d.park) as OrgPlan) : d.kind === 'enterprise' ? units.nonPublic : units.socialOrgs;
    d.covering = tree.add({
      name: `${d.name}党支部`,
      kind: 'branch',
      sector: d.kind,
      parentId: parent.id,
      areaCode: d.areaCode,
      at: d.at,
      foundedOn: d.coveredOn as string,
      weight: d.members,
      homes: homes.near(d.at, 3),
      inService: true,
    });
  }

  // joint branches: a few small organizations of one town share a branch
  for (const kind of ['enterprise', 'social_org'] as const) {
    const byTown = new Map<string, Draft[]>();
    for (const d of drafts.filter((x) => x.kind === kind && x.mode === 'joint_branch')) byTown.set(d.townCode, [...(byTown.get(d.townCode) ?? []), d]);
    for (const town of territory.towns) {
      const list = byTown.get(town.code) ?? [];
      let n = 0;
      for (let i = 0; i < list.length;) {
        const size = list.length - i <= 8 ? list.length - i : rng.int(3, 6);
        const members = list.slice(i, i + size);
        i += size;
        n++;
        const first = members[0] as Draft;
        const label = kind === 'enterprise' ? '非公企业' : '社会组织';
        const branch = tree.add({
          name: `${town.name}${label}第${chineseNumeral(n)}联合党支部`,
          kind: 'branch',
          sector: 'joint',
          parentId: (kind === 'enterprise' ? units.nonPublic : units.socialOrgs).id,
          areaCode: first.areaCode,
          at: first.at,
          foundedOn: members.map((m) => m.coveredOn as string).sort()[0] as string,
          weight: Math.max(
            3,
            members.reduce((s, m) => s + m.members, 0),
          ),
          homes: homes.near(first.at, 3),
          inService: true,
        });
        for (const m of members) m.covering = branch;
      }
    }
  }

  return drafts.map((d, i) => ({
    id: i + 1,
    kind: d.kind,
    name: d.name,
    credit_code: creditCode(rng, d.kind, d.areaCode),
    area_code: d.areaCode,
    staff_count: d.staff,
    member_count: d.members,
    coverage_mode: d.mode,
    covering_org_id: d.covering?.id ?? null,
    instructor_name: d.instructor,
    registered_on: d.registeredOn,
    covered_on: d.coveredOn,
    geom: pointGeometry(d.at),
  }));
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
