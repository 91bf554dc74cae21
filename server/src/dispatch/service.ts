import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import { Scope } from '../auth/scope.ts';
import type { StartDispatchBody } from '../contract/dispatch.ts';
import { ErrorCode } from '../contract/error.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { addByHand, answer, begin, close, recall, timeOut, type DispatchPolicy } from './engine.ts';
import { insertDispatch, memberDistance, selectDispatch, selectOverdueDispatches, type DispatchRow } from './queries.ts';

const notFound = (id: number) => new DomainError('not_found', ErrorCode.notFound, `No dispatch ${id} in your scope.`);

/** Runs `work` on the dispatch with its row locked, in one transaction. */
function onDispatch<T>(db: pg.Pool, id: number, scope: Scope, work: (tx: pg.PoolClient, d: DispatchRow) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    const d = await selectDispatch(tx, id, scope, true);
    if (!d) throw notFound(id);
    return work(tx, d);
  });
}

export async function startDispatch(db: pg.Pool, caseId: number, body: StartDispatchBody, scope: Scope, actor: Actor, policy: DispatchPolicy): Promise<number> {
  try {
    return await withTransaction(db, async (tx) => {
      const id = await insertDispatch(tx, {
        caseId,
        radius: body.radius,
        maxRadius: Math.max(body.radius, body.maxRadius ?? body.radius * 3),
        waveSize: body.waveSize,
        target: body.target,
        skills: body.skills,
        alertTimeout: body.alertTimeout,
        createdBy: actor.userId,
        scope,
      });
      const d = (await selectDispatch(tx, id, scope, true))!;
      await begin(tx, d, policy, actor.userId);
      await audit(tx, actor, { action: 'dispatch.start', targetKind: 'dispatch', targetIds: [id], scope: d.community_code });
      return id;
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'dispatch_one_active_idx') {
      throw new DomainError('conflict', ErrorCode.conflict, 'This case already has an active dispatch; close it first.');
    }
    throw error;
  }
}

export function answerAlert(db: pg.Pool, dispatchId: number, memberId: number, what: 'accept' | 'decline' | 'arrived', policy: DispatchPolicy) {
  return onDispatch(db, dispatchId, Scope.everything(), (tx, d) => answer(tx, d, memberId, what, policy));
}

export function addMember(db: pg.Pool, dispatchId: number, memberId: number, scope: Scope, actor: Actor) {
  return onDispatch(db, dispatchId, scope, async (tx, d) => {
    if (d.status === 'closed') throw new DomainError('conflict', ErrorCode.conflict, 'The dispatch is closed.');
    // the caller's scope, not the dispatch's: a town admin may not alert another town's member
    // into a dispatch the county started
    const distance = await memberDistance(tx, memberId, d.lng, d.lat, scope);
    if (distance === undefined) throw new DomainError('not_found', ErrorCode.notFound, `No member ${memberId} in your scope.`);
    try {
      await addByHand(tx, d, memberId, distance, actor.userId);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', ErrorCode.conflict, `Member ${memberId} is already in this dispatch.`);
      throw error;
    }
    await audit(tx, actor, { action: 'dispatch.add_member', targetKind: 'dispatch', targetIds: [dispatchId], detail: { member_id: memberId } });
  });
}

export function recallMember(db: pg.Pool, dispatchId: number, memberId: number, scope: Scope, actor: Actor, policy: DispatchPolicy) {
  return onDispatch(db, dispatchId, scope, async (tx, d) => {
    if (!(await recall(tx, d, memberId, actor.userId, policy))) {
      throw new DomainError('not_found', ErrorCode.notFound, `Member ${memberId} has no open alert in this dispatch.`);
    }
    await audit(tx, actor, { action: 'dispatch.recall_member', targetKind: 'dispatch', targetIds: [dispatchId], detail: { member_id: memberId } });
  });
}

export function closeDispatch(db: pg.Pool, dispatchId: number, scope: Scope, actor: Actor) {
  return onDispatch(db, dispatchId, scope, async (tx, d) => {
    if (d.status !== 'closed') await close(tx, d, actor.userId);
    await audit(tx, actor, { action: 'dispatch.close', targetKind: 'dispatch', targetIds: [dispatchId] });
  });
}

/** Closes a case's active dispatch inside the caller's transaction (closing the case closes it). */
export async function closeDispatchOfCase(tx: pg.PoolClient, dispatchId: number, actorId: number | null): Promise<void> {
  const d = await selectDispatch(tx, dispatchId, Scope.everything(), true);
  if (d && d.status !== 'closed') await close(tx, d, actorId);
}

/** Times out unanswered alerts everywhere and sends the waves that replace them. */
export async function sweepTimeouts(db: pg.Pool, policy: DispatchPolicy): Promise<void> {
  for (const id of await selectOverdueDispatches(db)) {
    await onDispatch(db, id, Scope.everything(), (tx, d) => timeOut(tx, d, policy));
  }
}
