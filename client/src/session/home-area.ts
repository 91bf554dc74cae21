import type { BboxTuple } from '../api/grids.api.ts';
import type { SessionUser } from '../api/contract.ts';

/** Digits that name an area below the county: 6 for the county itself, 9 for a town, 12 for a community. */
const depth = (code: string) => code.replace(/0+$/, '').length;

/**
 * Where a user's maps open: the box of the narrowest area one of their roles is held over (a
 * secretary's community, a planner's town); undefined for county-wide users and without a grant.
 */
export function homeBounds(user: SessionUser): BboxTuple | undefined {
  const area = narrowest(user);
  // county-wide users keep the county map's own view (its seat at zoom 11, where grids show)
  return area && depth(area.scope) > 6 ? area.scope_bbox : undefined;
}

const narrowest = (user: SessionUser) => [...user.grants].sort((a, b) => depth(b.scope) - depth(a.scope))[0];

/** The town a user's roles are held over (or that holds their community); undefined for county-wide users. */
export function homeTown(user: SessionUser): string | undefined {
  const scope = narrowest(user)?.scope;
  return scope && depth(scope) > 6 ? `${scope.slice(0, 9)}000` : undefined;
}
