import { isDatabaseUnavailable, noteDatabaseDown } from './db/availability.ts';
import type { Logger } from './logger.ts';

/**
 * Runs `tick` every `everyMs` (and at once with `runNow`), one run at a time; a failure is logged
 * as "`what` failed" (a lost database only once per outage) and the next tick tries again. `tick` is given `running()` to end a long run
 * early. Returns stop: no run starts after it, and it resolves once the current run has ended.
 */
export function startPeriodic(
  what: string,
  tick: (running: () => boolean) => Promise<void>,
  log: Logger,
  everyMs: number,
  { runNow = false }: { runNow?: boolean } = {},
): () => Promise<void> {
  let running = true;
  let current: Promise<void> = Promise.resolve();
  const run = async () => {
    if (!running) return;
    try {
      await tick(() => running);
    } catch (error) {
      // an outage is logged once, wherever it is first seen, not on every tick
      if (isDatabaseUnavailable(error)) noteDatabaseDown(log, error, what);
      else log.error({ err: error }, `${what} failed; retrying`);
    }
  };
  const timer = setInterval(() => {
    current = current.then(run);
  }, everyMs);
  if (runNow) current = current.then(run);
  return async () => {
    running = false;
    clearInterval(timer);
    await current;
  };
}
