import { can, scopePatterns, type Principal } from '../auth/principal.ts';

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
export function rawDensityScope(principal: Principal): string[] {
  return principal.kind === 'wall' ? [] : scopePatterns(principal, 'member.list');
}

/** 1 when every area the caller may aggregate is one whose members they may list, else 5. */
export function densityMinimum(principal: Principal): number {
  const raw = rawDensityScope(principal).map((p) => p.slice(0, -1));
  const covered = scopePatterns(principal, 'member.aggregate').every((p) => raw.some((r) => p.startsWith(r)));
  return covered && raw.length > 0 ? 1 : wallMinimumCount;
}
