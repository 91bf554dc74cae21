import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { AddGroupMemberBody, CreateGroupBody, SetLeadBody, UpdateGroupBody } from '../contract/regional.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import {
  areaInScope,
  deleteMember,
  insertGroup,
  insertMember,
  lockGroup,
  selectLead,
  selectMemberIds,
  setLeadRow,
  updateGroupRow,
  type LockedGroupRow,
} from './groups.queries.ts';
import { selectOrgIn } from './pairings.queries.ts';
import { changes, notFound, patched, type WriteScopes } from './scopes.ts';

/** An open organization the caller may read, to join a group. */
async function assertJoinable(tx: Tx, orgId: number, scope: Scope): Promise<void> {
  const org = await selectOrgIn(tx, orgId, scope);
  if (!org) throw notFound(`organization ${orgId}`);
  if (org.closed_on !== null) {
    throw new DomainError('conflict', ErrorCode.orgClosed, `Organization ${orgId} closed on ${org.closed_on}; a closed organization joins no group.`);
  }
}

/** A group whose area is in the caller's edit scope, locked: its membership, lead and meetings change one at a time. */
export async function lockOwnGroup(tx: Tx, id: number, scope: Scope): Promise<LockedGroupRow> {
  const group = await lockGroup(tx, id, scope, 'group');
  if (!group) throw notFound(`regional group ${id}`);
  return group;
}

/** Refuses (422 not_a_group_member) organizations that are not members of the group. */
export async function assertMembers(tx: Tx, groupId: number, orgIds: readonly number[], what: string): Promise<void> {
  if (orgIds.length === 0) return;
  const members = new Set(await selectMemberIds(tx, groupId, orgIds));
  const strangers = orgIds.filter((id) => !members.has(id));
  if (strangers.length > 0) {
    throw new DomainError(
      'unprocessable',
      ErrorCode.notGroupMember,
      `${what}: organization ${strangers.join(', ')} is not a member of regional group ${groupId}; add it to the group first.`,
    );
  }
}

/** Creates a group in an area of the caller's edit scope, with its lead and members (open organizations the caller may read). */
export function createGroup(db: pg.Pool, actor: Actor, body: CreateGroupBody, scopes: WriteScopes): Promise<number> {
  return withTransaction(db, async (tx) => {
    if (!(await areaInScope(tx, body.area_code, scopes.edit))) throw notFound(`area ${body.area_code}`);
    const members = [...(body.lead_org_id !== undefined ? [body.lead_org_id] : []), ...(body.org_ids ?? [])];
    for (const orgId of members) await assertJoinable(tx, orgId, scopes.read);
    const id = await insertGroup(tx, body.name, body.area_code);
    for (const orgId of members) await insertMember(tx, id, orgId, orgId === body.lead_org_id);
    await audit(tx, actor, {
      action: 'regional_group.create',
      targetKind: 'regional_group',
      targetIds: [id],
      scope: body.area_code,
      detail: { name: body.name, lead_org_id: body.lead_org_id ?? null, members: members.length },
    });
    return id;
  });
}

/** Renames a group or moves it to another area of the caller's edit scope; nothing changed writes nothing. */
export function updateGroup(db: pg.Pool, actor: Actor, id: number, body: UpdateGroupBody, scopes: WriteScopes): Promise<void> {
  return withTransaction(db, async (tx) => {
    const group = await lockOwnGroup(tx, id, scopes.edit);
    const before = { name: group.name, area_code: group.area_code };
    const after = patched(before, body);
    const diff = changes(before, after);
    if (diff.changed.length === 0) return;
    if (after.area_code !== before.area_code && !(await areaInScope(tx, after.area_code, scopes.edit))) throw notFound(`area ${after.area_code}`);
    await updateGroupRow(tx, id, after.name, after.area_code);
    await audit(tx, actor, { action: 'regional_group.update', targetKind: 'regional_group', targetIds: [id], scope: after.area_code, detail: diff });
  });
}

/** Adds an open organization the caller may read to the group; as its lead when asked (the former lead stays a member). */
export function addMember(db: pg.Pool, actor: Actor, id: number, body: AddGroupMemberBody, scopes: WriteScopes): Promise<void> {
  return withTransaction(db, async (tx) => {
    const group = await lockOwnGroup(tx, id, scopes.edit);
    await assertJoinable(tx, body.org_id, scopes.read);
    if ((await selectMemberIds(tx, id, [body.org_id])).length > 0) {
      throw new DomainError('conflict', ErrorCode.conflict, `Organization ${body.org_id} is a member of regional group ${id} already.`);
    }
    await insertMember(tx, id, body.org_id, false);
    const formerLead = body.is_lead === true ? await selectLead(tx, id) : undefined;
    if (body.is_lead === true) await setLeadRow(tx, id, body.org_id);
    await audit(tx, actor, {
      action: 'regional_group.add_member',
      targetKind: 'regional_group',
      targetIds: [id],
      scope: group.area_code,
      detail: { org_id: body.org_id, is_lead: body.is_lead === true, ...(formerLead !== undefined ? { former_lead: formerLead } : {}) },
    });
  });
}

/** Removes a member organization; a lead removed leaves the group without one. Meetings keep who attended. */
export function removeMember(db: pg.Pool, actor: Actor, id: number, orgId: number, scopes: WriteScopes): Promise<void> {
  return withTransaction(db, async (tx) => {
    const group = await lockOwnGroup(tx, id, scopes.edit);
    const wasLead = await deleteMember(tx, id, orgId);
    if (wasLead === undefined) throw new DomainError('not_found', ErrorCode.notFound, `Organization ${orgId} is not a member of regional group ${id}.`);
    await audit(tx, actor, {
      action: 'regional_group.remove_member',
      targetKind: 'regional_group',
      targetIds: [id],
      scope: group.area_code,
      detail: { org_id: orgId, was_lead: wasLead },
    });
  });
}

/** Makes a member the group's lead (牵头单位); the former lead stays a member. The lead it has already is no change. */
export function setLead(db: pg.Pool, actor: Actor, id: number, body: SetLeadBody, scopes: WriteScopes): Promise<void> {
  return withTransaction(db, async (tx) => {
    const group = await lockOwnGroup(tx, id, scopes.edit);
    await assertMembers(tx, id, [body.org_id], 'The lead');
    const former = await selectLead(tx, id);
    if (former === body.org_id) return;
    await setLeadRow(tx, id, body.org_id);
    await audit(tx, actor, {
      action: 'regional_group.set_lead',
      targetKind: 'regional_group',
      targetIds: [id],
      scope: group.area_code,
      detail: { from: former ?? null, to: body.org_id },
    });
  });
}
