import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { PlanEdit } from '../contract/plans.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { requireCommunityInScope } from './community-scope.ts';
import { editCall } from './edit.queries.ts';
import { lockedPlan } from './locked-plan.ts';
import {
  applyTopologyEdit,
  dropTopology,
  insertEdit,
  insertPlan,
  markUndone,
  publishPlan,
  rebuildTopology,
  recordState,
  selectDuePlans,
  selectRedo,
  selectUndo,
  selectValidation,
  unitOutline,
  updatePlan,
} from './queries.ts';

/** The plan SQL functions refuse with these SQLSTATEs (sql/000017); anything else is a fault. */
function refusal(error: unknown): DomainError | undefined {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === 'RG404') return new DomainError('not_found', ErrorCode.notFound, message ?? 'not found');
  if (code === 'RG422') return new DomainError('unprocessable', ErrorCode.editRefused, message ?? 'the edit cannot be made');
  if (code === 'RG409') return new DomainError('conflict', ErrorCode.gridsChanged, message ?? 'the grids changed');
  return undefined;
}

async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw refusal(error) ?? error;
  }
}

/** Opens a draft for a community in scope, on its current grids. */
export function createPlan(db: pg.Pool, actor: Actor & { userId: number }, community: string, title: string, scope: Scope): Promise<number> {
  return withTransaction(db, async (tx) => {
    await requireCommunityInScope(tx, community, scope);
    const id = await insertPlan(tx, community, title, actor.userId);
    await audit(tx, actor, { action: 'plan.create', targetKind: 'plan', targetIds: [id], scope: community });
    return id;
  });
}

/** Makes one edit on a draft: the topology changes, the grids are kept as a new state. */
export function editPlan(db: pg.Pool, actor: Actor, id: number, revision: number, edit: PlanEdit, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const plan = await lockedPlan(tx, id, scope, revision, ['draft']);
    const seq = plan.next_seq;
    const newKey = `new-${plan.next_new}`;
    const names: Record<string, string> = {};
    if (edit.kind === 'rename') names[edit.grid] = edit.name;
    if (edit.kind === 'split') names[newKey] = edit.name ?? `新网格${plan.next_new}`;
    if (edit.kind === 'paint') {
      const outline = await unitOutline(tx, plan.community_code, { compoundId: edit.compound_id, buildingId: edit.building_id });
      if (!outline)
        throw new DomainError('not_found', ErrorCode.notFound, `No such ${edit.compound_id ? 'compound' : 'building'} in community ${plan.community_code}.`);
      await refusing(() => applyTopologyEdit(tx, editCall(id, edit, newKey, outline)));
    } else if (edit.kind !== 'rename') {
      await refusing(() => applyTopologyEdit(tx, editCall(id, edit, newKey, null)));
    }
    await recordState(tx, id, seq, plan.state_seq, names);
    await insertEdit(tx, id, seq, edit.kind, edit, actor.userId);
    await updatePlan(tx, id, { state_seq: seq, next_seq: seq + 1, next_new: edit.kind === 'split' ? plan.next_new + 1 : undefined });
    await audit(tx, actor, { action: `plan.edit.${edit.kind}`, targetKind: 'plan', targetIds: [id], scope: plan.community_code });
  });
}

/** Takes back the latest edit in effect (undo) or brings back the earliest undone one (redo). */
export function stepPlan(db: pg.Pool, actor: Actor, id: number, revision: number, direction: 'undo' | 'redo', scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const plan = await lockedPlan(tx, id, scope, revision, ['draft']);
    let target: number;
    if (direction === 'undo') {
      const undo = await selectUndo(tx, id);
      if (!undo) throw new DomainError('conflict', ErrorCode.planNotEditable, `Plan ${id} has no edit to undo.`);
      await markUndone(tx, id, undo.seq, true);
      target = undo.previous;
    } else {
      const redo = await selectRedo(tx, id);
      if (redo === undefined) throw new DomainError('conflict', ErrorCode.planNotEditable, `Plan ${id} has no undone edit to redo.`);
      await markUndone(tx, id, redo, false);
      target = redo;
    }
    await rebuildTopology(tx, id, target);
    await updatePlan(tx, id, { state_seq: target });
    await audit(tx, actor, { action: `plan.${direction}`, targetKind: 'plan', targetIds: [id], scope: plan.community_code });
  });
}

/** Submits a draft for review: refused while it has errors, or warnings without a reason. */
export function submitPlan(db: pg.Pool, actor: Actor, id: number, revision: number, warningsReason: string | undefined, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const plan = await lockedPlan(tx, id, scope, revision, ['draft']);
    const validation = await selectValidation(tx, id);
    const errors = validation.filter((v) => v.severity === 'error');
    if (errors.length > 0) {
      throw new DomainError(
        'unprocessable',
        ErrorCode.planHasErrors,
        `Plan ${id} has ${errors.length} errors to mend first: ${errors.map((e) => e.message).join('; ')}`,
      );
    }
    const warnings = validation.length - errors.length;
    if (warnings > 0 && !warningsReason) {
      throw new DomainError(
        'unprocessable',
        ErrorCode.warningsNeedReason,
        `Plan ${id} has ${warnings} warnings: say in warnings_reason why they are acceptable.`,
      );
    }
    await updatePlan(tx, id, { status: 'submitted', warnings_reason: warnings > 0 ? (warningsReason ?? null) : null, submitted_by: actor.userId });
    await audit(tx, actor, { action: 'plan.submit', targetKind: 'plan', targetIds: [id], scope: plan.community_code });
  });
}

/** Approves a submitted plan for a day; a day that has come publishes it at once. */
export function approvePlan(db: pg.Pool, actor: Actor, id: number, revision: number, effectiveOn: string, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const plan = await lockedPlan(tx, id, scope, revision, ['submitted']);
    await updatePlan(tx, id, { status: 'approved', effective_on: effectiveOn, reviewed_by: actor.userId });
    await audit(tx, actor, { action: 'plan.approve', targetKind: 'plan', targetIds: [id], scope: plan.community_code });
    if ((await selectDuePlans(tx)).includes(id)) {
      await refusing(() => publishPlan(tx, id));
      await audit(tx, actor, { action: 'plan.publish', targetKind: 'plan', targetIds: [id], scope: plan.community_code });
    }
  });
}

export function rejectPlan(db: pg.Pool, actor: Actor, id: number, revision: number, reason: string, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const plan = await lockedPlan(tx, id, scope, revision, ['submitted']);
    await updatePlan(tx, id, { status: 'rejected', reject_reason: reason, reviewed_by: actor.userId });
    await dropTopology(tx, id);
    await audit(tx, actor, { action: 'plan.reject', targetKind: 'plan', targetIds: [id], scope: plan.community_code });
  });
}

/**
 * Publishes the approved plans whose day has come, each in its own transaction with its audit
 * record (by nobody: the schedule). A plan whose community's grids changed after it was opened
 * stays approved and is reported as refused each time; an admin rejects it.
 */
export async function publishDuePlans(db: pg.Pool, everyone: Scope): Promise<{ published: number[]; refused: number[] }> {
  const published: number[] = [];
  const refused: number[] = [];
  for (const id of await selectDuePlans(db)) {
    try {
      await withTransaction(db, async (tx) => {
        const plan = await lockedPlan(tx, id, everyone, null, ['approved']);
        await refusing(() => publishPlan(tx, id));
        await audit(tx, { userId: null, ip: null }, { action: 'plan.publish', targetKind: 'plan', targetIds: [id], scope: plan.community_code });
      });
      published.push(id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused.push(id);
    }
  }
  return { published, refused };
}
