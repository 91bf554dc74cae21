import type { Role } from '../contract/auth.ts';
import type { Queryable } from '../db/transaction.ts';

export type GrantRow = { role: Role; scope: string; scope_name: string; scope_bbox: [number, number, number, number] };

export type SignInRow = {
  id: number;
  username: string;
  display_name: string;
  password_hash: string | null;
  disabled: boolean;
  failed_sign_ins: number;
  locked_seconds: number;
};

export async function selectUserForSignIn(db: Queryable, username: string): Promise<SignInRow | undefined> {
  const { rows } = await db.query<SignInRow>(
    `select id, username, display_name, password_hash, disabled, failed_sign_ins,
            greatest(0, ceil(extract(epoch from locked_until - now())))::int as locked_seconds
     from app_user where username = $1`,
    [username],
  );
  return rows[0];
}

/** Counts a failed sign-in and locks the account for `lockSeconds` when given. */
export async function recordFailedSignIn(db: Queryable, userId: number, lockSeconds: number | null): Promise<void> {
  await db.query(
    `update app_user set failed_sign_ins = failed_sign_ins + 1,
       locked_until = case when $2::int is null then locked_until else now() + make_interval(secs => $2::int) end
     where id = $1`,
    [userId, lockSeconds],
  );
}

export async function resetFailedSignIns(db: Queryable, userId: number): Promise<void> {
  await db.query('update app_user set failed_sign_ins = 0, locked_until = null where id = $1', [userId]);
}

export async function selectGrants(db: Queryable, userId: number): Promise<GrantRow[]> {
  const { rows } = await db.query<GrantRow>(
    `select g.role, g.scope_code as scope, a.name as scope_name,
            array[st_xmin(a.geom), st_ymin(a.geom), st_xmax(a.geom), st_ymax(a.geom)] as scope_bbox
     from user_role_grant g join area a on a.code = g.scope_code
     where g.user_id = $1 order by g.role, g.scope_code`,
    [userId],
  );
  return rows;
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: Buffer; userId: number; csrfToken: string; ttlSeconds: number; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.query(
    `insert into user_session (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
     values ($1, $2, $3, now() + make_interval(secs => $4::int), $5::inet, $6)`,
    [s.tokenHash, s.userId, s.csrfToken, s.ttlSeconds, s.ip, s.userAgent],
  );
}

export type SessionRow = {
  user_id: number;
  username: string;
  display_name: string;
  csrf_token: string;
  grants: Array<{ role: Role; scope: string }>;
};

/**
 * A live session of an enabled user, with the user's grants, in one round trip. The idle expiry
 * slides forward at most once a minute, so reads do not each cost a write.
 */
export async function touchSession(db: Queryable, tokenHash: Buffer, ttlSeconds: number): Promise<SessionRow | undefined> {
  const { rows } = await db.query<SessionRow>({
    name: 'touch_session',
    text: `with live as (
       select s.user_id, u.username, u.display_name, s.csrf_token, s.last_seen_at
       from user_session s join app_user u on u.id = s.user_id
       where s.token_hash = $1 and s.expires_at > now() and not u.disabled
     ), touched as (
       update user_session set last_seen_at = now(), expires_at = now() + make_interval(secs => $2::int)
       where token_hash = $1 and last_seen_at < now() - interval '1 minute' and exists (select 1 from live)
     )
     select l.user_id, l.username, l.display_name, l.csrf_token,
            coalesce((select json_agg(json_build_object('role', g.role, 'scope', g.scope_code) order by g.role, g.scope_code)
                      from user_role_grant g where g.user_id = l.user_id), '[]') as grants
     from live l`,
    values: [tokenHash, ttlSeconds],
  });
  return rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('delete from user_session where token_hash = $1', [tokenHash]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('delete from user_session where expires_at < now()');
}

export type WallTokenRow = { id: number; scope_code: string };

/** A display token that is not revoked; last_used_at is refreshed at most once a minute. */
export async function touchWallToken(db: Queryable, tokenHash: Buffer): Promise<WallTokenRow | undefined> {
  const { rows } = await db.query<WallTokenRow>(
    `with live as (select id, scope_code from wall_token where token_hash = $1 and revoked_at is null),
     touched as (
       update wall_token set last_used_at = now()
       where token_hash = $1 and revoked_at is null and (last_used_at is null or last_used_at < now() - interval '1 minute')
     )
     select id, scope_code from live`,
    [tokenHash],
  );
  return rows[0];
}

/** A new user with one role over an area subtree, in one statement; answers the id. */
export async function insertUserWithGrant(
  db: Queryable,
  u: { username: string; display_name: string; passwordHash: string; role: Exclude<Role, 'wall'>; scope: string },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `with u as (
       insert into app_user (username, display_name, password_hash) values ($1, $2, $3) returning id
     ), g as (
       insert into user_role_grant (user_id, role, scope_code) select id, $4::user_role, $5 from u
     )
     select id from u`,
    [u.username, u.display_name, u.passwordHash, u.role, u.scope],
  );
  return rows[0]!.id;
}

/** Sets a password hash and lifts any lock; answers whether the user exists. */
export async function updatePassword(db: Queryable, username: string, passwordHash: string): Promise<boolean> {
  const { rowCount } = await db.query('update app_user set password_hash = $2, failed_sign_ins = 0, locked_until = null where username = $1', [
    username,
    passwordHash,
  ]);
  return rowCount === 1;
}

/** The area of `level` with the most households (the demo accounts' scopes). */
export async function selectLargestArea(db: Queryable, level: string): Promise<{ code: string; name: string } | undefined> {
  const { rows } = await db.query<{ code: string; name: string }>(
    'select code, name from area where level = $1::area_level order by households desc, code limit 1',
    [level],
  );
  return rows[0];
}

export async function adminExists(db: Queryable): Promise<boolean> {
  const { rowCount } = await db.query("select 1 from user_role_grant where role = 'admin' limit 1");
  return Boolean(rowCount);
}

/** The demo's wall display token (only its hash is kept). */
export async function insertDemoWallToken(db: Queryable, name: string, tokenHash: Buffer, scope: string): Promise<void> {
  await db.query('insert into wall_token (name, token_hash, scope_code) values ($1, $2, $3)', [name, tokenHash, scope]);
}
