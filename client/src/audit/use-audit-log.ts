import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchAuditPage, type AuditFilter } from '../api/audit.api.ts';
import type { AuditEntry } from '../api/contract.ts';
import { ApiError, isAbort, networkErrorCode } from '../api/http.ts';

export interface AuditLogState {
  entries: readonly AuditEntry[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: number | null;
  status: 'loading' | 'done' | 'error';
  error: { code: string; message: string } | null;
}

const initial: AuditLogState = { entries: [], nextBefore: null, status: 'loading', error: null };

function failure(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: networkErrorCode, message: String(error) };
}

/**
 * The audit log under `filter`, newest first: the first page on every filter change, older pages
 * appended by `loadMore`. A filter change cancels whatever was still loading.
 */
export function useAuditLog(filter: AuditFilter): AuditLogState & { loadMore: () => void } {
  const [state, setState] = useState<AuditLogState>(initial);
  const pending = useRef<AbortController | null>(null);

  const load = useCallback(
    (before: number | null) => {
      pending.current?.abort();
      const controller = new AbortController();
      pending.current = controller;
      setState((previous) => (before === null ? initial : { ...previous, status: 'loading', error: null }));
      fetchAuditPage(filter, before, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setState((previous) => ({
            entries: before === null ? page.entries : [...previous.entries, ...page.entries],
            nextBefore: page.next_before,
            status: 'done',
            error: null,
          }));
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          setState((previous) => ({ ...previous, status: 'error', error: failure(error) }));
        },
      );
    },
    [filter],
  );

  useEffect(() => {
    load(null);
    return () => pending.current?.abort();
  }, [load]);

  const { nextBefore, status } = state;
  const loadMore = useCallback(() => {
    if (nextBefore !== null && status !== 'loading') load(nextBefore);
  }, [load, nextBefore, status]);

  return { ...state, loadMore };
}
