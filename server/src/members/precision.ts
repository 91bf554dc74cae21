import { can, type Principal } from '../auth/principal.ts';

/** Smallest count a wall display may see in an aggregate cell (k-anonymity). */
export const wallMinimumCount = 5;

/** Exact home positions and phones only for roles that keep the registry; everyone else sees ~100 m. */
export function memberPrecision(principal: Principal): 'exact' | 'generalized' {
  return can(principal, 'member.read_exact') ? 'exact' : 'generalized';
}

/** A wall display sees only cells of at least 5 members; people with member access see all cells. */
export function densityMinimum(principal: Principal): number {
  return principal.kind === 'wall' || !can(principal, 'member.list') ? wallMinimumCount : 1;
}

/** Cell size in degrees for a size in meters at a latitude (equirectangular, good to a few %). */
export function cellDegrees(cellMeters: number, latitude: number): { dx: number; dy: number } {
  const metersPerDegree = 111_320;
  return { dy: cellMeters / metersPerDegree, dx: cellMeters / (metersPerDegree * Math.cos((latitude * Math.PI) / 180)) };
}
