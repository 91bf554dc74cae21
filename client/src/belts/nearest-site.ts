/** Meters between two [lng, lat] points on a sphere of the Earth's mean radius (haversine): close enough to pick a site. */
export function metersBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A click picks the nearest model site within this many meters. */
export const pickRadiusMeters = 300;

/** The site nearest to `point` within `within` meters, or null. */
export function nearestSite<S extends { position: readonly [number, number] }>(
  sites: readonly S[],
  point: readonly [number, number],
  within = pickRadiusMeters,
): S | null {
  let best: S | null = null;
  let bestDistance = within;
  for (const site of sites) {
    const d = metersBetween(site.position, point);
    if (d <= bestDistance) {
      best = site;
      bestDistance = d;
    }
  }
  return best;
}

/** The list with the item at `index` moved by `step` (−1 up, +1 down); unchanged at either end. */
export function moved<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const to = index + step;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
