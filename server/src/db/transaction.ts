import type pg from 'pg';

/** A connection inside a transaction: what commands and the audit writer take. */
export type Tx = pg.PoolClient;
/** Anything a query function can run on: the pool (one statement) or a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

// deadlock_detected and serialization_failure: PostgreSQL rolled the transaction back so that
// another could go on; the same work again will most likely succeed.
const retryableCodes = new Set(['40P01', '40001']);

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && retryableCodes.has((error as { code?: string }).code ?? '');
}

async function once<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // a connection whose rollback failed may still be inside the transaction: closed, never pooled
  let rollbackFailed: Error | undefined;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((failure: Error) => {
      rollbackFailed = failure;
    });
    throw error;
  } finally {
    client.release(rollbackFailed);
  }
}

/**
 * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it
 * throws. A transaction PostgreSQL chose as a deadlock or serialization victim is run again (up
 * to `attempts` times in all), so `work` must touch nothing but the database.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await once(pool, work);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
    }
  }
}
