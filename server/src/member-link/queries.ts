import type { Queryable } from '../db/transaction.ts';

/** The member-link signing key: `candidate` is stored unless a key exists; answers the stored one. */
export async function storedLinkKey(db: Queryable, candidate: Buffer): Promise<Buffer> {
  await db.query("insert into app_secret (name, value) values ('member_link', $1) on conflict (name) do nothing", [candidate]);
  const { rows } = await db.query<{ value: Buffer }>("select value from app_secret where name = 'member_link'");
  return rows[0]!.value;
}
