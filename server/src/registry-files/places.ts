import { z } from 'zod';
import type { Scope } from '../auth/scope.ts';
import { tieredKinds } from '../contract/places.ts';
import type { ImportQuery } from '../contract/registry-files.ts';
import type { Queryable } from '../db/transaction.ts';
import { areaCodeCell, choiceCell, contactPhoneCell, degreesCell, idCell, listCell, textCell } from './cells.ts';
import type { HeaderMap } from './columns.ts';
import { selectAreaRefs } from './lookup.queries.ts';
import { selectExistingPlaces, type ExistingPlace, type PlaceUpdate, type PlaceValues } from './place.queries.ts';
import { namedRecord, parseRecordRows } from './parse-rows.ts';
import type { CsvTable } from './read-csv.ts';
import type { ProblemList } from './report.ts';
import { AddressLookup, distinct, given, rowPosition, sameList } from './resolve.ts';

export const PlaceCells = z.object({
  id: idCell.optional(),
  kind: choiceCell({
    service_center: ['党群服务中心'],
    service_station: ['党群服务站'],
    center_household: ['党员中心户'],
    education_site: ['远程教育站点', '远教站点'],
    model_site: ['示范点'],
  }).optional(),
  name: textCell(100).optional(),
  tier: choiceCell({ county: ['县', '县级'], town: ['镇', '乡镇', '街道'], community: ['社区'], village: ['村'] }).optional(),
  area_code: areaCodeCell.optional(),
  address: textCell(200).optional(),
  lng: degreesCell(180).optional(),
  lat: degreesCell(90).optional(),
  opening_hours: textCell(100).optional(),
  services: listCell(30, 50).optional(),
  contact_name: textCell(50).optional(),
  contact_phone: contactPhoneCell.optional(),
});

export type PlacePlan = { creates: PlaceValues[]; updates: PlaceUpdate[]; unchanged: number };

export function placeHeaderProblems(header: HeaderMap, problems: ProblemList): void {
  const has = (c: string) => header.labels.has(c);
  if (has('id')) return;
  for (const c of ['kind', 'name', 'area_code']) if (!has(c)) problems.addFatal(c, 'missing_column', `the file has no ${c} column, which a new position needs`);
  if (!(has('lng') && has('lat')) && !has('address'))
    problems.addFatal('lng', 'missing_column', 'the file has neither lng and lat columns nor an address column');
}

const compared = ['kind', 'name', 'tier', 'area_code', 'address', 'lng', 'lat', 'opening_hours', 'services', 'contact_name', 'contact_phone'] as const;
const tiered = new Set<string>(tieredKinds);

/** Validates a service positions file and plans the writes of its good rows. */
export async function planPlaces(
  db: Queryable,
  table: CsvTable,
  header: HeaderMap,
  scope: Scope,
  crs: ImportQuery['crs'],
  problems: ProblemList,
): Promise<PlacePlan> {
  const rows = parseRecordRows(PlaceCells, table, header, problems);
  const ids = distinct(rows.map((r) => r.values.id));
  const codes = distinct(rows.map((r) => r.values.area_code));
  const [existing, addresses, areas] = await Promise.all([
    ids.length > 0 ? selectExistingPlaces(db, ids) : Promise.resolve([]),
    AddressLookup.load(db, rows, scope),
    codes.length > 0 ? selectAreaRefs(db, codes) : Promise.resolve([]),
  ]);
  const places = new Map<number, ExistingPlace>(existing.map((p) => [p.id, p]));
  const known = new Set(areas.map((a) => a.code));

  const plan: PlacePlan = { creates: [], updates: [], unchanged: 0 };
  for (const { line, values: v } of rows) {
    if (problems.isBad(line)) continue;
    const before = namedRecord(line, v.id, places, (r) => scope.holds(r.area_code), 'service position', problems);
    if (before === null) continue;
    for (const c of ['kind', 'name', 'area_code'] as const) {
      if (v[c] === null || (!before && v[c] === undefined)) problems.add(line, c, 'invalid_value', 'is required');
    }
    if (given(v.area_code) && (!known.has(v.area_code) || !scope.holds(v.area_code))) {
      problems.add(line, 'area_code', 'not_in_scope', `No area ${v.area_code} in your scope`);
    }
    const position = rowPosition(line, v, crs, addresses, problems, !before);
    if (problems.isBad(line)) continue;

    const keep = <K extends keyof PlaceValues>(k: K, value: PlaceValues[K] | undefined): PlaceValues[K] =>
      value !== undefined ? value : (before?.[k] ?? (null as PlaceValues[K]));
    const after: PlaceValues = {
      kind: keep('kind', v.kind ?? undefined),
      name: keep('name', v.name ?? undefined),
      tier: keep('tier', v.tier),
      area_code: keep('area_code', v.area_code ?? undefined),
      address: keep('address', v.address),
      lng: position?.[0] ?? before!.lng,
      lat: position?.[1] ?? before!.lat,
      opening_hours: keep('opening_hours', v.opening_hours),
      services: v.services !== undefined ? (v.services ?? []) : (before?.services ?? []),
      contact_name: keep('contact_name', v.contact_name),
      contact_phone: keep('contact_phone', v.contact_phone),
    };
    if (tiered.has(after.kind) && after.tier === null)
      problems.add(line, 'tier', 'invalid_value', `a ${after.kind} needs a tier (county, town, community or village)`);
    if (!tiered.has(after.kind) && after.tier !== null) problems.add(line, 'tier', 'invalid_value', `a ${after.kind} has no tier: leave it empty`);
    if (problems.isBad(line)) continue;
    if (!before) {
      plan.creates.push(after);
      continue;
    }
    const changed = compared.filter((f) => (f === 'services' ? !sameList(before.services, after.services) : before[f] !== after[f]));
    if (changed.length === 0) plan.unchanged += 1;
    else if (before.closed) problems.add(line, 'id', 'refused_change', `service position ${before.id} is closed: a file does not change a closed position`);
    else if (changed.includes('kind')) problems.add(line, 'kind', 'refused_change', `a file does not change a position's kind (${before.kind})`);
    else plan.updates.push({ ...after, id: before.id, changed: [...changed] });
  }
  return plan;
}
