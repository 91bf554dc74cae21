import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { insertCaseEvent, updateCaseStatus } from '../case-timeline/queries.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction } from '../db/transaction.ts';
import { closeDispatchOfCase } from '../dispatch/service.ts';
import { DomainError } from '../domain-error.ts';
import { insertLiveEvent } from '../outbox/live-events.queries.ts';
import { selectCase } from './queries.ts';

/**
 * Closes a case in scope (结案): its active dispatch ends (the alerted members are told), the case
 * is closed with a timeline entry and a live event, and the audit record is written — all in one
 * transaction, so a failure anywhere leaves the case as it was.
 */
export function closeCase(db: pg.Pool, actor: Actor, id: number, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const row = await selectCase(tx, id, scope);
    if (!row) throw new DomainError('not_found', ErrorCode.notFound, `No case ${id} in your scope.`);
    if (row.active_dispatch_id !== null) await closeDispatchOfCase(tx, row.active_dispatch_id, actor.userId);
    const previous = await updateCaseStatus(tx, id, 'closed');
    if (previous !== 'closed') {
      await insertCaseEvent(tx, { caseId: id, actorId: actor.userId, from: previous ?? null, to: 'closed', note: '结案' });
      await insertLiveEvent(tx, { type: 'case.updated', case_id: id });
    }
    await audit(tx, actor, { action: 'case.close', targetKind: 'case', targetIds: [id], scope: row.community_code });
  });
}
