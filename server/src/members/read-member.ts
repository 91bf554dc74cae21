import type pg from 'pg';
import type { Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { loadMemberRecord, type MemberRecord, type Precision } from './member-record.ts';

/**
 * One member in scope with their history. An exact read (position and phone) is audited in the
 * same transaction as the read: no exact data leaves without its audit record.
 */
export function readMember(db: pg.Pool, actor: Actor, id: number, scope: Scope, precision: Precision): Promise<MemberRecord> {
  return withTransaction(db, async (tx) => {
    const record = await loadMemberRecord(tx, actor, id, scope, precision);
    if (!record) throw new DomainError('not_found', ErrorCode.notFound, `No member ${id} in your scope.`);
    return record;
  });
}
