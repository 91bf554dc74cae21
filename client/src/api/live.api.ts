import type { LiveEvent } from './contract.ts';
import { openEventStream, type StreamState } from './event-stream.ts';
import { request } from './http.ts';

/** `connecting` before the first answer, `open` while events flow, `reconnecting` after a drop. */
export type LiveConnectionState = StreamState;

export interface LiveHandlers {
  onEvent: (event: LiveEvent) => void;
  /** The stream came back after a drop: events may have been missed, so refetch what is shown. */
  onReconnect: () => void;
  onStateChange: (state: LiveConnectionState) => void;
  /** A topic's data version moved (tiles of its layers are to be fetched again); ignored when absent. */
  onDataVersion?: (topic: string, version: number) => void;
}

export const livePath = '/api/v1/live';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** One `data:` payload of the live stream as a LiveEvent, or null when it is not one this client knows. */
export function parseLiveEvent(data: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const { type } = value;
  if (type === 'data.version') {
    return typeof value.topic === 'string' && typeof value.version === 'number' ? { type, topic: value.topic, version: value.version } : null;
  }
  if (typeof value.case_id !== 'number') return null;
  if (type === 'case.created' || type === 'case.updated') return { type, case_id: value.case_id };
  if (type === 'dispatch.updated' && typeof value.dispatch_id === 'number') {
    return { type, case_id: value.case_id, dispatch_id: value.dispatch_id };
  }
  return null;
}

/**
 * Listen to `GET /api/v1/live` with the session cookie: case and dispatch events, and data versions
 * for those who draw tiles. The stream reconnects by itself with a growing delay; when the server
 * refuses it (an HTTP error), the session is asked for, so that an expired one goes to the sign-in
 * page. Returns the function that stops it all.
 */
export function connectLive(handlers: LiveHandlers): () => void {
  return openEventStream({
    url: livePath,
    credentials: 'same-origin',
    onMessage: (message) => {
      const event = parseLiveEvent(message.data);
      if (event?.type === 'data.version') handlers.onDataVersion?.(event.topic, event.version);
      else if (event) handlers.onEvent(event);
    },
    onOpen: ({ reconnected }) => {
      if (reconnected) handlers.onReconnect();
    },
    onStateChange: handlers.onStateChange,
    onHttpError: () => {
      void request<unknown>('/api/v1/auth/me').catch(() => undefined);
    },
  });
}
