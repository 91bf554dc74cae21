import type { SessionUser } from '../api/contract.ts';
import { hasRole } from '../session/roles.ts';

// The roles that hold each registry permission (server/src/auth/permissions.ts); the server checks again on every call.

/** org.read: the organization tree and records (admins, planners, dispatchers, secretaries). */
export function canReadRegistry(user: SessionUser): boolean {
  return hasRole(user, 'admin') || hasRole(user, 'planner') || hasRole(user, 'dispatcher') || hasRole(user, 'secretary');
}

/** registry.edit and registry.files: keep the registry current, import and export files (admins, secretaries). */
export function canEditRegistry(user: SessionUser): boolean {
  return hasRole(user, 'admin') || hasRole(user, 'secretary');
}

/** member.list: the member list (admins, secretaries, dispatchers). */
export function canListMembers(user: SessionUser): boolean {
  return hasRole(user, 'admin') || hasRole(user, 'secretary') || hasRole(user, 'dispatcher');
}

/** registry.rules: change the points rule and the star rule (admins; registry.edit holders read them). */
export function canChangeRules(user: SessionUser): boolean {
  return hasRole(user, 'admin');
}

export interface RegistryRights {
  edit: boolean;
  members: boolean;
  rules: boolean;
}

export const registryRights = (user: SessionUser): RegistryRights => ({
  edit: canEditRegistry(user),
  members: canListMembers(user),
  rules: canChangeRules(user),
});
