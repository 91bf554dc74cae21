import { z } from 'zod';
import type { Scope } from '../auth/scope.ts';
import type { ImportQuery } from '../contract/registry-files.ts';
import type { Queryable } from '../db/transaction.ts';
import { areaCodeCell, booleanCell, choiceCell, dateCell, degreesCell, idCell, integerCell, listCell, mobilePhoneCell, textCell } from './cells.ts';
import type { HeaderMap } from './columns.ts';
import { selectAreaRefs } from './lookup.queries.ts';
import { selectExistingMembers, type ExistingMember, type MemberUpdate, type MemberValues } from './member.queries.ts';
import { namedRecord, parseRecordRows } from './parse-rows.ts';
import type { CsvTable } from './read-csv.ts';
import type { ProblemList } from './report.ts';
import { AddressLookup, distinct, given, OrgLookup, rowPosition, sameList } from './resolve.ts';

export const MemberCells = z.object({
  id: idCell.optional(),
  name: textCell(50).optional(),
  gender: choiceCell({ male: ['男', 'm'], female: ['女', 'f'] }).optional(),
  birth_year: integerCell(1900, 2100).optional(),
  org_id: idCell.optional(),
  org_name: textCell(100).optional(),
  lng: degreesCell(180).optional(),
  lat: degreesCell(90).optional(),
  address: textCell(200).optional(),
  phone: mobilePhoneCell.optional(),
  skills: listCell(20, 30).optional(),
  in_service: booleanCell.optional(),
  mobile: booleanCell.optional(),
  available: booleanCell.optional(),
  joined_on: dateCell.optional(),
  registration_community: areaCodeCell.optional(),
});

/** What a members file asks for: new members, changed members, and how many rows changed nothing. */
export type MemberPlan = { creates: MemberValues[]; updates: MemberUpdate[]; unchanged: number };

/** Without an id column every row is a new member: the columns a new member needs must be there. */
export function memberHeaderProblems(header: HeaderMap, problems: ProblemList): void {
  const has = (c: string) => header.labels.has(c);
  if (has('id')) return;
  for (const c of ['name', 'gender']) if (!has(c)) problems.addFatal(c, 'missing_column', `the file has no ${c} column, which a new member needs`);
  if (!has('org_id') && !has('org_name')) problems.addFatal('org_id', 'missing_column', 'the file has no org_id or org_name column');
  if (!(has('lng') && has('lat')) && !has('address'))
    problems.addFatal('lng', 'missing_column', 'the file has neither lng and lat columns nor an address column');
}

const compared = [
  'name',
  'gender',
  'birth_year',
  'org_id',
  'lng',
  'lat',
  'phone',
  'skills',
  'in_service',
  'mobile',
  'available',
  'joined_on',
  'registration_community',
] as const;

function differs(a: MemberValues, b: MemberValues, field: (typeof compared)[number]): boolean {
  if (field === 'skills') return !sameList(a.skills, b.skills);
  return a[field] !== b[field];
}

const defaults = {
  birth_year: null,
  phone: null,
  skills: [],
  in_service: false,
  mobile: false,
  available: true,
  joined_on: null,
  registration_community: null,
};
/** What a new member starts from: every field the file gives replaces it (name, gender, organization and position always). */
const blank: MemberValues = { ...defaults, name: '', gender: 'male', org_id: 0, lng: 0, lat: 0 };

/**
 * Validates a members file row by row (cells, then the organizations, communities, buildings and
 * records it names, looked up once each for the whole file) and plans the writes of its good rows.
 */
export async function planMembers(
  db: Queryable,
  table: CsvTable,
  header: HeaderMap,
  scope: Scope,
  crs: ImportQuery['crs'],
  problems: ProblemList,
): Promise<MemberPlan> {
  const rows = parseRecordRows(MemberCells, table, header, problems);
  const ids = distinct(rows.map((r) => r.values.id));
  const communities = distinct(rows.map((r) => r.values.registration_community));
  const [existing, orgs, addresses, areas] = await Promise.all([
    ids.length > 0 ? selectExistingMembers(db, ids) : Promise.resolve([]),
    OrgLookup.load(
      db,
      rows.map((r) => r.values.org_id),
      rows.map((r) => r.values.org_name),
      scope,
    ),
    AddressLookup.load(db, rows, scope),
    communities.length > 0 ? selectAreaRefs(db, communities) : Promise.resolve([]),
  ]);
  const members = new Map<number, ExistingMember>(existing.map((m) => [m.id, m]));
  const levels = new Map(areas.map((a) => [a.code, a.level]));

  const plan: MemberPlan = { creates: [], updates: [], unchanged: 0 };
  for (const { line, values: v } of rows) {
    if (problems.isBad(line)) continue;
    const before = namedRecord(line, v.id, members, (r) => scope.holds(r.org_area_code), 'member', problems);
    if (before === null) continue;
    const naming = given(v.org_id) || given(v.org_name);
    const org = naming
      ? orgs.resolve(
          line,
          v.org_id,
          v.org_name,
          { id: header.labels.has('org_id') ? 'org_id' : 'org_name', name: 'org_name' },
          problems,
          before?.org_id ?? null,
        )
      : undefined;
    if (!before && !naming) problems.add(line, header.labels.has('org_id') ? 'org_id' : 'org_name', 'invalid_value', 'a new member needs org_id or org_name');
    if (!before && !given(v.name)) problems.add(line, 'name', 'invalid_value', 'is required');
    if (!before && !given(v.gender)) problems.add(line, 'gender', 'invalid_value', 'is required (男/女, male/female)');
    if (before && v.name === null) problems.add(line, 'name', 'invalid_value', 'is required');
    if (before && v.gender === null) problems.add(line, 'gender', 'invalid_value', 'is required (男/女, male/female)');
    const position = rowPosition(line, v, crs, addresses, problems, !before);
    if (given(v.registration_community)) {
      const level = levels.get(v.registration_community);
      if (level !== 'community' && level !== 'village') {
        problems.add(line, 'registration_community', 'invalid_value', `${v.registration_community} is no community or village of the territory`);
      }
    }
    if (problems.isBad(line)) continue;

    const base: MemberValues = before ?? blank;
    const after: MemberValues = {
      name: v.name ?? base.name,
      gender: v.gender ?? base.gender,
      birth_year: v.birth_year !== undefined ? v.birth_year : base.birth_year,
      org_id: org?.id ?? base.org_id,
      lng: position?.[0] ?? base.lng,
      lat: position?.[1] ?? base.lat,
      phone: v.phone !== undefined ? v.phone : base.phone,
      skills: v.skills !== undefined ? (v.skills ?? []) : base.skills,
      in_service: v.in_service !== undefined ? (v.in_service ?? defaults.in_service) : base.in_service,
      mobile: v.mobile !== undefined ? (v.mobile ?? defaults.mobile) : base.mobile,
      available: v.available !== undefined ? (v.available ?? defaults.available) : base.available,
      joined_on: v.joined_on !== undefined ? v.joined_on : base.joined_on,
      registration_community: v.registration_community !== undefined ? v.registration_community : base.registration_community,
    };
    if (!before) {
      plan.creates.push(after);
      continue;
    }
    const changed = compared.filter((f) => differs(before, after, f));
    if (changed.length === 0) {
      plan.unchanged += 1;
      continue;
    }
    if (before.left) {
      problems.add(line, 'id', 'refused_change', `member ${before.id} has left: a file does not change a former member`);
    } else if (before.mobile && !after.mobile && before.mobile_details) {
      problems.add(line, 'mobile', 'refused_change', `member ${before.id} is a mobile member with whereabouts: end that with the mobile/end action`);
    } else {
      plan.updates.push({ ...after, id: before.id, changed: [...changed], transferred: changed.includes('org_id') });
    }
  }
  return plan;
}
