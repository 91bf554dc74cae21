import { useCallback, useEffect, useState } from 'react';
import { ApiError, isAbort, networkErrorCode } from '../api/http.ts';

export interface Loaded<T> {
  /** Null until the first answer. */
  value: T | null;
  error: { code: string; message: string } | null;
  /** Loads again (after a write). */
  reload: () => void;
}

/** What `load` answers, loaded on mount and on `reload`; a newer load cancels the one before. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<Loaded<T>['error']>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (answer) => {
        setValue(answer);
        setError(null);
      },
      (failure: unknown) => {
        if (isAbort(failure)) return;
        setError(failure instanceof ApiError ? { code: failure.code, message: failure.message } : { code: networkErrorCode, message: String(failure) });
      },
    );
    return () => controller.abort();
  }, [load, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { value, error, reload };
}
