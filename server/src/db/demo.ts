import type pg from 'pg';
import { generateCounty } from '../../../geodata/county/index.ts';
import { loadCounty } from '../../../geodata/load.ts';
import type { Logger } from '../logger.ts';

// Distinct from the migration lock: loading waits for migrations, not the other way round.
const lockKey = 7_361_100_002;

/** Loads the synthetic demo county when the territory is empty; concurrent starts load it once. */
export async function loadDemoCounty(pool: pg.Pool, seed: number, log: Logger): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [lockKey]);
    const { rowCount } = await client.query('select 1 from area limit 1');
    if (rowCount) return false;
    log.info({ seed }, 'loading the demo county (first start only)');
    const started = Date.now();
    await loadCounty(client, generateCounty({ seed }));
    log.info({ ms: Date.now() - started }, 'demo county loaded');
    return true;
  } finally {
    await client.query('select pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => undefined);
    client.release();
  }
}
