import type { SessionUser } from '../api/contract.ts';
import { hasRole } from '../session/roles.ts';

// The roles that hold each wish permission (server/src/auth/permissions.ts); the server checks again on every call.

/** org.read: the wishes in scope (admins, planners, dispatchers, secretaries). */
export function canReadWishes(user: SessionUser): boolean {
  return hasRole(user, 'admin') || hasRole(user, 'planner') || hasRole(user, 'dispatcher') || hasRole(user, 'secretary');
}

/** wish.manage: post, edit and withdraw wishes (admins, secretaries). */
export function canManageWishes(user: SessionUser): boolean {
  return hasRole(user, 'admin') || hasRole(user, 'secretary');
}
