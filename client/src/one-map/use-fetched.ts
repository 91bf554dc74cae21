import { useEffect, useState } from 'react';
import { isAbort } from '../api/http.ts';

export type Fetched<T> = { status: 'loading' } | { status: 'done'; value: T } | { status: 'error'; message: string };

/** What `load` answers for `key`, fetched again when the key changes; the earlier request is aborted. */
export function useFetched<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Fetched<T> {
  const [state, setState] = useState<Fetched<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (value) => setState({ status: 'done', value }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names what is loaded
  }, [key]);
  return state;
}
