import { z } from 'zod';
import { AreaCode } from './areas.ts';
import { Role, Username } from './auth.ts';
import { text } from './text.ts';

export const CreateUserBody = z.object({
  username: Username,
  display_name: text({ max: 50 }),
  password: text({ max: 200, min: 12, trim: false }),
  role: Role.exclude(['wall']),
  scope: AreaCode,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** An account switched off (its sessions end at once, it cannot sign in) or on again. */
export const UpdateUserBody = z.strictObject({ disabled: z.boolean({ error: 'disabled must be true or false' }) });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserView = z.object({
  id: z.number(),
  username: z.string(),
  display_name: z.string(),
  disabled: z.boolean(),
  grants: z.array(z.object({ role: Role, scope: z.string() })),
});
export type UserView = z.infer<typeof UserView>;

export const CreateWallTokenBody = z.object({
  name: text({ max: 100 }),
  scope: AreaCode,
});
export type CreateWallTokenBody = z.infer<typeof CreateWallTokenBody>;

export const WallTokenView = z.object({
  id: z.number(),
  name: z.string(),
  scope: z.string(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});
export type WallTokenView = z.infer<typeof WallTokenView>;

/** Only at creation: the token itself is shown once and stored hashed. */
export const CreatedWallToken = WallTokenView.extend({ token: z.string() });
export type CreatedWallToken = z.infer<typeof CreatedWallToken>;
