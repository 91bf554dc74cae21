import { useEffect, useState } from 'react';
import type { GridFeature } from '../api/contract.ts';
import { fetchGrids } from '../api/grids.api.ts';
import { isAbort } from '../api/http.ts';
import type { LngLatTuple } from '../api/locate.api.ts';

/** Half-size, in degrees (≈ 10 m), of the box asked for when the grid is not among those in view. */
const probe = 0.0001;

/**
 * The geometry of the grid with `code`: taken from the grids already loaded for the view, or else
 * fetched with a tiny bbox around `point` (zoomed out, no grids are loaded for the view).
 */
export function useSelectedGrid(code: string | null, point: LngLatTuple | null, gridsInView: readonly GridFeature[]): GridFeature | null {
  const inView = code ? (gridsInView.find((grid) => grid.properties.code === code) ?? null) : null;
  const [fetched, setFetched] = useState<GridFeature | null>(null);
  const lookUp = code !== null && point !== null && inView === null;
  const lng = point?.[0];
  const lat = point?.[1];

  useEffect(() => {
    if (!lookUp || lng === undefined || lat === undefined) return;
    const controller = new AbortController();
    fetchGrids([lng - probe, lat - probe, lng + probe, lat + probe], controller.signal).then(
      (collection) => setFetched(collection.features.find((grid) => grid.properties.code === code) ?? null),
      (error: unknown) => {
        if (!isAbort(error)) console.warn('selected grid failed', error);
      },
    );
    return () => controller.abort();
  }, [lookUp, code, lng, lat]);

  if (inView) return inView;
  return fetched && fetched.properties.code === code ? fetched : null;
}
