import type pg from 'pg';
import type { Logger } from '../logger.ts';
import { startPeriodic } from '../periodic.ts';
import { refreshCoverageIfStale } from './queries.ts';

/** Checks at once and every `everyMs` whether the coverage analysis is stale, and recomputes it. Returns stop. */
export function startCoverageRefresher(db: pg.Pool, log: Logger, { everyMs = 5000, quietMs = 3000 } = {}): () => Promise<void> {
  return startPeriodic(
    'coverage refresh',
    async () => {
      const started = Date.now();
      if (await refreshCoverageIfStale(db, quietMs)) log.info({ ms: Date.now() - started }, 'coverage analysis refreshed');
    },
    log,
    everyMs,
    { runNow: true },
  );
}
