/**
 * Party members (党员), generated as a stream. Each organization gets a quota (its share of the
 * requested total) and its own random stream, so member k of an organization is the same person
 * whatever the total, and a million members never sit in memory at once.
 */
import type { BuildingPlan } from './buildings.ts';
import type { XY } from './geometry.ts';
import { personName, phoneNumber } from './names.ts';
import type { OrgPlan } from './org-tree.ts';
import { pointGeometry } from './projection.ts';
import { apportion, createRng, cumulativeWeights, drawIndex, type Rng } from './random.ts';
import type { MemberRow, MemberSource } from './types.ts';

/** Volunteer skills (identifiers): what dispatchers can ask for. */
export const SKILLS = [
  'first_aid',
  'medical',
  'rescue',
  'electrician',
  'driving',
  'counseling',
  'legal',
  'translation',
  'it',
  'firefighting',
  'teaching',
] as const;
const SKILL_WEIGHTS = [14, 5, 6, 8, 22, 7, 4, 3, 9, 6, 8];
/** Skill draws by sector: hospital staff know first aid and medicine, teachers teach. */
const SKILL_TABLES = {
  default: cumulativeWeights(SKILL_WEIGHTS),
  hospital: cumulativeWeights(SKILL_WEIGHTS.map((w, i) => (i === 0 ? 40 : i === 1 ? 60 : w))),
  school: cumulativeWeights(SKILL_WEIGHTS.map((w, i) => (i === 10 ? 40 : w))),
};
const STAR_TABLE = cumulativeWeights([3, 10, 40, 35, 12]);
const THIS_YEAR = 2026;

export interface MemberContext {
  seed: string;
  countyCode: string;
  buildings: readonly BuildingPlan[];
  /** Level of each community/village by code. */
  levels: ReadonlyMap<string, 'community' | 'village'>;
}

export interface MemberPlan {
  /** Members per organization, by position in the org list. */
  quotas: number[];
  /** The id of each organization's first member. */
  firstIds: number[];
  total: number;
}

/** Splits `total` members among organizations by their weight (largest remainder). */
export function planMembers(orgs: readonly OrgPlan[], total: number): MemberPlan {
  const quotas = apportion(
    total,
    orgs.map((o) => (o.homes.length > 0 ? o.weight : 0)),
  );
  const firstIds: number[] = [];
  let next = 1;
  for (const q of quotas) {
    firstIds.push(next);
    next += q;
  }
  return { quotas, firstIds, total };
}

function ageOf(org: OrgPlan, rng: Rng): number {
  if (org.retirees) return rng.int(60, 92);
  if (org.inService) return Math.round(Math.min(60, Math.max(23, 42 + 9 * rng.normal())));
  const mean = org.sector === 'village' ? 58 : 55;
  return Math.round(Math.min(96, Math.max(20, mean + 16 * rng.normal())));
}

function maleShare(org: OrgPlan): number {
  if (org.sector === 'school' || org.sector === 'hospital') return 0.45;
  if (org.sector === 'village') return 0.76;
  return 0.7;
}

function skillsOf(org: OrgPlan, age: number, rng: Rng): string[] {
  if (age > 78 || rng.chance(0.5)) return [];
  const table = org.sector === 'hospital' ? SKILL_TABLES.hospital : org.sector === 'school' ? SKILL_TABLES.school : SKILL_TABLES.default;
  const r = rng.next();
  const n = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
  let mask = 0;
  for (let i = 0; i < n; i++) mask |= 1 << drawIndex(rng, table);
  const out: string[] = [];
  for (let i = 0; i < SKILLS.length; i++) if (mask & (1 << i)) out.push(SKILLS[i] as string);
  return out;
}

/** Cumulative household weights of an organization's home buildings. */
function homeTable(org: OrgPlan, ctx: MemberContext): Float64Array {
  return cumulativeWeights(org.homes.map((b) => Math.max(1, ctx.buildings[b]?.households ?? 1)));
}

function pickHome(org: OrgPlan, table: Float64Array, rng: Rng): number {
  return org.homes[drawIndex(rng, table)] as number;
}

/** The members of one organization, ids from `firstId`. */
export function* orgMembers(ctx: MemberContext, org: OrgPlan, firstId: number, count: number): Generator<MemberRow> {
  if (count <= 0 || org.homes.length === 0) return;
  const rng = createRng(`${ctx.seed}/member/${org.id}`);
  const table = homeTable(org, ctx);
  const male = maleShare(org);
  for (let k = 0; k < count; k++) {
    const gender = rng.chance(male) ? 'male' : 'female';
    const name = personName(rng, gender);
    const age = ageOf(org, rng);
    const birthYear = THIS_YEAR - age;
    const joinAge = 18 + Math.floor(Math.pow(rng.next(), 1.6) * Math.max(1, Math.min(age - 18, 45)));
    const joinYear = Math.min(THIS_YEAR - 1, birthYear + joinAge);
    const building = ctx.buildings[pickHome(org, table, rng)] as BuildingPlan;
    const [c0, c1, , c3] = building.corners as [XY, XY, XY, XY];
    const u = rng.uniform(0.12, 0.88);
    const v = rng.uniform(0.12, 0.88);
    const home: XY = [c0[0] + u * (c1[0] - c0[0]) + v * (c3[0] - c0[0]), c0[1] + u * (c1[1] - c0[1]) + v * (c3[1] - c0[1])];
    const mobileRate = org.retirees ? 0.005 : org.inService ? 0.02 : org.sector === 'village' ? 0.09 : 0.035;
    const mobile = rng.chance(mobileRate);
    const available = rng.chance(age > 75 ? 0.3 : mobile ? 0.25 : 0.8);
    const stars = drawIndex(rng, STAR_TABLE) + 1;
    yield {
      id: firstId + k,
      county_code: ctx.countyCode,
      name,
      gender,
      birth_year: birthYear,
      org_id: org.id,
      org_area_code: org.areaCode,
      home: pointGeometry(home),
      registration_community: org.inService && ctx.levels.get(building.unitCode) === 'community' ? building.unitCode : null,
      in_service: org.inService,
      mobile,
      available,
      skills: skillsOf(org, age, rng),
      stars,
      points: stars * 30 + rng.int(0, 150) + (org.inService ? 20 : 0),
      phone: rng.chance(age > 85 ? 0.5 : 0.98) ? phoneNumber(rng) : null,
      joined_on: `${joinYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    };
  }
}

/** The k-th member (from 0) of an organization, or null when its quota is smaller. */
export function memberAt(ctx: MemberContext, plan: MemberPlan, org: OrgPlan, k: number): MemberRow | null {
  const index = org.id - 1;
  if (k >= (plan.quotas[index] ?? 0)) return null;
  let row: MemberRow | null = null;
  for (const r of orgMembers(ctx, org, plan.firstIds[index] as number, k + 1)) row = r;
  return row;
}

/** All members, ordered by id, as a re-iterable stream. */
export function memberSource(ctx: MemberContext, orgs: readonly OrgPlan[], plan: MemberPlan): MemberSource {
  return {
    count: plan.total,
    *rows() {
      for (let i = 0; i < orgs.length; i++) {
        const q = plan.quotas[i] as number;
        if (q > 0) yield* orgMembers(ctx, orgs[i] as OrgPlan, plan.firstIds[i] as number, q);
      }
    },
  };
}
