import { useEffect, useState } from 'react';
import type { GridFeature } from '../api/contract.ts';
import { fetchGrids } from '../api/grids.api.ts';
import { isAbort } from '../api/http.ts';
import type { PlanView } from '../api/plans.api.ts';
import { bboxOf } from './geometry.ts';

/** The community's grids as they are now (`GET /api/v1/grids?bbox=` of the plan), when `enabled`. */
export function useCurrentGrids(view: PlanView | null, enabled: boolean): readonly GridFeature[] {
  const [grids, setGrids] = useState<readonly GridFeature[]>([]);
  const community = view?.community_code ?? null;
  const bbox = view ? bboxOf(view.grids.features.map((f) => f.geometry.coordinates)) : null;
  const key = enabled && community && bbox ? `${community}:${bbox.join(',')}` : null;
  useEffect(() => {
    setGrids([]);
    if (key === null || bbox === null) return;
    const controller = new AbortController();
    fetchGrids(bbox, controller.signal).then(
      (collection) => setGrids(collection.features.filter((f) => f.properties.community_code === community)),
      (error: unknown) => {
        if (!isAbort(error)) setGrids([]);
      },
    );
    return () => controller.abort();
    // the key names the community and the box
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return grids;
}
