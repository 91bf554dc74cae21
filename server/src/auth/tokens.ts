import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or a wall token: 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a database leak does not leak sessions. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
