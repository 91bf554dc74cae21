import type pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import { audit, type Actor } from '../audit/record.ts';
import type { DispatchView } from '../contract/dispatch.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { presentDispatch } from './present.ts';
import { selectAlerts, selectDispatch } from './queries.ts';

/**
 * A dispatch as the console sees it, with its members' exact positions: every such read is
 * written to the audit log with the member ids, in the same transaction as the read.
 */
export function readDispatch(db: pg.Pool, actor: Actor, id: number, scope: Scope): Promise<DispatchView> {
  return withTransaction(db, async (tx) => {
    const d = await selectDispatch(tx, id, scope);
    if (!d) throw new DomainError('not_found', ErrorCode.notFound, `No dispatch ${id} in your scope.`);
    const view = presentDispatch(d, await selectAlerts(tx, id));
    if (view.alerts.length) {
      await audit(tx, actor, {
        action: 'member.read_exact',
        targetKind: 'member',
        targetIds: view.alerts.map((a) => a.member.id),
        scope: d.community_code,
        detail: { purpose: 'dispatch', dispatch_id: id },
      });
    }
    return view;
  });
}
