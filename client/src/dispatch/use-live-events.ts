import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../api/contract.ts';
import { connectLive, type LiveConnectionState } from '../api/live.api.ts';

/**
 * One `/api/v1/live` stream while the component is mounted. `onEvent` gets each event and
 * `onReconnect` is called when the stream is back after a drop; both may change between renders.
 */
export function useLiveEvents(onEvent: (event: LiveEvent) => void, onReconnect: () => void): LiveConnectionState {
  const [state, setState] = useState<LiveConnectionState>('connecting');
  const handlers = useRef({ onEvent, onReconnect });

  useEffect(() => {
    handlers.current = { onEvent, onReconnect };
  });

  useEffect(
    () =>
      connectLive({
        onEvent: (event) => handlers.current.onEvent(event),
        onReconnect: () => handlers.current.onReconnect(),
        onStateChange: setState,
      }),
    [],
  );

  return state;
}
