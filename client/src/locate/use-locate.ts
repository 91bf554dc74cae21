import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocateResult } from '../api/contract.ts';
import { ApiError, isAbort, networkErrorCode } from '../api/http.ts';
import { fetchLocate, type LngLatTuple } from '../api/locate.api.ts';

export type LocateState =
  | { status: 'idle' }
  | { status: 'loading'; point: LngLatTuple }
  | { status: 'done'; point: LngLatTuple; result: LocateResult }
  | { status: 'error'; point: LngLatTuple; code: string; message: string };

/** Locate a clicked point; a newer click cancels the answer to an older one. */
export function useLocate(): {
  state: LocateState;
  locate: (point: LngLatTuple) => void;
  clear: () => void;
} {
  const [state, setState] = useState<LocateState>({ status: 'idle' });
  const pending = useRef<AbortController | null>(null);

  const locate = useCallback((point: LngLatTuple) => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setState({ status: 'loading', point });
    fetchLocate(point, controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) setState({ status: 'done', point, result });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        if (error instanceof ApiError) setState({ status: 'error', point, code: error.code, message: error.message });
        else setState({ status: 'error', point, code: networkErrorCode, message: String(error) });
      },
    );
  }, []);

  const clear = useCallback(() => {
    pending.current?.abort();
    pending.current = null;
    setState({ status: 'idle' });
  }, []);

  useEffect(() => () => pending.current?.abort(), []);

  return { state, locate, clear };
}
