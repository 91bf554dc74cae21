import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type pg from 'pg';
import { actorOf } from './actor.ts';
import { SignInBody, sessionCookie } from '../contract/auth.ts';
import { ErrorCode } from '../contract/error.ts';
import { clientAddress } from '../http/client-address.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody } from '../http/parse.ts';
import { principalOf, sessionToken, sessionTtlSeconds } from './middleware.ts';
import { selectUserForSignIn } from './queries.ts';
import { sessionInfo } from './session-info.ts';
import type { SessionCache } from './session-cache.ts';
import { signIn, signOut } from './sign-in.ts';
import { hashToken } from './tokens.ts';

/** `secure` when the public URL is https (behind a proxy that ends TLS, req.secure alone is false). */
function setSessionCookie(req: Request, res: Response, token: string | null, secure: boolean) {
  const options = { httpOnly: true, sameSite: 'strict' as const, secure: secure || req.secure, path: '/' };
  if (token) res.cookie(sessionCookie, token, { ...options, maxAge: sessionTtlSeconds * 1000 });
  else res.clearCookie(sessionCookie, options);
}

export function authRoutes(db: pg.Pool, sessions: SessionCache, { secureCookie = false }: { secureCookie?: boolean } = {}): Router {
  const router = Router();
  // Per address, on top of the per-account lock in checkSignIn.
  const signInLimit = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 30,
    // failures only: an office behind one address signs in many times a day
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    // requests whose forwarded address is not an IP address share one bucket
    keyGenerator: (req) => ipKeyGenerator(clientAddress(req) ?? '0.0.0.0'),
    legacyHeaders: false,
    handler: (_req, _res, _next, options) => {
      throw new HttpError(
        429,
        ErrorCode.tooManyAttempts,
        `Too many sign-in attempts from this address; try again in ${Math.ceil(options.windowMs / 60000)} minutes.`,
      );
    },
  });

  router.post('/api/v1/auth/sign-in', signInLimit, async (req, res) => {
    const { username, password } = parseBody(SignInBody, req);
    const result = await signIn(db, actorOf(req), { username, password, userAgent: req.get('user-agent')?.slice(0, 300) ?? null });
    if (!result.ok) {
      if (result.reason === 'locked') {
        res.set('Retry-After', String(result.retryAfter));
        throw new HttpError(429, ErrorCode.tooManyAttempts, `Too many failed sign-ins; try again in ${result.retryAfter} seconds.`);
      }
      throw new HttpError(401, ErrorCode.invalidCredentials, 'Wrong username or password.');
    }
    setSessionCookie(req, res, result.token, secureCookie);
    res.json(await sessionInfo(db, result.user, result.csrfToken));
  });

  router.get('/api/v1/auth/me', async (req, res) => {
    const principal = principalOf(req);
    if (principal.kind !== 'user') throw new HttpError(401, ErrorCode.unauthenticated, 'Display tokens have no user session.');
    const user = (await selectUserForSignIn(db, principal.username))!;
    res.json(await sessionInfo(db, user, principal.csrfToken));
  });

  router.post('/api/v1/auth/sign-out', async (req, res) => {
    const principal = principalOf(req);
    // a display token has no session to end (an admin revokes it); nothing is written
    if (principal.kind !== 'user') throw new HttpError(403, ErrorCode.forbidden, 'Display tokens cannot sign out; an administrator revokes them.');
    const cookie = sessionToken(req);
    if (cookie) sessions.delete(hashToken(cookie).toString('hex'));
    await signOut(db, actorOf(req), cookie ? hashToken(cookie) : undefined, principal.grants[0]?.scope ?? null);
    setSessionCookie(req, res, null, secureCookie);
    res.status(204).end();
  });
  return router;
}
