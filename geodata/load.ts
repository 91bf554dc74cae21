/**
 * Loads a generated county into PostGIS with COPY, in one transaction and foreign-key order.
 *
 * Rows carry their own ids: COPY writes identity columns as given (like OVERRIDING SYSTEM VALUE),
 * and each identity sequence is moved past the loaded ids afterwards so later inserts work.
 * Geometry travels as hex EWKB. For large member counts the member table and its points ledger are
 * filled in bulk: their indexes, keys and foreign keys dropped and their triggers off during the
 * fill, then rebuilt from their own definitions (pg_get_indexdef / pg_get_constraintdef), and what
 * the triggers keep (the density pyramid, the data version) derived once, set-based, afterwards.
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
   * Load members in bulk: their secondary indexes, foreign keys and triggers off during the copy,
   * then indexes rebuilt and what the triggers keep derived set-based: default when members ≥ 50,000.
   */
  bulk?: boolean;
  /**
   * The county's members as COPY text already rendered (`memberCopyText`), instead of generating
   * them during the load: the load benchmark measures the load without the generation this way.
   */
  memberText?: () => Chunks;
  /**
   * Leave the coverage analysis (refresh_coverage) to the server's refresher, which recomputes it
   * a few seconds after the load's data versions settle, or on start: the load then ends with
   * the results empty and marked not computed. Default false: computed in the load's transaction.
   */
  deferCoverage?: boolean;
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

/** A table's rows as COPY text in chunks, each with the count of rows sent so far. */
export type Chunks = AsyncIterable<{ text: string | Buffer; rows: number }> | Iterable<{ text: string; rows: number }>;

function* generated(table: Table, county: County): Generator<{ text: string; rows: number }> {
  let buffer = '';
  let n = 0;
  for (const line of table.lines(county)) {
    buffer += line;
    n++;
    if (buffer.length >= CHUNK) {
      yield { text: buffer, rows: n };
      buffer = '';
    }
  }
  yield { text: buffer, rows: n };
}

/** COPY text already rendered (one row a line), as read from a file: rows counted by newline. */
export async function* renderedRows(text: AsyncIterable<Buffer>): AsyncGenerator<{ text: Buffer; rows: number }> {
  let n = 0;
  for await (const chunk of text) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    yield { text: chunk, rows: n };
  }
}

async function copyTable(
  client: pg.ClientBase,
  table: Table,
  total: number,
  source: Chunks,
  every: number,
  freeze: boolean,
  onProgress?: (p: LoadProgress) => void,
): Promise<number> {
  const started = Date.now();
  let reported = 0;
  let sent = 0;
  async function* counted() {
    for await (const chunk of source) {
      sent = chunk.rows;
      if (onProgress && sent - reported >= every) {
        reported = sent - (sent % every);
        onProgress({ table: table.name, rows: sent, total, elapsedMs: Date.now() - started, done: false, phase: 'copy' });
      }
      if (chunk.text.length > 0) yield chunk.text;
    }
  }
  // FREEZE (allowed into a table emptied in this transaction): rows written already frozen and
  // marked visible, so their first readers do not each set hint bits and nothing must vacuum them
  const sql = `copy ${table.name} (${table.columns.join(', ')}) from stdin${freeze ? ' with (freeze)' : ''}`;
  await pipeline(Readable.from(counted()), client.query(copyFrom(sql)));
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

type Definition = { name: string; definition: string };
/** A constraint and its table, named as regclass text names it (quoted where it must be). */
type Constraint = Definition & { table: string };

/**
 * The constraints a bulk fill of `table` drops and re-adds, in the order they are re-added: its
 * primary and unique keys, its foreign keys, then other tables' foreign keys referencing it
 * (which a key cannot be dropped under).
 */
async function constraintsOf(client: pg.ClientBase, table: string): Promise<{ keys: Constraint[]; own: Constraint[]; referencing: Constraint[] }> {
  const { rows } = await client.query<Constraint & { kind: 'key' | 'own' | 'referencing' }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition,
            case when contype in ('p', 'u') then 'key' when conrelid = $1::regclass then 'own' else 'referencing' end as kind
       from pg_constraint
      where (conrelid = $1::regclass and contype in ('p', 'u', 'f'))
         or (confrelid = $1::regclass and conrelid <> $1::regclass and contype = 'f')
      order by conrelid::regclass::text, conname`,
    [table],
  );
  return {
    keys: rows.filter((r) => r.kind === 'key'),
    own: rows.filter((r) => r.kind === 'own'),
    referencing: rows.filter((r) => r.kind === 'referencing'),
  };
}

/** Secondary indexes of a table (not a constraint's), by their definitions. */
async function secondaryIndexes(client: pg.ClientBase, table: string): Promise<Definition[]> {
  const { rows } = await client.query<Definition>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
      where x.indrelid = $1::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
      order by i.relname`,
    [table],
  );
  return rows;
}

/**
 * Fills `table` by `fill` as a bulk load does: its indexes, keys and foreign keys (its own and
 * those referencing it) dropped, its own triggers off (the caller derives what they keep,
 * set-based, afterwards), then the table analyzed, the keys and indexes built from their
 * definitions and the foreign keys re-added, which checks every row in one pass. Answers what
 * `fill` answered.
 */
async function bulkFill<T>(client: pg.ClientBase, table: string, fill: () => Promise<T>, onProgress?: (p: LoadProgress) => void): Promise<T> {
  const indexes = await secondaryIndexes(client, table);
  const { keys, own, referencing } = await constraintsOf(client, table);
  for (const c of [...referencing, ...own, ...keys]) await client.query(`alter table ${c.table} drop constraint ${quoteIdent(c.name)}`);
  for (const index of indexes) await client.query(`drop index ${quoteIdent(index.name)}`);
  await client.query(`alter table ${table} disable trigger user`);
  const filled = await fill();
  await client.query(`alter table ${table} enable trigger user`);
  // statistics first: the keys' checks and what is derived from the rows are planned with them
  // (without, the coverage analysis took 12 s instead of 5 s at 1M members)
  await derive(client, `analyze ${table}`, `analyze ${table}`, onProgress);
  for (const key of keys) await derive(client, `${table}: ${key.name}`, addConstraint(key), onProgress);
  for (const index of indexes) await derive(client, `${table}: ${index.name}`, index.definition, onProgress);
  for (const fk of [...own, ...referencing]) await derive(client, `${fk.table}: ${fk.name}`, addConstraint(fk), onProgress);
  return filled;
}

function addConstraint(c: Constraint): string {
  return `alter table ${c.table} add constraint ${quoteIdent(c.name)} ${c.definition}`;
}

/** A step after the rows are in (an index, a key, a derived table), timed and reported. */
async function derive(client: pg.ClientBase, what: string, sql: string, onProgress?: (p: LoadProgress) => void): Promise<void> {
  const t = Date.now();
  await client.query(sql);
  onProgress?.({ table: what, rows: 0, total: 0, elapsedMs: Date.now() - t, done: true, phase: 'index' });
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
  const bulk = options.bulk ?? county.members.count >= 50_000;
  const summary: Record<string, number> = {};
  await client.query('begin');
  try {
    await client.query("set local maintenance_work_mem = '512MB'");
    // a bulk load is one long transaction: the server's per-statement limit is not for it
    await client.query('set local statement_timeout = 0');
    if (options.replace) await clearCounty(client);
    for (const table of TABLES) {
      const source = (table.name === 'member' && options.memberText?.()) || generated(table, county);
      const copy = () => copyTable(client, table, table.count(county), source, every, options.replace === true, onProgress);
      summary[table.name] = table.name === 'member' && bulk ? await bulkFill(client, 'member', copy, onProgress) : await copy();
      if (table.identity) await followIds(client, table.name);
    }
    // the points the generator gave are each member's opening balance in the ledger (sql/000024)
    const openingBalances = "insert into member_points (member_id, kind, points, note) select id, 'opening', points, '期初积分' from member where points > 0";
    if (bulk) {
      // ids numbered in the statement (a sequence call a row cost ~0.3 s at 1M), the sequence moved after
      const numbered = `insert into member_points (id, member_id, kind, points, note) overriding system value
        select b.last + row_number() over (), m.id, 'opening', m.points, '期初积分'
        from member m, (select coalesce(max(id), 0) as last from member_points) b where m.points > 0`;
      await bulkFill(client, 'member_points', () => derive(client, 'member_points: opening balances', numbered, onProgress), onProgress);
      await followIds(client, 'member_points');
      // what the member table's own triggers keep, derived once from all the rows: the density
      // pyramid (sql/000014) and the member data version
      await derive(client, 'member density pyramid', 'select refresh_member_density()', onProgress);
      await client.query("select bump_data_version('member')");
    } else {
      await client.query(openingBalances);
      // the member copy left its density deltas pending (sql/000014): folded once, here
      await client.query('select fold_member_density()');
    }
    if (options.deferCoverage) {
      // no results of an earlier territory stay behind as if they were this one's
      await client.query('truncate coverage_cell, building_reach');
      await client.query("update coverage_setting set computed_at = null, computed_from = '{}'");
      await client.query("select bump_data_version('coverage')");
    } else await derive(client, 'coverage', 'select refresh_coverage()', onProgress);
    await restoreGrants(client);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
  for (const table of [...COUNTY_TABLES, ...DERIVED_TABLES]) if (!(bulk && table === 'member')) await client.query(`analyze ${table}`);
  return { rows: summary, ms: Date.now() - started };
}

/** The county's members as the COPY text the load sends, chunk by chunk (to render once, ahead). */
export function* memberCopyText(county: County): Generator<string> {
  const table = TABLES.find((t) => t.name === 'member') as Table;
  for (const chunk of generated(table, county)) yield chunk.text;
}

/** The member table's columns in the order of memberCopyText. */
export const MEMBER_COLUMNS = (TABLES.find((t) => t.name === 'member') as Table).columns;

/** Moves the identity sequence of `table`.id past the ids it holds. */
async function followIds(client: pg.ClientBase, table: string): Promise<void> {
  await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) from ${table}`);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
