import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { CreateListItemBody, UpdateListItemBody } from '../contract/regional.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { lockGroup } from './groups.queries.ts';
import { deleteItemRow, insertItem, lockItem, selectItem, updateItemRow, type ItemOwner, type ItemRow, type NewItem } from './items.queries.ts';
import { lockPairing } from './pairings.queries.ts';
import { changes, notFound, patched } from './scopes.ts';
import { assertStatusMove } from './status-flow.ts';

const ownerName = (owner: ItemOwner) => (owner.kind === 'pairing' ? `pairing ${owner.id}` : `regional group ${owner.id}`);

/**
 * Locks the owner of a list where either side of it is in `scope` (a pairing's organization or
 * partner; a group's area or a member organization): both sides keep the lists they share. A
 * pairing that has ended takes no more changes. Answers the area the audit record names.
 */
async function lockOwner(tx: Tx, owner: ItemOwner, scope: Scope): Promise<string> {
  if (owner.kind === 'pairing') {
    const pairing = await lockPairing(tx, owner.id, scope, 'either');
    if (!pairing) throw notFound(ownerName(owner));
    if (pairing.ended_on !== null) {
      throw new DomainError('conflict', ErrorCode.pairingEnded, `Pairing ${owner.id} ended on ${pairing.ended_on}; its lists are kept as they were.`);
    }
    return pairing.org_area_code;
  }
  const group = await lockGroup(tx, owner.id, scope, 'either');
  if (!group) throw notFound(ownerName(owner));
  return group.area_code;
}

/** Adds an item to one of the owner's three lists. */
export function addItem(db: pg.Pool, actor: Actor, owner: ItemOwner, body: CreateListItemBody, scope: Scope): Promise<ItemRow> {
  return withTransaction(db, async (tx) => {
    const area = await lockOwner(tx, owner, scope);
    const item = await insertItem(tx, owner, {
      list: body.list,
      title: body.title,
      detail: body.detail ?? null,
      status: body.status ?? 'open',
      dueOn: body.due_on ?? null,
    });
    await audit(tx, actor, {
      action: 'regional_list.add',
      targetKind: 'list_item',
      targetIds: [item.id],
      scope: area,
      detail: { owner, list: body.list, title: body.title, status: item.status },
    });
    return item;
  });
}

const ownerOf = (row: ItemRow): ItemOwner =>
  row.pairing_id !== null ? { kind: 'pairing', id: row.pairing_id } : { kind: 'regional_group', id: row.group_id! };

/** An item whose owner is in scope, locked after its owner (as deleting a pairing locks them). */
async function lockScopedItem(tx: Tx, id: number, scope: Scope): Promise<{ row: ItemRow; owner: ItemOwner; area: string }> {
  const peek = await selectItem(tx, id);
  if (!peek) throw notFound(`list item ${id}`);
  const owner = ownerOf(peek);
  let area: string;
  try {
    area = await lockOwner(tx, owner, scope);
  } catch (error) {
    // the owner out of scope: the item is not there for this caller
    if (error instanceof DomainError && error.code === ErrorCode.notFound) throw notFound(`list item ${id}`);
    throw error;
  }
  const row = await lockItem(tx, id);
  if (!row) throw notFound(`list item ${id}`);
  return { row, owner, area };
}

/** Edits an item: its list, title, detail, due day or status (along `statusMoves`); nothing changed writes nothing. */
export function updateItem(db: pg.Pool, actor: Actor, id: number, body: UpdateListItemBody, scope: Scope): Promise<ItemRow> {
  return withTransaction(db, async (tx) => {
    const { row, owner, area } = await lockScopedItem(tx, id, scope);
    const before = { list: row.list, title: row.title, detail: row.detail, status: row.status, due_on: row.due_on };
    const after = patched(before, body);
    assertStatusMove(`List item ${id}`, before.status, after.status);
    const diff = changes(before, after);
    if (diff.changed.length === 0) return row;
    const fields: NewItem = { list: after.list, title: after.title, detail: after.detail, status: after.status, dueOn: after.due_on };
    const updated = await updateItemRow(tx, id, fields);
    await audit(tx, actor, { action: 'regional_list.update', targetKind: 'list_item', targetIds: [id], scope: area, detail: { owner, ...diff } });
    return updated;
  });
}

/** Deletes an item added by mistake (a cancelled one stays on the list as cancelled). */
export function deleteItem(db: pg.Pool, actor: Actor, id: number, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    const { row, owner, area } = await lockScopedItem(tx, id, scope);
    await deleteItemRow(tx, id);
    await audit(tx, actor, {
      action: 'regional_list.delete',
      targetKind: 'list_item',
      targetIds: [id],
      scope: area,
      detail: { owner, list: row.list, title: row.title, status: row.status },
    });
  });
}
