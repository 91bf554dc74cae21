import type { Role } from '../contract/auth.ts';
import { permissions, type Permission } from './permissions.ts';
import { Scope } from './scope.ts';

export type ScopedGrant = { role: Role; scope: string };

/** Who is asking: a signed-in user, a wall display holding a token, or a member following their link. */
export type Principal =
  | { kind: 'user'; userId: number; username: string; csrfToken: string; grants: ScopedGrant[] }
  | { kind: 'wall'; tokenId: number; grants: ScopedGrant[] }
  /** a member's page, by its signed link (an alert's, or a personal one without a dispatch): basemap tiles only, no grants */
  | { kind: 'member'; dispatchId: number | null; memberId: number; grants: ScopedGrant[] };

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

export function grantsFor(principal: Principal, permission: Permission): ScopedGrant[] {
  const allowed: readonly Role[] = permissions[permission];
  return principal.grants.filter((g) => allowed.includes(g.role));
}

export function can(principal: Principal, permission: Permission): boolean {
  return grantsFor(principal, permission).length > 0;
}

/** The caller's scope for a permission: empty when no grant allows it, so a query given it returns nothing. */
export function scopeFor(principal: Principal, permission: Permission): Scope {
  return Scope.of(grantsFor(principal, permission).map((g) => g.scope));
}

export function actorId(principal: Principal | undefined): number | null {
  return principal?.kind === 'user' ? principal.userId : null;
}
