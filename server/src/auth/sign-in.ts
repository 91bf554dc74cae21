import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import { withTransaction, type Queryable } from '../db/transaction.ts';
import { verifyNothing, verifyPassword } from './passwords.ts';
import { sessionTtlSeconds } from './middleware.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  insertSession,
  recordFailedSignIn,
  resetFailedSignIns,
  selectGrants,
  selectUserForSignIn,
  type SignInRow,
} from './queries.ts';
import { hashToken, newToken } from './tokens.ts';

/** Failures in a row allowed before the account is locked. */
export const freeFailures = 5;

/** Lock after the 5th failure in a row: 30 s, doubling with each further failure, at most 15 min. */
export function lockSecondsAfter(failures: number): number | null {
  if (failures < freeFailures) return null;
  return Math.min(30 * 2 ** (failures - freeFailures), 15 * 60);
}

export type SignInOutcome =
  { ok: true; userId: number } | { ok: false; reason: 'invalid'; userId: number | null } | { ok: false; reason: 'locked'; userId: number; retryAfter: number };

/** Checks a password with throttling: a locked account is refused without looking at the password. */
export async function checkSignIn(db: Queryable, username: string, password: string): Promise<SignInOutcome> {
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

export type SignInResult = { ok: true; user: SignInRow; token: string; csrfToken: string } | Exclude<SignInOutcome, { ok: true }>;

/**
 * Signs in: the throttled password check, the failure count or the new session, and the audit
 * record, in one transaction. A failure is recorded (and audited) and answered, not thrown.
 */
export function signIn(db: pg.Pool, actor: Actor, attempt: { username: string; password: string; userAgent: string | null }): Promise<SignInResult> {
  const { username, password } = attempt;
  return withTransaction(db, async (tx) => {
    const outcome = await checkSignIn(tx, username, password);
    if (!outcome.ok) {
      const scope = outcome.userId === null ? null : ((await selectGrants(tx, outcome.userId))[0]?.scope ?? null);
      await audit(tx, actor, { userId: outcome.userId, action: 'auth.sign_in_failed', scope, detail: { username, reason: outcome.reason } });
      return outcome;
    }
    const token = newToken();
    const csrfToken = newToken();
    await deleteExpiredSessions(tx);
    await insertSession(tx, {
      tokenHash: hashToken(token),
      userId: outcome.userId,
      csrfToken,
      ttlSeconds: sessionTtlSeconds,
      ip: actor.ip,
      userAgent: attempt.userAgent,
    });
    const user = (await selectUserForSignIn(tx, username))!;
    const grants = await selectGrants(tx, user.id);
    await audit(tx, actor, { userId: user.id, action: 'auth.sign_in', targetKind: 'user', targetIds: [user.id], scope: grants[0]?.scope ?? null });
    return { ok: true, user, token, csrfToken };
  });
}

/** Ends a session (when the request carried one) and audits the sign-out, in one transaction. */
export function signOut(db: pg.Pool, actor: Actor, tokenHash: Buffer | undefined, scope: string | null): Promise<void> {
  return withTransaction(db, async (tx) => {
    if (tokenHash) await deleteSession(tx, tokenHash);
    await audit(tx, actor, { action: 'auth.sign_out', targetKind: 'user', targetIds: actor.userId === null ? [] : [actor.userId], scope });
  });
}
