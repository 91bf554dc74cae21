import { z } from 'zod';
import type { Scope } from '../auth/scope.ts';
import type { ImportQuery } from '../contract/registry-files.ts';
import type { Queryable } from '../db/transaction.ts';
import { areaCodeCell, choiceCell, dateCell, degreesCell, gridCodeCell, idCell, textCell } from './cells.ts';
import type { HeaderMap } from './columns.ts';
import { selectAreaRefs, selectGridRefs } from './lookup.queries.ts';
import { selectExistingOrgs, type ExistingOrg, type OrgUpdate, type OrgValues } from './org.queries.ts';
import { namedRecord, parseRecordRows } from './parse-rows.ts';
import type { CsvTable } from './read-csv.ts';
import type { ProblemList } from './report.ts';
import { AddressLookup, distinct, given, OrgLookup, rowPosition } from './resolve.ts';

export const OrgCells = z.object({
  id: idCell.optional(),
  name: textCell(100).optional(),
  kind: choiceCell({ committee: ['党委'], general_branch: ['党总支', '总支'], branch: ['党支部', '支部'], group: ['党小组', '小组'] }).optional(),
  sector: choiceCell({
    village: ['村', '农村'],
    community: ['社区'],
    enterprise: ['企业'],
    social_org: ['社会组织'],
    agency: ['机关'],
    school: ['学校'],
    hospital: ['医院'],
    industrial_park: ['园区'],
    joint: ['联合'],
  }).optional(),
  parent_id: idCell.optional(),
  parent_name: textCell(100).optional(),
  area_code: areaCodeCell.optional(),
  secretary_name: textCell(50).optional(),
  founded_on: dateCell.optional(),
  lng: degreesCell(180).optional(),
  lat: degreesCell(90).optional(),
  address: textCell(200).optional(),
  grid_code: gridCodeCell.optional(),
});

export type OrgPlan = { creates: OrgValues[]; updates: OrgUpdate[]; unchanged: number };

export function orgHeaderProblems(header: HeaderMap, problems: ProblemList): void {
  if (header.labels.has('id')) return;
  for (const c of ['name', 'kind', 'sector', 'area_code']) {
    if (!header.labels.has(c)) problems.addFatal(c, 'missing_column', `the file has no ${c} column, which a new organization needs`);
  }
}

const compared = ['name', 'kind', 'sector', 'parent_id', 'area_code', 'secretary_name', 'founded_on', 'lng', 'lat', 'grid_code'] as const;

/** Validates an organizations file and plans the writes of its good rows. Moving under another parent is the move action's. */
export async function planOrgs(
  db: Queryable,
  table: CsvTable,
  header: HeaderMap,
  scope: Scope,
  crs: ImportQuery['crs'],
  problems: ProblemList,
): Promise<OrgPlan> {
  const rows = parseRecordRows(OrgCells, table, header, problems);
  const ids = distinct(rows.map((r) => r.values.id));
  const codes = distinct(rows.map((r) => r.values.area_code));
  const gridCodes = distinct(rows.map((r) => r.values.grid_code));
  const [existing, parents, addresses, areas, grids] = await Promise.all([
    ids.length > 0 ? selectExistingOrgs(db, ids) : Promise.resolve([]),
    OrgLookup.load(
      db,
      rows.map((r) => r.values.parent_id),
      rows.map((r) => r.values.parent_name),
      scope,
    ),
    AddressLookup.load(db, rows, scope),
    codes.length > 0 ? selectAreaRefs(db, codes) : Promise.resolve([]),
    gridCodes.length > 0 ? selectGridRefs(db, gridCodes) : Promise.resolve([]),
  ]);
  const orgs = new Map<number, ExistingOrg>(existing.map((o) => [o.id, o]));
  const known = new Set(areas.map((a) => a.code));
  const gridOf = new Map(grids.map((g) => [g.code, g]));
  const positionColumns = header.labels.has('lng') || header.labels.has('address');

  const plan: OrgPlan = { creates: [], updates: [], unchanged: 0 };
  for (const { line, values: v } of rows) {
    if (problems.isBad(line)) continue;
    const before = namedRecord(line, v.id, orgs, (r) => scope.holds(r.area_code), 'organization', problems);
    if (before === null) continue;
    for (const c of ['name', 'kind', 'sector', 'area_code'] as const) {
      if (v[c] === null || (!before && v[c] === undefined)) problems.add(line, c, 'invalid_value', 'is required');
    }
    const naming = given(v.parent_id) || given(v.parent_name);
    const parent = naming
      ? parents.resolve(
          line,
          v.parent_id,
          v.parent_name,
          { id: header.labels.has('parent_id') ? 'parent_id' : 'parent_name', name: 'parent_name' },
          problems,
          before?.parent_id ?? null,
        )
      : undefined;
    if (given(v.area_code) && (!known.has(v.area_code) || !scope.holds(v.area_code))) {
      problems.add(line, 'area_code', 'not_in_scope', `No area ${v.area_code} in your scope`);
    }
    if (given(v.grid_code)) {
      const grid = gridOf.get(v.grid_code);
      if (!grid || !scope.holds(grid.community_code)) problems.add(line, 'grid_code', 'not_in_scope', `No grid ${v.grid_code} in your scope`);
      else if (grid.retired) problems.add(line, 'grid_code', 'invalid_value', `grid ${v.grid_code} is retired`);
    }
    const position = rowPosition(line, v, crs, addresses, problems, false);
    if (problems.isBad(line)) continue;

    const keep = <K extends keyof OrgValues>(k: K, value: OrgValues[K] | undefined): OrgValues[K] =>
      value !== undefined ? value : (before?.[k] ?? (null as OrgValues[K]));
    const cleared = positionColumns && position === undefined && v.lng === null && !given(v.address);
    const after: OrgValues = {
      name: keep('name', v.name ?? undefined),
      kind: keep('kind', v.kind ?? undefined),
      sector: keep('sector', v.sector ?? undefined),
      parent_id: naming ? parent!.id : v.parent_id === null || v.parent_name === null ? null : (before?.parent_id ?? null),
      area_code: keep('area_code', v.area_code ?? undefined),
      secretary_name: keep('secretary_name', v.secretary_name),
      founded_on: keep('founded_on', v.founded_on),
      lng: position ? position[0] : cleared ? null : (before?.lng ?? null),
      lat: position ? position[1] : cleared ? null : (before?.lat ?? null),
      grid_code: keep('grid_code', v.grid_code),
    };
    if (!before) {
      plan.creates.push(after);
      continue;
    }
    const changed = compared.filter((f) => before[f] !== after[f]);
    if (changed.length === 0) plan.unchanged += 1;
    else if (before.closed) problems.add(line, 'id', 'refused_change', `organization ${before.id} is closed: a file does not change a closed organization`);
    else if (changed.includes('kind')) problems.add(line, 'kind', 'refused_change', `a file does not change an organization's kind (${before.kind})`);
    else if (changed.includes('parent_id'))
      problems.add(line, 'parent_id', 'refused_change', 'moving an organization under another parent is the move action’s');
    else plan.updates.push({ ...after, id: before.id, changed: [...changed] });
  }
  return plan;
}
