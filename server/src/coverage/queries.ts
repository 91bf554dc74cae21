import type pg from 'pg';

export type CoverageConfig = { k: number; radiusM: number; reachDistanceM: number };

/** Stores the settings; when they differ from the stored ones the results are marked stale. */
export async function applyCoverageSettings(db: pg.Pool, c: CoverageConfig): Promise<boolean> {
  const { rowCount } = await db.query(
    `update coverage_setting set k = $1, radius_m = $2, reach_distance_m = $3, computed_from = '{}'
     where (k, radius_m, reach_distance_m) is distinct from ($1, $2, $3)`,
    [c.k, c.radiusM, c.reachDistanceM],
  );
  return rowCount === 1;
}

/**
 * Recomputes blind spots and reach when the members, places or territory changed since the last
 * run and have been quiet for `quietMs` (a bulk edit is computed once, at its end). One process at
 * a time: the others skip while the advisory lock is held. Answers whether it computed.
 */
export async function refreshCoverageIfStale(db: pg.Pool, quietMs: number): Promise<boolean> {
  const client = await db.connect();
  // a connection that may still hold the session lock is closed, not pooled
  let unlockFailed: Error | undefined;
  try {
    const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock(hashtext('redgrid.coverage')) as locked`);
    if (!rows[0]?.locked) return false;
    try {
      const { rows: stale } = await client.query<{ stale: boolean }>(
        `select s.computed_from is distinct from v.versions and v.changed_at < now() - make_interval(secs => $1 / 1000.0) as stale
         from coverage_setting s,
              (select jsonb_object_agg(topic, version) as versions, max(changed_at) as changed_at
               from data_version where topic in ('member', 'place', 'territory')) v`,
        [quietMs],
      );
      if (!stale[0]?.stale) return false;
      // a county at a million members takes longer than a request may: no statement timeout here
      await client.query('begin');
      await client.query('set local statement_timeout = 0');
      await client.query('select refresh_coverage()');
      await client.query('commit');
      return true;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('redgrid.coverage'))`).catch((error: Error) => {
        unlockFailed = error;
      });
    }
  } finally {
    client.release(unlockFailed);
  }
}
