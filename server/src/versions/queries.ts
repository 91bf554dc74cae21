import type { Queryable } from '../db/transaction.ts';

/**
 * Moves the committed version bumps into each topic's folded count and notifies a `data.version`
 * event per topic that changed, at the caller's commit (sql/000012); answers how many bumps.
 */
export async function foldDataVersions(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ folded: number }>({ name: 'fold_data_versions', text: 'select fold_data_versions() as folded' });
  return rows[0]?.folded ?? 0;
}

/**
 * Adds the committed pending member-density deltas to the pyramid (sql/000014); every density
 * read calls it first, so it sees every commit before it. Answers how many pending rows it folded.
 */
export async function foldMemberDensity(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ folded: number }>({ name: 'fold_member_density', text: 'select fold_member_density() as folded' });
  return rows[0]?.folded ?? 0;
}
