import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { CloseOrgBody, CreateOrgBody, MergeOrgBody, MoveOrgBody, UpdateOrgBody } from '../contract/orgs.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import {
  areaInScope,
  closeOrgRow,
  insertOrg,
  isSelfOrAncestor,
  lockOrgTree,
  reparentChildrenOnMerge,
  selectChildKinds,
  selectOccupancy,
  transferMembersOnMerge,
  updateOrgFields,
  updateOrgParent,
  type OrgFields,
} from './queries.ts';
import { insertHistory } from '../registry-history/queries.ts';
import { assertGridFits, assertMayParent, assertOpen, lockedOrg, mayParent } from './rules.ts';

async function assertAreaInScope(tx: pg.PoolClient, code: string, scope: Scope): Promise<void> {
  if (!(await areaInScope(tx, code, scope))) throw new DomainError('not_found', ErrorCode.notFound, `No area ${code} in your scope.`);
}

/** Creates an organization under an open parent in scope (only a committee may have none), with its history and audit record. */
export function createOrg(db: pg.Pool, actor: Actor, body: CreateOrgBody, scope: Scope): Promise<number> {
  return withTransaction(db, async (tx) => {
    await assertAreaInScope(tx, body.area_code, scope);
    if (body.parent_id !== null) {
      const parent = await lockedOrg(tx, body.parent_id, scope);
      assertOpen(parent);
      assertMayParent(parent, body.kind);
    } else if (body.kind !== 'committee') {
      throw new DomainError('unprocessable', ErrorCode.orgHierarchy, 'Only a committee may stand without a parent; give parent_id.');
    }
    if (body.grid_code !== undefined) await assertGridFits(tx, body.grid_code, body.kind, body.area_code, scope);
    const id = await insertOrg(tx, {
      name: body.name,
      kind: body.kind,
      sector: body.sector,
      parent_id: body.parent_id,
      area_code: body.area_code,
      secretary_name: body.secretary_name ?? null,
      founded_on: body.founded_on ?? null,
      position: body.position ?? null,
      grid_code: body.grid_code ?? null,
    });
    await insertHistory(tx, {
      subjectKind: 'org',
      subjectId: id,
      action: 'created',
      effectiveOn: body.founded_on ?? null,
      reason: null,
      detail: { name: body.name, kind: body.kind, sector: body.sector, parent_id: body.parent_id, area_code: body.area_code },
      actorId: actor.userId,
    });
    await audit(tx, actor, { action: 'org.create', targetKind: 'org', targetIds: [id], scope: body.area_code, detail: { name: body.name, kind: body.kind } });
    return id;
  });
}

type Editable = Omit<OrgFields, 'kind' | 'parent_id'>;
const editable = ['name', 'sector', 'area_code', 'secretary_name', 'founded_on', 'position', 'grid_code'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Edits an open organization in scope: a new area must be in scope, a grid must be a current grid
 * of the area's subtree in scope (branches only). Nothing is written when nothing changes.
 */
export function updateOrg(db: pg.Pool, actor: Actor, id: number, body: UpdateOrgBody, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const org = await lockedOrg(tx, id, scope);
    assertOpen(org);
    const before: Editable = {
      name: org.name,
      sector: org.sector,
      area_code: org.area_code,
      secretary_name: org.secretary_name,
      founded_on: org.founded_on,
      position: org.lng === null || org.lat === null ? null : [org.lng, org.lat],
      grid_code: org.grid_code,
    };
    const after: Editable = { ...before };
    for (const field of editable) {
      if (body[field] !== undefined) Object.assign(after, { [field]: body[field] });
    }
    const changed = editable.filter((f) => !same(before[f], after[f]));
    if (changed.length === 0) return;
    if (after.area_code !== before.area_code) await assertAreaInScope(tx, after.area_code, scope);
    if (after.grid_code !== null && (changed.includes('grid_code') || changed.includes('area_code'))) {
      await assertGridFits(tx, after.grid_code, org.kind, after.area_code, scope);
    }
    await updateOrgFields(tx, id, after);
    const pick = (e: Editable) => Object.fromEntries(changed.map((f) => [f, e[f]]));
    await insertHistory(tx, {
      subjectKind: 'org',
      subjectId: id,
      action: 'edited',
      effectiveOn: null,
      reason: null,
      detail: { changed, before: pick(before), after: pick(after) },
      actorId: actor.userId,
    });
    await audit(tx, actor, { action: 'org.update', targetKind: 'org', targetIds: [id], scope: after.area_code, detail: { changed } });
  });
}

/** Moves an open organization under another open parent in scope; never under itself or its own descendants. */
export function moveOrg(db: pg.Pool, actor: Actor, id: number, body: MoveOrgBody, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    await lockOrgTree(tx);
    const org = await lockedOrg(tx, id, scope);
    assertOpen(org);
    const parent = await lockedOrg(tx, body.parent_id, scope);
    assertOpen(parent, `The parent ${parent.name}`);
    if (org.parent_id === parent.id) throw new DomainError('conflict', ErrorCode.conflict, `${org.name} already stands under ${parent.name}.`);
    if (await isSelfOrAncestor(tx, org.id, parent.id)) {
      throw new DomainError('unprocessable', ErrorCode.orgHierarchy, `${org.name} cannot move under itself or an organization below it.`);
    }
    assertMayParent(parent, org.kind);
    await updateOrgParent(tx, id, parent.id);
    await insertHistory(tx, {
      subjectKind: 'org',
      subjectId: id,
      action: 'moved',
      effectiveOn: body.effective_on ?? null,
      reason: body.reason ?? null,
      detail: { from_parent_id: org.parent_id, to_parent_id: parent.id },
      actorId: actor.userId,
    });
    await audit(tx, actor, {
      action: 'org.move',
      targetKind: 'org',
      targetIds: [id],
      scope: org.area_code,
      detail: { from_parent_id: org.parent_id, to_parent_id: parent.id },
    });
  });
}

/**
 * Merges an open organization into another open one in scope: its current members transfer (each
 * with a row of history), its children go under the target, and it closes with merged_into; both
 * records keep the merge. Answers the surviving organization's id.
 */
export function mergeOrg(db: pg.Pool, actor: Actor, id: number, body: MergeOrgBody, scope: Scope): Promise<number> {
  return withTransaction(db, async (tx) => {
    await lockOrgTree(tx);
    const source = await lockedOrg(tx, id, scope);
    assertOpen(source);
    if (body.into_id === id) throw new DomainError('unprocessable', ErrorCode.orgHierarchy, 'An organization cannot merge into itself.');
    const target = await lockedOrg(tx, body.into_id, scope);
    assertOpen(target, `The target ${target.name}`);
    if (await isSelfOrAncestor(tx, source.id, target.id)) {
      throw new DomainError('unprocessable', ErrorCode.orgHierarchy, `${source.name} cannot merge into ${target.name}, which stands below it.`);
    }
    const misfit = (await selectChildKinds(tx, source.id)).find((k) => !mayParent(target.kind, k));
    if (misfit) assertMayParent(target, misfit);
    const carry = { from: source.id, to: target.id, effectiveOn: body.effective_on ?? null, reason: body.reason, actorId: actor.userId };
    const members = await transferMembersOnMerge(tx, carry);
    const children = await reparentChildrenOnMerge(tx, carry);
    await closeOrgRow(tx, source.id, { effectiveOn: carry.effectiveOn, reason: body.reason, mergedInto: target.id });
    const counts = { members, children };
    await insertHistory(tx, {
      subjectKind: 'org',
      subjectId: source.id,
      action: 'merged_into',
      effectiveOn: carry.effectiveOn,
      reason: body.reason,
      detail: { into_id: target.id, ...counts },
      actorId: actor.userId,
    });
    await insertHistory(tx, {
      subjectKind: 'org',
      subjectId: target.id,
      action: 'merged_from',
      effectiveOn: carry.effectiveOn,
      reason: body.reason,
      detail: { from_id: source.id, ...counts },
      actorId: actor.userId,
    });
    await audit(tx, actor, {
      action: 'org.merge',
      targetKind: 'org',
      targetIds: [source.id, target.id],
      scope: source.area_code,
      detail: { into_id: target.id, ...counts },
    });
    return target.id;
  });
}

/** Closes an open organization in scope that has no current members and no open children (409 org_not_empty otherwise). */
export function closeOrg(db: pg.Pool, actor: Actor, id: number, body: CloseOrgBody, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const org = await lockedOrg(tx, id, scope);
    assertOpen(org);
    const { members, children } = await selectOccupancy(tx, id);
    if (members > 0 || children > 0) {
      throw new DomainError(
        'conflict',
        ErrorCode.orgNotEmpty,
        `${org.name} still has ${members} current members and ${children} open organizations below it: transfer or merge them first.`,
      );
    }
    const closedOn = await closeOrgRow(tx, id, { effectiveOn: body.effective_on ?? null, reason: body.reason, mergedInto: null });
    await insertHistory(tx, {
      subjectKind: 'org',
      subjectId: id,
      action: 'closed',
      effectiveOn: closedOn,
      reason: body.reason,
      detail: {},
      actorId: actor.userId,
    });
    await audit(tx, actor, { action: 'org.close', targetKind: 'org', targetIds: [id], scope: org.area_code, detail: { closed_on: closedOn } });
  });
}
