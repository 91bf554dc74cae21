import { useCallback, useEffect, useRef, useState } from 'react';
import type { MemberWishesView } from '../api/contract.ts';
import { ApiError, isAbort, networkErrorCode } from '../api/http.ts';
import { claimWish, fetchMemberWishes, fulfilWish } from '../api/wishes.api.ts';

export type MemberWishesState =
  | { status: 'loading' }
  | { status: 'ready'; view: MemberWishesView }
  /** `not_found` (bad link), `link_expired`, `network_error` or another server code. */
  | { status: 'error'; code: string; message: string };

/** What the member is doing: claiming or fulfilling a wish (its id), or nothing. */
export type WishAction = { kind: 'claim' | 'fulfil'; id: number } | null;

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, networkErrorCode, String(error));
}

/**
 * The member's wishes behind their link (the open ones near home, their own, their points), and
 * their claims and fulfilments; each answer is the page as it is after the write.
 */
export function useMemberWishes(token: string): {
  state: MemberWishesState;
  action: WishAction;
  actionError: ApiError | null;
  claim: (id: number) => void;
  fulfil: (id: number, note: string) => Promise<boolean>;
  retry: () => void;
} {
  const [state, setState] = useState<MemberWishesState>({ status: 'loading' });
  const [action, setAction] = useState<WishAction>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    (quiet: boolean) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      if (!quiet) setState({ status: 'loading' });
      fetchMemberWishes(token, current.signal).then(
        (view) => {
          if (!current.signal.aborted) setState({ status: 'ready', view });
        },
        (error: unknown) => {
          if (current.signal.aborted || isAbort(error)) return;
          const failure = toApiError(error);
          if (quiet && failure.code === networkErrorCode) return;
          setState({ status: 'error', code: failure.code, message: failure.message });
        },
      );
    },
    [token],
  );

  useEffect(() => {
    load(false);
    return () => controller.current?.abort();
  }, [load, attempt]);

  const run = useCallback(
    (next: WishAction & object, write: () => Promise<MemberWishesView>): Promise<boolean> => {
      controller.current?.abort();
      setAction(next);
      setActionError(null);
      return write().then(
        (view) => {
          setAction(null);
          setState({ status: 'ready', view });
          return true;
        },
        (error: unknown) => {
          setAction(null);
          const failure = toApiError(error);
          setActionError(failure);
          // someone else may have claimed it, or it was withdrawn: show the page as it is now
          if (failure.status === 409 || failure.status === 404) load(true);
          return false;
        },
      );
    },
    [load],
  );

  const claim = useCallback((id: number) => void run({ kind: 'claim', id }, () => claimWish(token, id)), [run, token]);
  const fulfil = useCallback((id: number, note: string) => run({ kind: 'fulfil', id }, () => fulfilWish(token, id, note)), [run, token]);

  return { state, action, actionError, claim, fulfil, retry: () => setAttempt((n) => n + 1) };
}
