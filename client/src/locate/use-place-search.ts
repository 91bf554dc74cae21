import { useEffect, useState } from 'react';
import type { PlaceSearchResult } from '../api/contract.ts';
import { isAbort } from '../api/http.ts';
import { searchPlaces } from '../api/locate.api.ts';
import { useDebounced } from '../dispatch/use-debounced.ts';

export type PlaceHit = PlaceSearchResult['results'][number];

/**
 * 地点搜索 as one types: the hits for `text` once it has rested 250 ms (null for an empty box, or
 * for `skip`, the name of a hit just chosen), and whether the last search failed.
 */
export function usePlaceSearch(text: string, skip: string | null = null): { results: PlaceHit[] | null; failed: boolean } {
  const q = useDebounced(text.trim(), 250);
  const [results, setResults] = useState<PlaceHit[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!q || q === skip) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    searchPlaces(q, controller.signal).then(
      (answer) => {
        setFailed(false);
        setResults(answer.results);
      },
      (error: unknown) => {
        if (!isAbort(error)) setFailed(true);
      },
    );
    return () => controller.abort();
  }, [q, skip]);
  return { results, failed };
}
