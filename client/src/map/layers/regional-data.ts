/**
 * The regional layers' GeoJSON, fetched once per data version, caller and filter: deck.gl reloads
 * a layer whose `data` is a new object, so the same request answers the same promise until the
 * version (or the caller's headers, or the filter) changes. A failed fetch is forgotten, so the
 * next render asks again.
 */
const kept = new Map<string, Promise<unknown>>();
const keepAtMost = 12;

export function fetchedOnce<T>(key: string, load: () => Promise<T>): Promise<T> {
  const found = kept.get(key);
  if (found) return found as Promise<T>;
  const loading = load().catch((error: unknown) => {
    kept.delete(key);
    throw error;
  });
  kept.set(key, loading);
  if (kept.size > keepAtMost) kept.delete(kept.keys().next().value!);
  return loading;
}
