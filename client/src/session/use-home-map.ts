import { useState } from 'react';
import type { MapAdapterOptions } from '../map/map.adapter.ts';
import { homeBounds } from './home-area.ts';
import { useSession } from './session.store.ts';

/** A map's first view for the signed-in user: their own area (read once, when the map is made). */
export function useHomeMap(): Pick<MapAdapterOptions, 'bounds'> | undefined {
  const session = useSession();
  const [options] = useState(() => {
    const bounds = session.status === 'signed-in' ? homeBounds(session.user) : undefined;
    return bounds ? { bounds } : undefined;
  });
  return options;
}
