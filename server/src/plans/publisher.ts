import type pg from 'pg';
import { Scope } from '../auth/scope.ts';
import type { Logger } from '../logger.ts';
import { startPeriodic } from '../periodic.ts';
import { publishDuePlans } from './commands.ts';

/**
 * Publishes approved grid plans when their day comes (checked every `everyMs`, a minute by
 * default: a plan takes effect at the start of its day, China Standard Time). Returns stop.
 */
export function startPlanPublisher(db: pg.Pool, log: Logger, { everyMs = 60_000 } = {}): () => Promise<void> {
  return startPeriodic(
    'plan publisher',
    async () => {
      const { published, refused } = await publishDuePlans(db, Scope.everything());
      if (published.length > 0) log.info({ published }, 'grid plans published');
      if (refused.length > 0) log.warn({ refused }, 'grid plans due but refused: their communities changed after they were opened');
    },
    log,
    everyMs,
  );
}
