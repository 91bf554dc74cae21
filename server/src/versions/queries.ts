import type pg from 'pg';

/**
 * Moves the committed version bumps into each topic's folded count and notifies a `data.version`
 * event per topic that changed, at the caller's commit (sql/000012); answers how many bumps.
 */
export async function foldDataVersions(db: pg.Pool | pg.PoolClient): Promise<number> {
  const { rows } = await db.query<{ folded: number }>({ name: 'fold_data_versions', text: 'select fold_data_versions() as folded' });
  return rows[0]?.folded ?? 0;
}
