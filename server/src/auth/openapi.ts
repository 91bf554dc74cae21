import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { SessionInfo, SignInBody } from '../contract/auth.ts';
import { denied, errorResponse, json, jsonBody, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'auth',
  description: 'Sessions: sign in (sets the rg_session cookie and answers the CSRF token), the signed-in user, sign out.',
};

const sessionInfo = named(SessionInfo, 'SessionInfo');
const signInBody = named(SignInBody, 'SignInBody');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'post',
    path: '/api/v1/auth/sign-in',
    operationId: 'signIn',
    security: security.none,
    summary: 'Sign in; sets the rg_session cookie',
    description: 'No credentials needed; a cross-site Origin answers 403 csrf_failed.',
    request: { body: jsonBody(signInBody) },
    responses: {
      200: json(sessionInfo, 'The user, their grants and the CSRF token for writes'),
      400: errorResponse('invalid_body'),
      401: errorResponse('invalid_credentials'),
      403: errorResponse('csrf_failed: the Origin is another site'),
      429: errorResponse('too_many_attempts: the account is locked for Retry-After seconds, or the address sent too many'),
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/auth/me',
    operationId: 'getSession',
    security: security.session,
    summary: 'The signed-in user',
    responses: { 200: json(sessionInfo, 'The session'), 401: errorResponse('unauthenticated') },
  });
  operation({
    method: 'post',
    path: '/api/v1/auth/sign-out',
    operationId: 'signOut',
    security: security.write,
    summary: 'End the session',
    responses: { 204: { description: 'Signed out' }, ...denied },
  });
}
