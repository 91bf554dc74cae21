import type { RegionalList, RegionalStatus } from '../contract/regional.ts';
import type { Queryable } from '../db/transaction.ts';

/** Whose list an item is on: a pairing's or a regional group's. */
export type ItemOwner = { kind: 'pairing' | 'regional_group'; id: number };

export type ItemRow = {
  id: number;
  pairing_id: number | null;
  group_id: number | null;
  list: RegionalList;
  title: string;
  detail: string | null;
  status: RegionalStatus;
  due_on: string | null;
  created_at: string;
  updated_at: string;
};

const columns = `id, pairing_id, group_id, list::text as list, title, detail, status::text as status, due_on::text as due_on,
  to_json(created_at) #>> '{}' as created_at, to_json(updated_at) #>> '{}' as updated_at`;

const ownerColumn = (owner: ItemOwner) => (owner.kind === 'pairing' ? 'pairing_id' : 'group_id');

/** An owner's items, by list (needs, resources, projects) and then in the order they were added. */
export async function selectItems(db: Queryable, owner: ItemOwner, list: RegionalList | null = null): Promise<ItemRow[]> {
  const { rows } = await db.query<ItemRow>(
    `select ${columns} from regional_list_item
     where ${ownerColumn(owner)} = $1::bigint and ($2::regional_list is null or list = $2::regional_list)
     order by list, id`,
    [owner.id, list],
  );
  return rows;
}

export type NewItem = { list: RegionalList; title: string; detail: string | null; status: RegionalStatus; dueOn: string | null };

export async function insertItem(tx: Queryable, owner: ItemOwner, item: NewItem): Promise<ItemRow> {
  const { rows } = await tx.query<ItemRow>(
    `insert into regional_list_item (${ownerColumn(owner)}, list, title, detail, status, due_on)
     values ($1::bigint, $2::regional_list, $3, $4, $5::regional_status, $6::date)
     returning ${columns}`,
    [owner.id, item.list, item.title, item.detail, item.status, item.dueOn],
  );
  return rows[0]!;
}

/** An item, to find its owner (whose scope decides, and which is locked before the item). */
export async function selectItem(db: Queryable, id: number): Promise<ItemRow | undefined> {
  const { rows } = await db.query<ItemRow>(`select ${columns} from regional_list_item where id = $1::bigint`, [id]);
  return rows[0];
}

/** An item locked for a change until the transaction ends, after its owner. */
export async function lockItem(tx: Queryable, id: number): Promise<ItemRow | undefined> {
  const { rows } = await tx.query<ItemRow>(`select ${columns} from regional_list_item where id = $1::bigint for update`, [id]);
  return rows[0];
}

export async function updateItemRow(tx: Queryable, id: number, item: NewItem): Promise<ItemRow> {
  const { rows } = await tx.query<ItemRow>(
    `update regional_list_item
     set list = $2::regional_list, title = $3, detail = $4, status = $5::regional_status, due_on = $6::date, updated_at = now()
     where id = $1::bigint
     returning ${columns}`,
    [id, item.list, item.title, item.detail, item.status, item.dueOn],
  );
  return rows[0]!;
}

export async function deleteItemRow(tx: Queryable, id: number): Promise<void> {
  await tx.query('delete from regional_list_item where id = $1::bigint', [id]);
}
