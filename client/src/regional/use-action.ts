import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  /** the last failure's message, until the next run */
  error: string | null;
  /** Runs a write; on success calls `done` (a reload), on failure keeps the server's message. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
}

/** One write at a time from a panel section, with its failure shown where it happened. */
export function useAction(done: () => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (work: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await work();
        done();
        return true;
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [done],
  );
  return { busy, error, run };
}
