import { useCallback, useEffect, useRef, useState } from 'react';
import type { MemberAlertView, MemberAnswer } from '../api/contract.ts';
import { ApiError, isAbort, networkErrorCode } from '../api/http.ts';
import { answerMemberAlert, fetchMemberAlert } from '../api/member-alert.api.ts';

export type MemberAlertState =
  | { status: 'loading' }
  | { status: 'ready'; alert: MemberAlertView }
  /** `not_found` (bad link), `link_expired`, `network_error` or another server code. */
  | { status: 'error'; code: string; message: string };

/** How often an open alert is read again, so a recall or a cancelled call shows without a reload. */
const refreshMs = 20_000;

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, networkErrorCode, String(error));
}

/**
 * The alert behind a member's link, its answers (接受, 拒绝, 我已到达), and a quiet refresh while it
 * is still open and the page is visible.
 */
export function useMemberAlert(token: string): {
  state: MemberAlertState;
  answering: MemberAnswer | null;
  answerError: ApiError | null;
  answer: (answer: MemberAnswer) => void;
  retry: () => void;
} {
  const [state, setState] = useState<MemberAlertState>({ status: 'loading' });
  const [answering, setAnswering] = useState<MemberAnswer | null>(null);
  const [answerError, setAnswerError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    (quiet: boolean) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      if (!quiet) setState({ status: 'loading' });
      fetchMemberAlert(token, current.signal).then(
        (alert) => {
          if (!current.signal.aborted) setState({ status: 'ready', alert });
        },
        (error: unknown) => {
          if (current.signal.aborted || isAbort(error)) return;
          const failure = toApiError(error);
          // a refresh that fails on the network keeps what is shown; a dead link replaces it
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

  const open = state.status === 'ready' && (state.alert.state === 'alerted' || state.alert.state === 'accepted');
  useEffect(() => {
    if (!open) return;
    const refresh = () => {
      if (document.visibilityState === 'visible') load(true);
    };
    const timer = setInterval(refresh, refreshMs);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [open, load]);

  const answer = useCallback(
    (choice: MemberAnswer) => {
      controller.current?.abort();
      setAnswering(choice);
      setAnswerError(null);
      answerMemberAlert(token, choice).then(
        (alert) => {
          setAnswering(null);
          setState({ status: 'ready', alert });
        },
        (error: unknown) => {
          setAnswering(null);
          const failure = toApiError(error);
          if (failure.code === 'not_found' || failure.code === 'link_expired') {
            setState({ status: 'error', code: failure.code, message: failure.message });
            return;
          }
          setAnswerError(failure);
          // the alert may have moved on (timed out, recalled): show where it stands now
          if (failure.status === 409) load(true);
        },
      );
    },
    [token, load],
  );

  return { state, answering, answerError, answer, retry: () => setAttempt((n) => n + 1) };
}
