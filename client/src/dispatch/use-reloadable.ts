import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isAbort, networkErrorCode } from '../api/http.ts';

export interface Reloadable<T> {
  /** The last answer for the current key (kept while reloading); null before the first. */
  data: T | null;
  /** The last failure for the current key; cleared by the next success. */
  error: ApiError | null;
  /** Fetch again. Calls made while a fetch is running fold into one more fetch after it. */
  reload: () => void;
}

interface Held<T> {
  key: string;
  data: T | null;
  error: ApiError | null;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, networkErrorCode, error instanceof Error ? error.message : String(error));
}

/**
 * A resource named by `key` (null: none). A new key drops the old answer and fetches; `reload()`
 * refetches for live updates without flicker, and never runs two fetches of one key at once.
 */
export function useReloadable<T>(key: string | null, fetcher: (signal: AbortSignal) => Promise<T>): Reloadable<T> {
  const [held, setHeld] = useState<Held<T> | null>(null);
  const fetcherRef = useRef(fetcher);
  const reloadRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    fetcherRef.current = fetcher;
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    let inFlight = false;
    let again = false;
    const run = () => {
      inFlight = true;
      fetcherRef
        .current(controller.signal)
        .then(
          (data) => {
            if (!controller.signal.aborted) setHeld({ key, data, error: null });
          },
          (error: unknown) => {
            if (controller.signal.aborted || isAbort(error)) return;
            setHeld((previous) => ({ key, data: previous?.key === key ? previous.data : null, error: asApiError(error) }));
          },
        )
        .finally(() => {
          inFlight = false;
          if (again && !controller.signal.aborted) {
            again = false;
            run();
          }
        });
    };
    reloadRef.current = () => {
      if (inFlight) again = true;
      else run();
    };
    run();
    return () => {
      controller.abort();
      reloadRef.current = () => undefined;
    };
  }, [key]);

  const reload = useCallback(() => reloadRef.current(), []);

  const current = held !== null && held.key === key ? held : null;
  return { data: current?.data ?? null, error: current?.error ?? null, reload };
}
