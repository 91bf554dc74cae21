import type { UserView, WallTokenView } from '../contract/users.ts';
import type { UserRow, WallTokenRow } from './queries.ts';

export function presentUser(r: UserRow): UserView {
  return { id: r.id, username: r.username, display_name: r.display_name, disabled: r.disabled, grants: r.grants };
}

export function presentWallToken(r: WallTokenRow): WallTokenView {
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    created_at: r.created_at.toISOString(),
    revoked_at: r.revoked_at?.toISOString() ?? null,
    last_used_at: r.last_used_at?.toISOString() ?? null,
  };
}
