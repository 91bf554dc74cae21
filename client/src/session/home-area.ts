import type { BboxTuple } from '../api/grids.api.ts';
import type { SessionUser } from '../api/contract.ts';

/** Digits that name an area below the county: 6 for the county itself, 9 for a town, 12 for a community. */
const depth = (code: string) => code.replace(/0+$/, '').length;

/**
 * Where a user's maps open: the box of the narrowest area one of their roles is held over (a
 * secretary's community, a planner's town), not the whole county; undefined without a grant.
 */
export function homeBounds(user: SessionUser): BboxTuple | undefined {
  const narrowest = [...user.grants].sort((a, b) => depth(b.scope) - depth(a.scope))[0];
  return narrowest?.scope_bbox;
}
