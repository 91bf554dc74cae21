import type { Role } from '../contract/auth.ts';
import { permissions, type Permission } from './permissions.ts';

export type ScopedGrant = { role: Role; scope: string };

/** Who is asking: a signed-in user, a wall display holding a token, or a member following their link. */
export type Principal =
  | { kind: 'user'; userId: number; username: string; csrfToken: string; grants: ScopedGrant[] }
  | { kind: 'wall'; tokenId: number; grants: ScopedGrant[] }
  /** an alerted member's page, by its signed link: basemap tiles only, no grants */
  | { kind: 'member'; dispatchId: number; memberId: number; grants: ScopedGrant[] };

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/** The prefix that every code inside an area's subtree starts with (see area_scope_prefix in SQL). */
export function scopePrefix(code: string): string {
  if (/^\d{6}000000$/.test(code)) return code.slice(0, 6);
  if (/^\d{9}000$/.test(code)) return code.slice(0, 9);
  return code;
}

export function grantsFor(principal: Principal, permission: Permission): ScopedGrant[] {
  const allowed: readonly Role[] = permissions[permission];
  return principal.grants.filter((g) => allowed.includes(g.role));
}

export function can(principal: Principal, permission: Permission): boolean {
  return grantsFor(principal, permission).length > 0;
}

/**
 * The caller's scope for a permission as SQL LIKE patterns (`code like any($patterns)`):
 * empty when no grant allows it, so a query given it returns nothing.
 */
export function scopePatterns(principal: Principal, permission: Permission): string[] {
  return [...new Set(grantsFor(principal, permission).map((g) => `${scopePrefix(g.scope)}%`))];
}

/** The county and town above each scope, so a map can show where the scope sits. */
export function scopeAncestors(principal: Principal, permission: Permission): string[] {
  const codes = grantsFor(principal, permission).flatMap((g) => [`${g.scope.slice(0, 6)}000000`, `${g.scope.slice(0, 9)}000`]);
  return [...new Set(codes)];
}

export function actorId(principal: Principal | undefined): number | null {
  return principal?.kind === 'user' ? principal.userId : null;
}
