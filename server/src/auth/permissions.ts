import type { Role } from '../contract/auth.ts';

/** What each role may do. A request needs one grant whose role has the permission. */
export const permissions = {
  /** areas, grids, locate, basemap tiles */
  'territory.read': ['admin', 'planner', 'dispatcher', 'secretary', 'wall'],
  /** members listed with generalized positions, no contacts */
  'member.list': ['admin', 'secretary', 'dispatcher'],
  /** nearest members by distance; exact positions only with dispatch.manage */
  'member.nearby': ['admin', 'secretary', 'dispatcher'],
  /** one member's exact home position and phone (audited) */
  'member.read_exact': ['admin', 'secretary'],
  /** member counts in cells; suppressed below 5 for the wall */
  'member.aggregate': ['admin', 'planner', 'dispatcher', 'secretary', 'wall'],
  /** open cases on maps, the case feed and key figures (never a reporter or a member) */
  'case.view': ['admin', 'planner', 'dispatcher', 'secretary', 'wall'],
  /** cases: create, read, close */
  'case.manage': ['admin', 'dispatcher'],
  /** nearby members with exact positions (audited), dispatches */
  'dispatch.manage': ['admin', 'dispatcher'],
  /** grid plans: list and read (boundaries, validation, impact) */
  'plan.read': ['admin', 'planner'],
  /** grid plans: open, edit, undo/redo, submit */
  'plan.edit': ['admin', 'planner'],
  /** grid plans: approve with an effective date, or reject */
  'plan.review': ['admin'],
  /** organizations: the tree, search, records (members counted, never listed) */
  'org.read': ['admin', 'planner', 'dispatcher', 'secretary'],
  /** service positions: centers, stations, center households, sites (linked households need member.read_exact) */
  'place.read': ['admin', 'planner', 'dispatcher', 'secretary'],
  /** the registry kept current: organizations, members and service positions created, edited, moved, closed; points */
  'registry.edit': ['admin', 'secretary'],
  /** registry files: CSV imports (dry run first) and exports with exact positions (audited) */
  'registry.files': ['admin', 'secretary'],
  /** the points rule and the yearly star rule */
  'registry.rules': ['admin'],
  /** micro-wishes (微心愿): post one at a place for a resident, withdraw it */
  'wish.manage': ['admin', 'secretary'],
  'audit.read': ['admin'],
  'user.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;
