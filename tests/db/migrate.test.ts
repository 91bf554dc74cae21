import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationsDir, readMigrations } from '../../server/src/db/migrate.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { createLogger } from '../../server/src/logger.ts';
import { createEmptyDatabase } from '../support/database.ts';

const log = createLogger('silent');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyPool(label: string) {
  const database = await createEmptyDatabase(label);
  const pool = createPool(database.url, 4);
  cleanups.push(async () => {
    await pool.end();
    await database.drop();
  });
  return pool;
}

describe('migrations', () => {
  it('apply every numbered file once, in order, even when two processes start at once', async () => {
    const a = await emptyPool('mig_a');
    const b = createPool((a.options as { connectionString: string }).connectionString, 2);
    cleanups.push(() => b.end());
    const [first, second] = await Promise.all([migrate(a, log), migrate(b, log)]);
    const total = readMigrations().length;
    expect(first + second).toBe(total);
    const { rows } = await a.query<{ id: number }>('select id from schema_migration order by applied_at, id');
    expect(rows.map((r) => r.id)).toEqual(readMigrations().map((m) => m.id));
    expect(await migrate(a, log)).toBe(0);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    const pool = await emptyPool('mig_edit');
    const dir = mkdtempSync(path.join(tmpdir(), 'redgrid-sql-'));
    cpSync(migrationsDir, dir, { recursive: true });
    await migrate(pool, log, dir);
    const first = readMigrations(dir)[0]!;
    writeFileSync(path.join(dir, `${String(first.id).padStart(6, '0')}_${first.name}.sql`), `${first.sql}\n-- edited\n`);
    await expect(migrate(pool, log, dir)).rejects.toThrow(/changed after it was applied/);
  });

  it('roll back a failing migration whole, leaving nothing half-applied', async () => {
    const pool = await emptyPool('mig_fail');
    const dir = mkdtempSync(path.join(tmpdir(), 'redgrid-sql-'));
    cpSync(migrationsDir, dir, { recursive: true });
    writeFileSync(path.join(dir, '999999_broken.sql'), 'create table half_done (id int);\nselect no_such_function();\n');
    await expect(migrate(pool, log, dir)).rejects.toThrow(/999999 \(broken\) failed/);
    const { rows } = await pool.query("select to_regclass('half_done') as t, (select max(id) from schema_migration) as last");
    expect(rows[0]).toEqual({ t: null, last: readMigrations().at(-1)!.id });
  });
});
