import type { LiveEvent } from './contract.ts';
import { request } from './http.ts';

/** `connecting` before the first answer, `open` while events flow, `reconnecting` after a drop. */
export type LiveConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface LiveHandlers {
  onEvent: (event: LiveEvent) => void;
  /** The stream came back after a drop: events may have been missed, so refetch what is shown. */
  onReconnect: () => void;
  onStateChange: (state: LiveConnectionState) => void;
}

const livePath = '/api/v1/live';
const retryDelaysMs = [1_000, 2_000, 5_000, 10_000, 30_000];

function isLiveEvent(value: unknown): value is LiveEvent {
  if (typeof value !== 'object' || value === null || !('type' in value) || !('case_id' in value)) return false;
  if (typeof value.case_id !== 'number') return false;
  if (value.type === 'case.created' || value.type === 'case.updated') return true;
  return value.type === 'dispatch.updated' && 'dispatch_id' in value && typeof value.dispatch_id === 'number';
}

/**
 * Listen to `GET /api/v1/live` (server-sent events, ids only; the session cookie authenticates it).
 * EventSource reconnects by itself after a dropped connection; when the server refuses the stream
 * outright (the browser gives up), this opens a new one after a growing delay, and asks for the
 * session so that an expired one goes to the sign-in page. Returns the function that stops it all.
 */
export function connectLive(handlers: LiveHandlers): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let everOpened = false;
  let stopped = false;

  const open = () => {
    source = new EventSource(livePath, { withCredentials: true });
    source.onopen = () => {
      failures = 0;
      handlers.onStateChange('open');
      if (everOpened) handlers.onReconnect();
      everOpened = true;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      if (isLiveEvent(data)) handlers.onEvent(data);
    };
    source.onerror = () => {
      if (stopped) return;
      handlers.onStateChange(everOpened ? 'reconnecting' : 'connecting');
      if (source?.readyState !== EventSource.CLOSED) return;
      // The browser gave up (an HTTP error such as 401): try again ourselves, a little later each time.
      source = null;
      void request<unknown>('/api/v1/auth/me').catch(() => undefined);
      const delay = retryDelaysMs[Math.min(failures, retryDelaysMs.length - 1)] ?? 30_000;
      failures += 1;
      retryTimer = setTimeout(open, delay);
    };
  };

  handlers.onStateChange('connecting');
  open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
    source = null;
  };
}
