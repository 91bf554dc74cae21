import { useEffect, useState } from 'react';
import { fetchPlaces } from '../api/places.api.ts';
import { isAbort } from '../api/http.ts';

/** An open model site (示范点) in scope, as the belt editor picks it. */
export interface ModelSite {
  id: number;
  name: string;
  area_code: string;
  area_name: string;
  position: [number, number];
}

export type ModelSites = { status: 'loading' } | { status: 'done'; sites: ModelSite[] } | { status: 'error'; message: string };

/** Every open model site in the caller's scope (a county has tens), page after page. */
export function useModelSites(): ModelSites {
  const [state, setState] = useState<ModelSites>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const sites: ModelSite[] = [];
      let after: number | undefined;
      do {
        const page = await fetchPlaces({ kind: 'model_site', status: 'open', limit: 500, after }, controller.signal);
        sites.push(...page.places.map((p) => ({ id: p.id, name: p.name, area_code: p.area_code, area_name: p.area_name, position: p.position })));
        after = page.next_after ?? undefined;
      } while (after !== undefined);
      return sites;
    })().then(
      (sites) => setState({ status: 'done', sites }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, []);
  return state;
}
