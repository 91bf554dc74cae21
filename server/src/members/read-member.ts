import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { selectMember, type MemberDetailRow } from './queries.ts';

/**
 * One member in scope. An exact read (position and phone) is audited in the same transaction as
 * the read: no exact data leaves without its audit record.
 */
export function readMember(db: pg.Pool, actor: Actor, id: number, scope: Scope, precision: 'exact' | 'generalized'): Promise<MemberDetailRow> {
  return withTransaction(db, async (tx) => {
    const row = await selectMember(tx, id, scope);
    if (!row) throw new DomainError('not_found', ErrorCode.notFound, `No member ${id} in your scope.`);
    if (precision === 'exact') {
      await audit(tx, actor, {
        action: 'member.read_exact',
        targetKind: 'member',
        targetIds: [id],
        scope: row.org_area_code,
        detail: { fields: ['position', 'phone'] },
      });
    }
    return row;
  });
}
