import { can, scopeFor, type Principal } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';

/** Smallest count a wall display may see in an aggregate cell (k-anonymity). */
export const wallMinimumCount = 5;

/** Exact home positions and phones only for roles that keep the registry; everyone else sees ~100 m. */
export function memberPrecision(principal: Principal): 'exact' | 'generalized' {
  return can(principal, 'member.read_exact') ? 'exact' : 'generalized';
}

/**
 * Where the caller gets raw density counts: the areas whose members they may list anyway (never
 * a wall display). Everywhere else they get the published counts (sql/000009).
 */
export function rawDensityScope(principal: Principal): Scope {
  return principal.kind === 'wall' ? Scope.of([]) : scopeFor(principal, 'member.list');
}

/** 1 when every area the caller may aggregate is one whose members they may list, else 5. */
export function densityMinimum(principal: Principal): number {
  if (principal.kind === 'wall') return wallMinimumCount;
  const raw = scopeFor(principal, 'member.list');
  return !raw.empty && scopeFor(principal, 'member.aggregate').within(raw) ? 1 : wallMinimumCount;
}
