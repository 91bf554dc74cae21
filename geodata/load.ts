/**
 * Loads a generated county into PostGIS with COPY, in one transaction and foreign-key order.
 *
 * Rows carry their own ids: COPY writes identity columns as given (like OVERRIDING SYSTEM VALUE),
 * and each identity sequence is moved past the loaded ids afterwards so later inserts work.
 * Geometry travels as hex EWKB. For large member counts the member table's secondary indexes
 * and foreign keys are dropped during the copy and recreated from their own definitions
 * (pg_get_indexdef / pg_get_constraintdef), which is much faster.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { County } from './county/types.ts';
import { TABLES, type Table } from './load/tables.ts';

export interface LoadProgress {
  table: string;
  /** Rows sent so far. */
  rows: number;
  total: number;
  elapsedMs: number;
  done: boolean;
  /** Set while indexes are rebuilt after the rows are in. */
  phase?: 'copy' | 'index';
}

export interface LoadOptions {
  /** Empty the county's tables first (see clearCounty). Default false. */
  replace?: boolean;
  /** Report progress every this many rows of a table (default 100,000). */
  progressEvery?: number;
  /**
   * Drop the member table's secondary indexes and foreign keys during the copy and recreate them
   * from their own definitions afterwards (faster in bulk): default when members ≥ 50,000.
   */
  rebuildMemberIndexes?: boolean;
}

export interface LoadSummary {
  rows: Record<string, number>;
  ms: number;
}

/**
 * Tables the generator owns. Clearing them cascades to rows that depend on the county (cases,
 * dispatches, …); role grants (user_role_grant) are kept for the areas that exist again after
 * the load.
 */
export const COUNTY_TABLES = TABLES.map((t) => t.name);
/** Kept from the county's tables by triggers and refresh_coverage() (sql/000008_wall.sql). */
const DERIVED_TABLES = ['member_density', 'coverage_cell', 'building_reach'];

const CHUNK = 1 << 18;

function* chunks(table: Table, county: County, onRow: (n: number) => void): Generator<string> {
  let buffer = '';
  let n = 0;
  for (const line of table.lines(county)) {
    buffer += line;
    n++;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
      onRow(n);
    }
  }
  if (buffer.length > 0) yield buffer;
  onRow(n);
}

async function copyTable(client: pg.ClientBase, table: Table, county: County, every: number, onProgress?: (p: LoadProgress) => void): Promise<number> {
  const total = table.count(county);
  const started = Date.now();
  let reported = 0;
  let sent = 0;
  const report = (n: number): void => {
    sent = n;
    if (onProgress && n - reported >= every) {
      reported = n - (n % every);
      onProgress({ table: table.name, rows: n, total, elapsedMs: Date.now() - started, done: false, phase: 'copy' });
    }
  };
  const sql = `copy ${table.name} (${table.columns.join(', ')}) from stdin`;
  await pipeline(Readable.from(chunks(table, county, report)), client.query(copyFrom(sql)));
  onProgress?.({ table: table.name, rows: sent, total, elapsedMs: Date.now() - started, done: true, phase: 'copy' });
  if (sent !== total) throw new Error(`${table.name}: expected ${total} rows, sent ${sent}`);
  return sent;
}

/** Empties the county's tables (restart identity, cascade), keeping role grants aside. */
export async function clearCounty(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ exists: boolean }>("select to_regclass('user_role_grant') is not null as exists");
  if (rows[0]?.exists) {
    await client.query('create temp table if not exists geodata_saved_grants (like user_role_grant) on commit drop');
    await client.query('insert into geodata_saved_grants select * from user_role_grant');
  }
  await client.query(`truncate ${COUNTY_TABLES.join(', ')} restart identity cascade`);
}

async function restoreGrants(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ exists: boolean }>("select to_regclass('pg_temp.geodata_saved_grants') is not null as exists");
  if (!rows[0]?.exists) return;
  await client.query(
    'insert into user_role_grant select g.* from geodata_saved_grants g where exists (select 1 from area a where a.code = g.scope_code) on conflict do nothing',
  );
}

/** Foreign keys of the member table, to drop during a bulk copy and re-add (validated) after. */
async function memberForeignKeys(client: pg.ClientBase): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(`
    select conname as name, pg_get_constraintdef(oid) as definition
      from pg_constraint
     where conrelid = 'member'::regclass and contype = 'f'
     order by conname`);
  return rows;
}

async function memberIndexes(client: pg.ClientBase): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
     where x.indrelid = 'member'::regclass
       and not x.indisprimary
       and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
     order by i.relname`);
  return rows;
}

/**
 * Inserts the whole county in one transaction (BEGIN … COMMIT on this client; rolled back on
 * any error). With `replace`, empties the county's tables first.
 */
export async function loadCounty(
  client: pg.ClientBase,
  county: County,
  onProgress?: (p: LoadProgress) => void,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const started = Date.now();
  const every = options.progressEvery ?? 100_000;
  const rebuild = options.rebuildMemberIndexes ?? county.members.count >= 50_000;
  const summary: Record<string, number> = {};
  await client.query('begin');
  try {
    await client.query("set local maintenance_work_mem = '512MB'");
    if (options.replace) await clearCounty(client);
    for (const table of TABLES) {
      const bulk = table.name === 'member' && rebuild;
      const indexes = bulk ? await memberIndexes(client) : [];
      const foreignKeys = bulk ? await memberForeignKeys(client) : [];
      for (const index of indexes) await client.query(`drop index ${quoteIdent(index.name)}`);
      for (const fk of foreignKeys) await client.query(`alter table member drop constraint ${quoteIdent(fk.name)}`);
      summary[table.name] = await copyTable(client, table, county, every, onProgress);
      const rows = summary[table.name] as number;
      for (const index of indexes) {
        const t = Date.now();
        await client.query(index.definition);
        onProgress?.({ table: `${table.name}: ${index.name}`, rows, total: rows, elapsedMs: Date.now() - t, done: true, phase: 'index' });
      }
      for (const fk of foreignKeys) {
        const t = Date.now();
        await client.query(`alter table member add constraint ${quoteIdent(fk.name)} ${fk.definition}`);
        onProgress?.({ table: `${table.name}: ${fk.name}`, rows, total: rows, elapsedMs: Date.now() - t, done: true, phase: 'index' });
      }
      if (table.identity) {
        await client.query(`select setval(pg_get_serial_sequence('${table.name}', 'id'), coalesce(max(id), 0) + 1, false) from ${table.name}`);
      }
    }
    // the points the generator gave are each member's opening balance in the ledger (sql/000024)
    await client.query("insert into member_points (member_id, kind, points, note) select id, 'opening', points, '期初积分' from member where points > 0");
    // the member copy left its density deltas pending (sql/000014): folded once, here, as is coverage
    await client.query('select fold_member_density()');
    await client.query('select refresh_coverage()');
    await restoreGrants(client);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
  for (const table of [...COUNTY_TABLES, ...DERIVED_TABLES]) await client.query(`analyze ${table}`);
  return { rows: summary, ms: Date.now() - started };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
