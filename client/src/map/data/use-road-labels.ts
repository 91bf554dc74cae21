import { useEffect, useState } from 'react';
import type { MapAdapter } from '../map.adapter.ts';
import { roadLabels, type RoadLabel } from './road-labels.ts';

/** The street names to draw on `adapter`'s map, read again each time the map settles. */
export function useRoadLabels(adapter: MapAdapter | null): RoadLabel[] {
  const [labels, setLabels] = useState<RoadLabel[]>([]);
  useEffect(() => {
    if (!adapter) return undefined;
    let shown = '';
    return adapter.onRoadsRendered((roads) => {
      const next = roadLabels(roads);
      // the map goes idle again after the overlay redraws: only a different set is a change
      const key = next.map((l) => `${l.name}@${l.position.join(',')}`).join('|');
      if (key === shown) return;
      shown = key;
      setLabels(next);
    });
  }, [adapter]);
  return labels;
}
