import type pg from 'pg';
import type { Role } from '../contract/auth.ts';
import { hashPassword } from './passwords.ts';

export type NewUser = { username: string; display_name: string; password: string; role: Exclude<Role, 'wall'>; scope: string };

/** Creates a user holding one role over an area subtree; returns the new id. */
export async function createUser(db: pg.Pool | pg.PoolClient, user: NewUser): Promise<number> {
  const passwordHash = await hashPassword(user.password);
  const { rows } = await db.query<{ id: number }>(
    `with u as (
       insert into app_user (username, display_name, password_hash) values ($1, $2, $3) returning id
     ), g as (
       insert into user_role_grant (user_id, role, scope_code) select id, $4::user_role, $5 from u
     )
     select id from u`,
    [user.username, user.display_name, passwordHash, user.role, user.scope],
  );
  return rows[0]!.id;
}

export async function setPassword(db: pg.Pool, username: string, password: string): Promise<boolean> {
  const { rowCount } = await db.query('update app_user set password_hash = $2, failed_sign_ins = 0, locked_until = null where username = $1', [
    username,
    await hashPassword(password),
  ]);
  return rowCount === 1;
}
