import type pg from 'pg';
import type { Logger } from '../logger.ts';
import { startPeriodic } from '../periodic.ts';
import { foldFigureTallies } from './queries.ts';

/**
 * Folds the pending figure deltas into their tallies every `everyMs` (sql/000034). Reads are exact
 * without it (they add what is pending); it keeps what they add small. Returns stop.
 */
export function startFigureFolder(db: pg.Pool, log: Logger, { everyMs = 1000 } = {}): () => Promise<void> {
  return startPeriodic(
    'figure fold',
    async () => {
      await foldFigureTallies(db);
    },
    log,
    everyMs,
  );
}
