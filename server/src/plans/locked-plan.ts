import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { PlanStatus } from '../contract/plans.ts';
import type { Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { selectPlan, type PlanRow } from './queries.ts';

/** The plan in scope, locked, at the revision the client last saw and in one of `statuses`. */
export async function lockedPlan(tx: Tx, id: number, scope: Scope, revision: number | null, statuses: PlanStatus[]): Promise<PlanRow> {
  const plan = await selectPlan(tx, id, scope, true);
  if (!plan) throw new DomainError('not_found', ErrorCode.notFound, `No plan ${id} in your scope.`);
  if (revision !== null && plan.revision !== revision) {
    throw new DomainError(
      'conflict',
      ErrorCode.revisionMismatch,
      `Plan ${id} changed since you loaded it (revision ${plan.revision}, yours ${revision}): reload it and make your change again.`,
    );
  }
  if (!statuses.includes(plan.status)) {
    throw new DomainError('conflict', ErrorCode.planNotEditable, `Plan ${id} is ${plan.status}; this needs it ${statuses.join(' or ')}.`);
  }
  return plan;
}
