import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { selectHistory, type HistoryRow } from '../registry-history/queries.ts';
import { selectHouseholds, selectPlace, type HouseholdRow, type PlaceRow } from './queries.ts';

/** A place as a record page shows it; `exact` says whether a center household is shown where it is. */
export type PlaceView = { row: PlaceRow; history: HistoryRow[]; households: HouseholdRow[] | null; exact: boolean };

/** What the caller may read: places in `scope`; center households exactly, with their households, in `exact`. */
export type ReadScopes = { scope: Scope; exact: Scope };

/**
 * One place in scope, in the caller's transaction. A center household's linked households are
 * homes: read only by callers who may read members exactly, and that read is audited in the same
 * transaction (no exact data leaves without its audit record).
 */
export async function readPlaceIn(tx: Tx, actor: Actor, id: number, { scope, exact }: ReadScopes): Promise<PlaceView> {
  const row = await selectPlace(tx, id, scope);
  if (!row) throw new DomainError('not_found', ErrorCode.notFound, `No service position ${id} in your scope.`);
  const household = row.kind === 'center_household';
  const exactHere = !household || exact.holds(row.area_code);
  let households: HouseholdRow[] | null = null;
  if (household && exactHere) {
    households = await selectHouseholds(tx, id);
    await audit(tx, actor, {
      action: 'place.read_households',
      targetKind: 'place',
      targetIds: [id],
      scope: row.area_code,
      detail: { households: households.length, fields: ['position', 'address', 'households'] },
    });
  }
  return { row, history: await selectHistory(tx, { kind: 'place', id }, 'oldest first'), households, exact: exactHere };
}

export function readPlace(db: pg.Pool, actor: Actor, id: number, scopes: ReadScopes): Promise<PlaceView> {
  return withTransaction(db, (tx) => readPlaceIn(tx, actor, id, scopes));
}
