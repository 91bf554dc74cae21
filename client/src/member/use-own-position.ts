import { useCallback, useEffect, useRef, useState } from 'react';
import type { LngLatTuple } from '../api/locate.api.ts';

export type OwnPosition =
  { status: 'off' } | { status: 'locating' } | { status: 'shown'; point: LngLatTuple } | { status: 'denied' } | { status: 'unavailable' };

/**
 * The member's own position from the browser, watched once they ask for it (never before: the
 * permission prompt should follow a tap, and the position stays on the phone).
 */
export function useOwnPosition(): { position: OwnPosition; locate: () => void } {
  const [position, setPosition] = useState<OwnPosition>({ status: 'off' });
  const watch = useRef<number | null>(null);

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setPosition({ status: 'unavailable' });
      return;
    }
    if (watch.current !== null) return;
    setPosition({ status: 'locating' });
    watch.current = navigator.geolocation.watchPosition(
      (p) => setPosition({ status: 'shown', point: [p.coords.longitude, p.coords.latitude] }),
      (error) => {
        if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
        watch.current = null;
        setPosition({ status: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' });
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
  }, []);

  useEffect(
    () => () => {
      if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
    },
    [],
  );
  return { position, locate };
}
