import type pg from 'pg';
import type { Role } from '../contract/auth.ts';
import { hashPassword } from './passwords.ts';
import { insertUserWithGrant, updatePassword } from './queries.ts';
import type { Queryable } from '../db/transaction.ts';

export type NewUser = { username: string; display_name: string; password: string; role: Exclude<Role, 'wall'>; scope: string };

/** Creates a user holding one role over an area subtree; returns the new id. */
export async function createUser(db: Queryable, user: NewUser): Promise<number> {
  return insertUserWithGrant(db, { ...user, passwordHash: await hashPassword(user.password) });
}

/** Sets a new password and lifts any lock; answers whether the user exists. */
export async function setPassword(db: pg.Pool, username: string, password: string): Promise<boolean> {
  return updatePassword(db, username, await hashPassword(password));
}
