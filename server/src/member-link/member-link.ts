import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { storedLinkKey } from './queries.ts';
import type { Queryable } from '../db/transaction.ts';

/** How long a member's link works after the alert. */
export const linkTtlSeconds = 24 * 3600;

let cachedKey: Buffer | undefined;

/** The key that signs member links, made once and shared by every process through the database. */
export async function linkKey(db: Queryable): Promise<Buffer> {
  cachedKey ??= await storedLinkKey(db, randomBytes(32));
  return cachedKey;
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** A member's link: an alert's (the dispatch, 24 hours) or a personal one (no dispatch; the member's wishes). */
export type LinkClaims = { dispatchId: number | null; memberId: number; expiresAt: number };

function signed(key: Buffer, claims: { d?: number; m: number; e: number }): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `/m/${payload}.${sign(key, payload)}`;
}

/** `/m/<payload>.<signature>`: the dispatch, the member and an expiry, signed with HMAC-SHA256. */
export function memberLinkFor(key: Buffer, dispatchId: number, memberId: number, now = Date.now()): string {
  return signed(key, { d: dispatchId, m: memberId, e: Math.floor(now / 1000) + linkTtlSeconds });
}

/** A member's personal link: the member and an expiry `ttlSeconds` after `now`, no dispatch. */
export function personalLinkFor(key: Buffer, memberId: number, ttlSeconds: number, now = Date.now()): string {
  return signed(key, { m: memberId, e: Math.floor(now / 1000) + ttlSeconds });
}

const wholeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** The claims of a well-signed token, or undefined; expiry is the caller's to check. */
export function readMemberToken(key: Buffer, token: string): LinkClaims | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { d?: unknown; m?: unknown; e?: unknown };
    if (!wholeNumber(claims.m) || !wholeNumber(claims.e) || (claims.d !== undefined && !wholeNumber(claims.d))) return undefined;
    return { dispatchId: claims.d ?? null, memberId: claims.m, expiresAt: claims.e * 1000 };
  } catch {
    return undefined;
  }
}

/** The claims of a member's token, or why it cannot be used. */
export async function memberClaims(db: pg.Pool, token: string): Promise<LinkClaims | 'invalid' | 'expired'> {
  const claims = readMemberToken(await linkKey(db), token);
  if (!claims) return 'invalid';
  return claims.expiresAt < Date.now() ? 'expired' : claims;
}

/** For tests and the SMS text: the link of one member's alert. */
export async function memberLink(db: pg.Pool, dispatchId: number, memberId: number): Promise<string> {
  return memberLinkFor(await linkKey(db), dispatchId, memberId);
}
