import type pg from 'pg';
import type { Logger } from '../logger.ts';
import { startPeriodic } from '../periodic.ts';
import { foldMemberDensity } from './queries.ts';

/** Folds pending member-density deltas into the pyramid every `everyMs`, so reads find little to fold. Returns stop. */
export function startDensityFolder(db: pg.Pool, log: Logger, { everyMs = 500 } = {}): () => Promise<void> {
  return startPeriodic(
    'density fold',
    async () => {
      await foldMemberDensity(db);
    },
    log,
    everyMs,
  );
}
