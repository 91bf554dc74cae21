import { useEffect, useState } from 'react';
import { fetchAreas } from '../../api/areas.api.ts';
import type { AreaLevel } from '../../api/contract.ts';
import { isAbort } from '../../api/http.ts';
import { areaLabels, type AreaLabel } from './labels.ts';

/** Levels whose names are drawn on the map; the county itself is the whole map and needs none. */
export const labelledAreaLevels: readonly AreaLevel[] = ['town', 'community', 'village'];

/** Town, community and village labels, loaded once. A level that fails to load is left out. */
export function useAreaLabels(): readonly AreaLabel[] {
  const [labels, setLabels] = useState<readonly AreaLabel[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    Promise.allSettled(labelledAreaLevels.map((level) => fetchAreas(level, controller.signal))).then((results) => {
      if (controller.signal.aborted) return;
      const loaded: AreaLabel[] = [];
      results.forEach((result, index) => {
        if (result.status === 'fulfilled') loaded.push(...areaLabels(result.value.features));
        else if (!isAbort(result.reason)) console.warn(`areas ${labelledAreaLevels[index]} failed`, result.reason);
      });
      setLabels(loaded);
    });
    return () => controller.abort();
  }, []);

  return labels;
}
