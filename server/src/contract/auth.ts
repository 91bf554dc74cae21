import { z } from 'zod';
import { text } from './text.ts';

export const roles = ['admin', 'planner', 'dispatcher', 'secretary', 'wall'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{2,50}$/, 'must be 2–50 letters, digits, . _ or -');

export const SignInBody = z.object({
  username: Username,
  password: text({ max: 200, trim: false }),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const Grant = z.object({
  role: Role,
  /** the 12-digit code of the area subtree the role is held over */
  scope: z.string(),
  scope_name: z.string(),
  /** the scope area's bounding box [west, south, east, north], where a map for this role opens */
  scope_bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type Grant = z.infer<typeof Grant>;

export const SessionUser = z.object({
  id: z.number(),
  username: z.string(),
  display_name: z.string(),
  grants: z.array(Grant),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** Answer of sign-in and of GET /api/v1/auth/me. Send csrf_token as `X-CSRF-Token` on writes. */
export const SessionInfo = z.object({ user: SessionUser, csrf_token: z.string() });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const csrfHeader = 'x-csrf-token';
export const sessionCookie = 'rg_session';
