import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../../server/src/config.ts';
import { loadDemoCounty } from '../../server/src/db/demo.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createPool } from '../../server/src/db/pool.ts';
import type { Logger } from '../../server/src/logger.ts';

export const testSeed = 20260701;

/** The same server URL, pointing at another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Changes whenever the schema or the demo generator changes, so a stale template is never used. */
export function templateName(): string {
  const hash = createHash('sha1');
  for (const file of [...filesUnder(path.join(projectRoot, 'sql')), ...filesUnder(path.join(projectRoot, 'geodata'))].sort()) {
    hash.update(file.slice(projectRoot.length)).update(readFileSync(file));
  }
  hash.update(String(testSeed));
  return `redgrid_tpl_${hash.digest('hex').slice(0, 16)}`;
}

const lockKey = 7_361_100_003;

async function withAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Ensures a template database holding the migrated schema and the demo county, built once per
 * schema/generator version; test runs copy it (CREATE DATABASE … TEMPLATE), which takes a second.
 */
export async function ensureTemplate(adminUrl: string, urlFor: (db: string) => string, log: Logger): Promise<string> {
  const name = templateName();
  await withAdmin(adminUrl, async (admin) => {
    await admin.query('select pg_advisory_lock($1::bigint)', [lockKey]);
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1 and datistemplate', [name]);
      if (rowCount) return;
      // the newest few stay: other checkouts of the project (worktrees, branches) may be testing with them
      const stale = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like 'redgrid\\_tpl\\_%' and datname <> $1 order by oid desc offset 3",
        [name],
      );
      for (const { datname } of stale.rows) {
        await admin.query(`alter database ${pg.escapeIdentifier(datname)} is_template false`);
        await admin.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
      }
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await admin.query(`create database ${pg.escapeIdentifier(name)}`);
      const pool = createPool(urlFor(name), 2);
      try {
        await migrate(pool, log);
        await loadDemoCounty(pool, testSeed, log);
        await pool.query('vacuum analyze');
      } finally {
        await pool.end();
      }
      await admin.query(`alter database ${pg.escapeIdentifier(name)} is_template true`);
    } finally {
      await admin.query('select pg_advisory_unlock($1::bigint)', [lockKey]);
    }
  });
  return name;
}

/** A fresh database for one test run (or one test that changes data), copied from the template. */
export async function createRunDatabase(adminUrl: string, template: string, label: string): Promise<string> {
  const name = `redgrid_test_${label}_${process.pid}_${Date.now().toString(36)}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`));
  return name;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));
}
