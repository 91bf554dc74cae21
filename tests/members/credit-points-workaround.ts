import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { projectRoot } from '../../server/src/config.ts';

/**
 * WORKAROUND, to be removed once sql/000024 is fixed: credit_points as landed fails with
 * "column reference "kind" is ambiguous" (its ON CONFLICT names columns that are also its
 * parameters), so every credit, and every dispatch answer through its trigger, fails. When the
 * function in `db` (a private test database) still fails, it is replaced by the same text with
 * `#variable_conflict use_column`; a fixed migration makes this a no-op. Answers whether it patched.
 */
export async function patchCreditPointsIfBroken(db: pg.Pool): Promise<boolean> {
  const client = await db.connect();
  try {
    await client.query('begin');
    const broken = await client
      .query("select credit_points(m.id, 'activity', 1, null, null, null) from member m order by m.id limit 1")
      .then(() => false)
      .catch((error: Error) => /ambiguous/.test(error.message));
    await client.query('rollback');
    if (!broken) return false;
    const sql = readFileSync(path.join(projectRoot, 'sql/000024_member_registry.sql'), 'utf8');
    const fn = sql.slice(sql.indexOf('create function credit_points('), sql.indexOf('-- A member who answers'));
    await client.query(fn.replace('create function', 'create or replace function').replace('declare\n', '#variable_conflict use_column\ndeclare\n'));
    return true;
  } finally {
    client.release();
  }
}
