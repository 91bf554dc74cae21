import { Scope } from '../auth/scope.ts';
import type { BeltRecord } from '../contract/belts.ts';
import type { Queryable } from '../db/transaction.ts';
import { presentBeltRecord } from './present.ts';
import { selectBelt, selectBeltCounts, selectBeltLegs, selectBeltSites } from './queries.ts';

/**
 * A belt's record in scope: its sites in order, its legs, line and corridor, and what the corridor
 * holds in the belt's area (which lies in the caller's scope, as the belt does); undefined out of scope.
 */
export async function readBelt(db: Queryable, id: number, scope: Scope): Promise<BeltRecord | undefined> {
  const row = await selectBelt(db, id, scope);
  if (!row) return undefined;
  const [sites, legs, counts] = await Promise.all([selectBeltSites(db, id), selectBeltLegs(db, id), selectBeltCounts(db, id, Scope.of([row.area_code]))]);
  return presentBeltRecord(row, { sites, legs, counts });
}
