import type { SessionUser } from '../api/contract.ts';
import { hasRole, isAdmin } from '../session/roles.ts';

/** Planners and admins open the grid planner (网格规划); the server checks again on every call. */
export function canPlan(user: SessionUser): boolean {
  return hasRole(user, 'planner') || isAdmin(user);
}

/** Admins review submitted plans. */
export const canReview = isAdmin;
