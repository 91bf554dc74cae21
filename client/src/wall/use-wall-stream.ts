import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../api/contract.ts';
import { openEventStream } from '../api/event-stream.ts';
import { livePath, parseLiveEvent } from '../api/live.api.ts';
import { bearer } from '../api/wall.api.ts';

/** What the wall's corner shows: 在线 / 重连中 / 离线 (and 连接中 before the first answer). */
export type WallConnectionState = 'connecting' | 'open' | 'reconnecting' | 'offline';

/** Failed attempts in a row after which the wall says 离线 rather than 重连中. */
export const offlineAfterFailures = 3;
/** The wall never waits more than 10 s between attempts: it should be back soon after the server. */
export const wallReconnectDelaysMs = [1_000, 2_000, 5_000, 10_000] as const;

export interface WallStreamHandlers {
  onEvent(event: LiveEvent): void;
  /** The stream is back after a drop: refetch everything shown. */
  onReconnect(): void;
  /** The token was refused (401): the stream stops; the page shows it and tries again later. */
  onUnauthorized(): void;
}

/**
 * The wall's `/api/v1/live` stream, authenticated by its token (fetch + ReadableStream, since
 * EventSource cannot send `Authorization`). Reconnects by itself with 1, 2, 5, 10 s backoff and at
 * once when the browser comes back online; 35 s without a heartbeat counts as a dead connection.
 */
export function useWallStream(token: string, handlers: WallStreamHandlers): WallConnectionState {
  const [state, setState] = useState<WallConnectionState>('connecting');
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    let stop: () => void = () => undefined;
    let failures = 0;
    let everOpened = false;
    let streamState: WallConnectionState = 'connecting';
    const show = () => setState(navigator.onLine === false ? 'offline' : streamState);
    const start = () => {
      stop = openEventStream({
        url: livePath,
        headers: () => bearer(token),
        credentials: 'omit',
        delaysMs: wallReconnectDelaysMs,
        onMessage: (message) => {
          const event = parseLiveEvent(message.data);
          if (event) handlersRef.current.onEvent(event);
        },
        onOpen: () => {
          failures = 0;
          // a restarted stream counts as a reconnect too: events may have been missed meanwhile
          if (everOpened) handlersRef.current.onReconnect();
          everOpened = true;
        },
        onStateChange: (next) => {
          streamState = next === 'reconnecting' && failures >= offlineAfterFailures ? 'offline' : next;
          show();
        },
        onFailure: (count) => {
          failures = count;
        },
        onHttpError: (status) => {
          if (status !== 401) return 'retry';
          handlersRef.current.onUnauthorized();
          return 'stop';
        },
      });
    };
    // back online: do not wait for the backoff
    const onOnline = () => {
      stop();
      failures = 0;
      start();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', show);
    start();
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', show);
      stop();
    };
  }, [token]);

  return state;
}
