import type { Scope } from '../auth/scope.ts';
import type { Queryable } from '../db/transaction.ts';
import type { ImportQuery } from '../contract/registry-files.ts';
import { toWgs84 } from './coordinates.ts';
import { selectBuildingsByAddress, selectOrgRefs, type OrgRef } from './lookup.queries.ts';
import type { ProblemList } from './report.ts';

type Maybe<T> = T | null | undefined;

/** What a row gives of its position: lng and lat, or the address of a building. */
type Located = { lng?: Maybe<number>; lat?: Maybe<number>; address?: Maybe<string> };

/** Organizations a file names, by id and by exact name, looked up at once. */
export class OrgLookup {
  private readonly byId = new Map<number, OrgRef>();
  private readonly byName = new Map<string, OrgRef[]>();

  private constructor(
    refs: OrgRef[],
    private readonly scope: Scope,
  ) {
    for (const ref of refs) {
      this.byId.set(ref.id, ref);
      this.byName.set(ref.name, [...(this.byName.get(ref.name) ?? []), ref]);
    }
  }

  static async load(db: Queryable, ids: Array<Maybe<number>>, names: Array<Maybe<string>>, scope: Scope): Promise<OrgLookup> {
    const idList = distinct(ids);
    const nameList = distinct(names);
    return new OrgLookup(idList.length + nameList.length > 0 ? await selectOrgRefs(db, idList, nameList) : [], scope);
  }

  /**
   * The open organization in scope that `id` or `name` names (the id wins; a name given with it must
   * agree), or undefined with the row's problem added. `current`, the one the record has now, is
   * taken as it is.
   */
  resolve(
    line: number,
    id: Maybe<number>,
    name: Maybe<string>,
    columns: { id: string; name: string },
    problems: ProblemList,
    current: number | null = null,
  ): OrgRef | undefined {
    let org: OrgRef | undefined;
    if (id !== null && id !== undefined) {
      org = this.byId.get(id);
      // the organization the record has already (a parent above the scope, one closed since) stays as it is
      if (org && id === current && (name === null || name === undefined || name === org.name)) return org;
      if (!org || !this.scope.holds(org.area_code)) {
        problems.add(line, columns.id, 'not_in_scope', `No organization ${id} in your scope`);
        return undefined;
      }
      if (name !== null && name !== undefined && name !== org.name) {
        problems.add(line, columns.name, 'invalid_value', `organization ${id} is ${org.name}, not ${name}`);
        return undefined;
      }
    } else if (name !== null && name !== undefined) {
      const named = (this.byName.get(name) ?? []).filter((o) => this.scope.holds(o.area_code));
      const open = named.filter((o) => !o.closed);
      if (named.length === 0) {
        problems.add(line, columns.name, 'not_in_scope', `No organization named ${name} in your scope`);
        return undefined;
      }
      if (open.length > 1) {
        problems.add(line, columns.name, 'ambiguous', `${open.length} organizations are named ${name}: give ${columns.id} instead`);
        return undefined;
      }
      org = open[0] ?? named[0]!;
    } else return undefined;
    if (org.closed) {
      problems.add(line, columns.id, 'refused_change', `organization ${org.name} (${org.id}) is closed`);
      return undefined;
    }
    return org;
  }
}

/** Buildings named by a file's addresses (in scope), looked up at once. */
export class AddressLookup {
  private constructor(private readonly matches: Map<string, { matches: number; lng: number; lat: number }>) {}

  /** The addresses of the rows that give no lng and lat, looked up at once. */
  static async load(db: Queryable, rows: ReadonlyArray<{ values: Located }>, scope: Scope): Promise<AddressLookup> {
    const list = distinct(rows.filter((r) => !given(r.values.lng) && !given(r.values.lat)).map((r) => r.values.address));
    const buildings = list.length > 0 ? await selectBuildingsByAddress(db, list, scope) : [];
    return new AddressLookup(new Map(buildings.map((b) => [b.address, b])));
  }

  /** The position of the one building the address names, or undefined with the row's problem added. */
  position(line: number, address: string, problems: ProblemList): [number, number] | undefined {
    const match = this.matches.get(address);
    if (!match) {
      problems.add(line, 'address', 'unmatched_address', `no building in your scope is named ${address}: give lng and lat instead`);
      return undefined;
    }
    if (match.matches > 1) {
      problems.add(line, 'address', 'ambiguous', `${match.matches} buildings are named ${address}: give lng and lat instead`);
      return undefined;
    }
    return [match.lng, match.lat];
  }
}

/**
 * A row's position: lng and lat (both, converted from the file's crs), else the address's building.
 * Undefined when the row gives none (a problem only if `required`) or a problem was added.
 */
export function rowPosition(
  line: number,
  values: Located,
  crs: ImportQuery['crs'],
  addresses: AddressLookup,
  problems: ProblemList,
  required: boolean,
): [number, number] | undefined {
  const { lng, lat, address } = values;
  const hasLng = lng !== null && lng !== undefined;
  const hasLat = lat !== null && lat !== undefined;
  if (hasLng && hasLat) return toWgs84(crs, lng, lat);
  if (hasLng !== hasLat) {
    problems.add(line, hasLng ? 'lat' : 'lng', 'invalid_value', 'lng and lat go together: give both or neither');
    return undefined;
  }
  if (address !== null && address !== undefined) return addresses.position(line, address, problems);
  if (required) problems.add(line, 'lng', 'invalid_value', 'a position is required: lng and lat, or an address of a known building');
  return undefined;
}

/** Whether two lists hold the same items in the same order. */
export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A cell's value is given (neither an empty cell nor a column the file lacks). */
export const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** The distinct values given, each once: what a file names, looked up once for the whole file. */
export const distinct = <T>(values: ReadonlyArray<Maybe<T>>): T[] => [...new Set(values.filter(given))];
