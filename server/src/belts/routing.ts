import type { Queryable } from '../db/transaction.ts';
import { selectNodedRoads } from './queries.ts';
import { RoadGraph, withoutRepeats, type Leg, type LngLat } from './road-graph.ts';

/** A site joins the roads at its nearest road point when that lies within this many meters; farther, its legs are straight. */
export const snapMeters = 300;
/**
 * The boxes a leg looks for roads in, nearest first: the straight line between its sites buffered
 * by `margin` meters or `share` of its length, whichever is more. A way found in the first box is
 * the shortest there; where none is found (village roads may join two neighbours only through their
 * town) the wider box is tried, and the leg is drawn straight only when that finds none either.
 */
export const legBoxes = [
  { margin: 1500, share: 0.5 },
  { margin: 5000, share: 2 },
] as const;

/**
 * The legs between consecutive sites, each along the roads near its two sites (or straight, see
 * RoadGraph.route), computed one leg at a time so that only the roads near a leg are read.
 */
export async function routeSites(db: Queryable, sites: readonly LngLat[]): Promise<Leg[]> {
  const legs: Leg[] = [];
  for (let i = 0; i + 1 < sites.length; i++) legs.push(await routeLeg(db, sites[i]!, sites[i + 1]!));
  return legs;
}

async function routeLeg(db: Queryable, from: LngLat, to: LngLat): Promise<Leg> {
  const middle: LngLat = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
  let leg: Leg = { routed: false, line: [from, to] };
  for (const box of legBoxes) {
    const roads = await selectNodedRoads(db, from, to, box.margin, box.share);
    leg = RoadGraph.fromLines(roads, middle).route(from, to, snapMeters);
    if (leg.routed) break;
  }
  return leg;
}

/** The belt's line: its legs one after the other, each starting where the one before ended. */
export function joinLegs(legs: readonly Leg[]): LngLat[] {
  return withoutRepeats(legs.flatMap((leg) => leg.line));
}
