import { useEffect, useState } from 'react';
import type { GridFeature } from '../../api/contract.ts';
import { fetchGrids } from '../../api/grids.api.ts';
import { isAbort } from '../../api/http.ts';
import type { MapViewState } from '../map.adapter.ts';

/** Grids are fetched for the view only from this zoom on; below it a view holds too many. */
export const gridsMinZoom = 13;
export const gridsDebounceMs = 300;

/**
 * The current grids in the map view, refetched (debounced) after each move at zoom ≥ 13.
 * Zoomed out, the last answer is kept, so a selected grid stays highlighted.
 */
export function useGridsInView(view: MapViewState | null): readonly GridFeature[] {
  const [grids, setGrids] = useState<readonly GridFeature[]>([]);

  useEffect(() => {
    if (!view || view.zoom < gridsMinZoom) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      fetchGrids(view.bbox, controller.signal).then(
        (collection) => setGrids(collection.features),
        (error: unknown) => {
          if (!isAbort(error)) console.warn('grids in view failed', error);
        },
      );
    }, gridsDebounceMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [view]);

  return grids;
}
