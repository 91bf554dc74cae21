import type pg from 'pg';

/** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // a connection whose rollback failed may still be inside the transaction: closed, never pooled
  let rollbackFailed: Error | undefined;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((failure: Error) => { rollbackFailed = failure; });
    throw error;
  } finally {
    client.release(rollbackFailed);
  }
}
