import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { projectRoot } from '../config.ts';
import type { Logger } from '../logger.ts';

export const migrationsDir = path.join(projectRoot, 'sql');

type Migration = { id: number; name: string; sql: string; checksum: string };

const fileName = /^(\d{6})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => fileName.test(f))
    .sort()
    .map((f) => {
      const [, id, name] = fileName.exec(f) as RegExpExecArray;
      const sql = readFileSync(path.join(dir, f), 'utf8');
      return { id: Number(id), name: name as string, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {}

// Any constant works; it only has to be the same in every process that migrates.
const lockKey = 7_361_100_001;

/**
 * Applies the numbered migrations in `sql/` that are not yet applied, in order, each in its own
 * transaction. Forward-only: an applied migration that changed or disappeared is an error.
 * Two processes starting at once serialize on an advisory lock.
 */
export async function migrate(pool: pg.Pool, log: Logger, dir = migrationsDir): Promise<number> {
  const migrations = readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [lockKey]);
    await client.query(`
      create table if not exists schema_migration (
        id         integer primary key,
        name       text not null,
        checksum   text not null,
        applied_at timestamptz not null default now()
      )`);
    const { rows } = await client.query<{ id: number; name: string; checksum: string }>('select id, name, checksum from schema_migration order by id');
    for (const applied of rows) {
      const onDisk = migrations.find((m) => m.id === applied.id);
      if (!onDisk) throw new MigrationError(`migration ${applied.id} (${applied.name}) was applied but is missing from sql/`);
      if (onDisk.checksum !== applied.checksum) {
        throw new MigrationError(`migration ${applied.id} (${applied.name}) changed after it was applied; add a new migration instead`);
      }
    }
    const done = new Set(rows.map((r) => r.id));
    let count = 0;
    for (const m of migrations.filter((x) => !done.has(x.id))) {
      await client.query('begin');
      try {
        await client.query(m.sql);
        await client.query('insert into schema_migration (id, name, checksum) values ($1, $2, $3)', [m.id, m.name, m.checksum]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new MigrationError(`migration ${m.id} (${m.name}) failed: ${(error as Error).message}`);
      }
      log.info({ migration: `${m.id}_${m.name}` }, 'migration applied');
      count += 1;
    }
    return count;
  } finally {
    await client.query('select pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => undefined);
    client.release();
  }
}
