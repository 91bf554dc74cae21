import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import type { Tx } from '../db/transaction.ts';
import { selectHistory, type HistoryRow } from '../registry-history/queries.ts';
import { selectMember, type MemberDetailRow } from './queries.ts';

export type Precision = 'exact' | 'generalized';
export type MemberRecord = { row: MemberDetailRow; history: HistoryRow[]; precision: Precision };

/**
 * A member's record page in scope, read in the caller's transaction. An exact read (position and
 * phone) writes its audit record in the same transaction: no exact data leaves without it.
 */
export async function loadMemberRecord(tx: Tx, actor: Actor, id: number, scope: Scope, precision: Precision): Promise<MemberRecord | undefined> {
  const row = await selectMember(tx, id, scope);
  if (!row) return undefined;
  if (precision === 'exact') {
    await audit(tx, actor, {
      action: 'member.read_exact',
      targetKind: 'member',
      targetIds: [id],
      scope: row.org_area_code,
      detail: { fields: ['position', 'phone'] },
    });
  }
  return { row, history: await selectHistory(tx, { kind: 'member', id }, 'oldest first'), precision };
}
