import type pg from 'pg';
import type { Logger } from '../logger.ts';
import { startPeriodic } from '../periodic.ts';
import { foldDataVersions } from './queries.ts';

/**
 * Folds the pending data-version bumps every `everyMs`, so reading a version counts a second's
 * bumps at most. Versions are exact without it; it only keeps them cheap. Returns stop.
 */
export function startVersionFolder(db: pg.Pool, log: Logger, { everyMs = 1000 } = {}): () => Promise<void> {
  return startPeriodic('data version fold', async () => { await foldDataVersions(db); }, log, everyMs);
}
