import type { Role, SessionUser } from '../api/contract.ts';

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.grants.some((grant) => grant.role === role);
}

/** Admins read the audit log and manage accounts; the server checks again on every call. */
export function isAdmin(user: SessionUser): boolean {
  return hasRole(user, 'admin');
}

/** Dispatchers and admins open the dispatch console (应急调度); the server checks again on every call. */
export function canDispatch(user: SessionUser): boolean {
  return hasRole(user, 'dispatcher') || hasRole(user, 'admin');
}
