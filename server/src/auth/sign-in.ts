import type pg from 'pg';
import { verifyNothing, verifyPassword } from './passwords.ts';
import { recordFailedSignIn, resetFailedSignIns, selectUserForSignIn } from './queries.ts';

/** Failures in a row allowed before the account is locked. */
export const freeFailures = 5;

/** Lock after the 5th failure in a row: 30 s, doubling with each further failure, at most 15 min. */
export function lockSecondsAfter(failures: number): number | null {
  if (failures < freeFailures) return null;
  return Math.min(30 * 2 ** (failures - freeFailures), 15 * 60);
}

export type SignInOutcome =
  | { ok: true; userId: number }
  | { ok: false; reason: 'invalid'; userId: number | null }
  | { ok: false; reason: 'locked'; userId: number; retryAfter: number };

/** Checks a password with throttling: a locked account is refused without looking at the password. */
export async function checkSignIn(db: pg.Pool, username: string, password: string): Promise<SignInOutcome> {
  const user = await selectUserForSignIn(db, username);
  if (!user || user.disabled || !user.password_hash) {
    await verifyNothing(password);
    return { ok: false, reason: 'invalid', userId: user?.id ?? null };
  }
  if (user.locked_seconds > 0) return { ok: false, reason: 'locked', userId: user.id, retryAfter: user.locked_seconds };
  if (await verifyPassword(user.password_hash, password)) {
    await resetFailedSignIns(db, user.id);
    return { ok: true, userId: user.id };
  }
  await recordFailedSignIn(db, user.id, lockSecondsAfter(user.failed_sign_ins + 1));
  return { ok: false, reason: 'invalid', userId: user.id };
}
