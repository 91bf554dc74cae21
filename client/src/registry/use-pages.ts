import { useCallback } from 'react';
import { useLoaded, type Loaded } from '../admin/use-loaded.ts';

/**
 * Every page of a keyset-paged list, up to `maxPages` (the map's markers in scope); `page` answers
 * one page after the given id.
 */
export function useAllPages<T>(
  page: (after: number | undefined, signal: AbortSignal) => Promise<{ items: T[]; next_after: number | null }>,
  maxPages = 4,
): Loaded<T[]> {
  const load = useCallback(
    async (signal: AbortSignal) => {
      const items: T[] = [];
      let after: number | undefined;
      for (let n = 0; n < maxPages; n += 1) {
        const answer = await page(after, signal);
        items.push(...answer.items);
        if (answer.next_after === null) break;
        after = answer.next_after;
      }
      return items;
    },
    [page, maxPages],
  );
  return useLoaded(load);
}
