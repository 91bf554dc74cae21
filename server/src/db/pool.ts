import pg from 'pg';
import type { Logger } from '../logger.ts';
import { noteDatabaseDown, noteDatabaseUp } from './availability.ts';

// int8 ids and counts fit comfortably in a JS number at our scale (< 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Pool = pg.Pool;

export type PoolOptions = {
  /** where connection losses are reported (once per outage) */
  log?: Logger | undefined;
  /** PostgreSQL's `statement_timeout` for every connection, ms; 0 (the default) for none */
  statementTimeoutMs?: number;
};

/** A request waits at most this long for a connection before it answers 503, never hangs. */
const connectTimeoutMs = 5000;
/** A transaction left open by a crashed or stuck holder is ended by PostgreSQL after a minute. */
const idleInTransactionMs = 60_000;

/**
 * A pool that survives its connections dying (a database restart, a dropped test database). pg
 * emits a dead backend as an `error` event on its client: idle ones reach the pool's handler, but a
 * client checked out (in a transaction, a worker) has no listener, and an unheard `error` event
 * ends the process. So every client gets a listener for life; its next query fails instead, and
 * the pool drops it on release.
 */
export function createPool(connectionString: string, max = 10, { log, statementTimeoutMs = 0 }: PoolOptions = {}): pg.Pool {
  // A new PostgreSQL backend pays ~20 ms on its first spatial query (loading PostGIS, filling its
  // caches): keep connections for minutes rather than the default 10 s, so that cost is rare.
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: 'redgrid',
    idleTimeoutMillis: 5 * 60_000,
    connectionTimeoutMillis: connectTimeoutMs,
    idle_in_transaction_session_timeout: idleInTransactionMs,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
  });
  pool.on('connect', (client) => {
    noteDatabaseUp(log);
    client.on('error', (error) => noteDatabaseDown(log, error, 'pool connection'));
  });
  pool.on('error', (error) => noteDatabaseDown(log, error, 'idle pool connection'));
  return pool;
}

/** Creates database `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    const from = template ? ` template ${pg.escapeIdentifier(template)}` : '';
    await admin.query(`create database ${pg.escapeIdentifier(name)}${from}`);
    return true;
  } finally {
    await admin.end();
  }
}
