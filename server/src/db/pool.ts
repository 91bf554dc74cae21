import pg from 'pg';

// int8 ids and counts fit comfortably in a JS number at our scale (< 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Pool = pg.Pool;

/**
 * A pool that survives its idle connections being cut (a database restart, a dropped test
 * database): pg emits those as pool errors, which would otherwise crash the process.
 */
export function createPool(connectionString: string, max = 10, onIdleError?: (error: Error) => void): pg.Pool {
  // A new PostgreSQL backend pays ~20 ms on its first spatial query (loading PostGIS, filling its
  // caches): keep connections for minutes rather than the default 10 s, so that cost is rare.
  const pool = new pg.Pool({ connectionString, max, application_name: 'redgrid', idleTimeoutMillis: 5 * 60_000 });
  pool.on('error', (error) => onIdleError?.(error));
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
