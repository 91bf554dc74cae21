import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type pg from 'pg';
import { csrfHeader, sessionCookie } from '../contract/auth.ts';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from '../http/http-error.ts';
import type { Permission } from './permissions.ts';
import { can, scopeFor, type Principal } from './principal.ts';
import { touchSession, touchWallToken, type WallTokenRow } from './queries.ts';
import type { SessionCache } from './session-cache.ts';
import type { Scope } from './scope.ts';
import { hashToken } from './tokens.ts';
import { memberClaims } from '../member-link/member-link.ts';

export const sessionTtlSeconds = 8 * 3600;

/** The session cookie's value; cookie-parser turns a "j:…" value into JSON, which is never a session. */
export function sessionToken(req: Request): string | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[sessionCookie];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/**
 * Attaches `req.principal` from a wall token, a member link (`?m=`, basemap tiles only) or the
 * session cookie; anonymous requests pass on.
 */
export function authenticate(db: pg.Pool, sessions: SessionCache, walls: SessionCache<WallTokenRow>): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const bearer = bearerToken(req);
    if (bearer) {
      const hash = hashToken(bearer);
      const key = hash.toString('hex');
      const wall = walls.get(key) ?? (await touchWallToken(db, hash));
      if (!wall) throw new HttpError(401, ErrorCode.unauthenticated, 'The display token is unknown or revoked.');
      walls.set(key, wall);
      req.principal = { kind: 'wall', tokenId: wall.id, grants: [{ role: 'wall', scope: wall.scope_code }] };
      return next();
    }
    const memberToken = req.path.startsWith('/tiles/') ? req.query.m : undefined;
    if (typeof memberToken === 'string') {
      const claims = await memberClaims(db, memberToken);
      if (typeof claims === 'string') throw new HttpError(401, ErrorCode.unauthenticated, 'The link is not valid or has expired.');
      req.principal = { kind: 'member', dispatchId: claims.dispatchId, memberId: claims.memberId, grants: [] };
      return next();
    }
    const cookie = sessionToken(req);
    if (cookie) {
      const hash = hashToken(cookie);
      const key = hash.toString('hex');
      const session = sessions.get(key) ?? (await touchSession(db, hash, sessionTtlSeconds));
      if (session) {
        sessions.set(key, session);
        req.principal = {
          kind: 'user',
          userId: session.user_id,
          username: session.username,
          csrfToken: session.csrf_token,
          grants: session.grants,
        };
      }
    }
    next();
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host of an Origin header; undefined for "null" (sandboxed pages, file://) and anything unparsable. */
function originHost(origin: string): string | undefined {
  if (!URL.canParse(origin)) return undefined;
  return new URL(origin).host || undefined;
}
export const signInPath = '/api/v1/auth/sign-in';

/**
 * Cookie sessions must echo their CSRF token in a header on every write. SameSite=Strict already
 * stops cross-site posts in current browsers; the token covers the rest.
 */
export function csrfProtection(): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    if (safeMethods.has(req.method)) return next();
    // Signing in may happen in a tab that has no token yet; a cross-site form is stopped by Origin.
    // routes ignore case and a trailing slash, so /API/V1/AUTH/SIGN-IN/ is sign-in too
    const path = req.path.toLowerCase().replace(/\/+$/, '');
    if (path === signInPath) {
      const origin = req.get('origin');
      if (origin !== undefined && originHost(origin) !== req.get('host')) {
        throw new HttpError(403, ErrorCode.csrfFailed, "Sign in from RedGrid's own page.");
      }
      return next();
    }
    // member links carry their own signed token in the path, which no other site can know
    if (principal?.kind !== 'user' || path.startsWith('/api/m/')) return next();
    if (req.headers[csrfHeader] !== principal.csrfToken) {
      throw new HttpError(403, ErrorCode.csrfFailed, 'Missing or wrong X-CSRF-Token header; reload the page and try again.');
    }
    next();
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new HttpError(401, ErrorCode.unauthenticated, 'Sign in first.');
  return req.principal;
}

/** The caller's scope for a permission, as the query files take it. */
export function scopeOf(req: Request, permission: Permission): Scope {
  return scopeFor(principalOf(req), permission);
}

/** Every /api/v1 and /tiles request needs a principal, except signing in. */
export function requireSignedIn(): RequestHandler {
  return (req, _res, next) => {
    principalOf(req);
    next();
  };
}

/** 403 when none of the caller's roles has the permission (scope is checked in the query). */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    if (!can(principalOf(req), permission)) {
      throw new HttpError(403, ErrorCode.forbidden, 'Your role does not allow this.');
    }
    next();
  };
}
