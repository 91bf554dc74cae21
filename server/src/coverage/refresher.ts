import type pg from 'pg';
import type { Logger } from '../logger.ts';
import { refreshCoverageIfStale } from './queries.ts';

/** Checks every `everyMs` whether the coverage analysis is stale, and recomputes it. Returns stop. */
export function startCoverageRefresher(db: pg.Pool, log: Logger, { everyMs = 5000, quietMs = 3000 } = {}): () => Promise<void> {
  let running = true;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (!running) return;
    try {
      const started = Date.now();
      if (await refreshCoverageIfStale(db, quietMs)) log.info({ ms: Date.now() - started }, 'coverage analysis refreshed');
    } catch (error) {
      log.error({ err: error }, 'coverage refresh failed; retrying');
    }
  };
  const timer = setInterval(() => { current = current.then(tick); }, everyMs);
  current = current.then(tick);
  return async () => {
    running = false;
    clearInterval(timer);
    await current;
  };
}
