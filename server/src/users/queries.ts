import type pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import type { Role } from '../contract/auth.ts';
import type { Queryable } from '../db/transaction.ts';

export type UserRow = { id: number; username: string; display_name: string; disabled: boolean; grants: Array<{ role: Role; scope: string }> };

/** Users holding at least one grant inside the scope, or only user `id` among them. */
export async function selectUsers(db: pg.Pool, scope: Scope, id: number | null = null): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `select u.id, u.username, u.display_name, u.disabled,
            coalesce(json_agg(json_build_object('role', g.role, 'scope', g.scope_code) order by g.role, g.scope_code)
                     filter (where g.user_id is not null), '[]') as grants
     from app_user u left join user_role_grant g on g.user_id = u.id
     where exists (select 1 from user_role_grant s where s.user_id = u.id and scope_holds(s.scope_code, $1::text[], $2::text[]))
       and ($3::bigint is null or u.id = $3)
     group by u.id order by u.username`,
    [scope.lo, scope.hi, id],
  );
  return rows;
}

/**
 * Switches an account in scope (all its grants inside the admin's) off or on; switched off, its
 * sessions are deleted. Undefined when there is no such account in scope.
 */
export async function setUserDisabled(db: Queryable, id: number, disabled: boolean, scope: Scope): Promise<{ scope: string } | undefined> {
  const { rows } = await db.query<{ scope: string }>(
    `update app_user u set disabled = $2
     where u.id = $1
       and exists (select from user_role_grant g where g.user_id = u.id)
       and not exists (select from user_role_grant g where g.user_id = u.id and not scope_holds(g.scope_code, $3::text[], $4::text[]))
     returning (select min(g.scope_code) from user_role_grant g where g.user_id = u.id) as scope`,
    [id, disabled, scope.lo, scope.hi],
  );
  if (rows[0] && disabled) await db.query('delete from user_session where user_id = $1', [id]);
  return rows[0];
}

export async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from app_user where username = $1', [username]);
  return Boolean(rowCount);
}

export async function areaExists(db: Queryable, code: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from area where code = $1', [code]);
  return Boolean(rowCount);
}

export type WallTokenRow = { id: number; name: string; scope: string; created_at: Date; revoked_at: Date | null; last_used_at: Date | null };

const wallColumns = 'id, name, scope_code as scope, created_at, revoked_at, last_used_at';

export async function insertWallToken(db: Queryable, t: { name: string; tokenHash: Buffer; scope: string; createdBy: number | null }): Promise<WallTokenRow> {
  const { rows } = await db.query<WallTokenRow>(
    `insert into wall_token (name, token_hash, scope_code, created_by) values ($1, $2, $3, $4) returning ${wallColumns}`,
    [t.name, t.tokenHash, t.scope, t.createdBy],
  );
  return rows[0]!;
}

export async function selectWallTokens(db: pg.Pool, scope: Scope): Promise<WallTokenRow[]> {
  const { rows } = await db.query<WallTokenRow>(`select ${wallColumns} from wall_token where scope_holds(scope_code, $1::text[], $2::text[]) order by id`, [
    scope.lo,
    scope.hi,
  ]);
  return rows;
}

/** Revokes a token in scope; answers undefined when there is none such. */
export async function revokeWallToken(db: Queryable, id: number, scope: Scope): Promise<WallTokenRow | undefined> {
  const { rows } = await db.query<WallTokenRow>(
    `update wall_token set revoked_at = coalesce(revoked_at, now())
     where id = $1 and scope_holds(scope_code, $2::text[], $3::text[]) returning ${wallColumns}`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}
