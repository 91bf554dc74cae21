import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CreatedWallToken, CreateUserBody, CreateWallTokenBody, UserView, WallTokenView } from '../contract/users.ts';
import { denied, errorResponse, idParam, json, jsonBody, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'users', description: 'User accounts with their role and area, and wall display tokens (admin).' };

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get', path: '/api/v1/users', operationId: 'listUsers', security: security.session,
    summary: 'Users with a grant in scope (admin)',
    responses: { 200: json(z.object({ users: z.array(UserView) }), 'Users'), ...denied },
  });
  operation({
    method: 'post', path: '/api/v1/users', operationId: 'createUser', security: security.write,
    summary: 'Create a user with one role over an area in scope (admin)',
    request: { body: jsonBody(CreateUserBody) },
    responses: {
      201: json(UserView, 'Created'), 400: errorResponse('invalid_body'), 404: errorResponse('not_found: area outside scope'),
      409: errorResponse('conflict: username taken'), ...denied,
    },
  });
  operation({
    method: 'get', path: '/api/v1/wall-tokens', operationId: 'listWallTokens', security: security.session,
    summary: 'Wall display tokens in scope (admin)',
    responses: { 200: json(z.object({ tokens: z.array(WallTokenView) }), 'Tokens'), ...denied },
  });
  operation({
    method: 'post', path: '/api/v1/wall-tokens', operationId: 'createWallToken', security: security.write,
    summary: 'Create a wall display token; the token is shown only in this answer (admin)',
    request: { body: jsonBody(CreateWallTokenBody) },
    responses: { 201: json(CreatedWallToken, 'Created'), 400: errorResponse('invalid_body'), 404: errorResponse('not_found: area outside scope'), ...denied },
  });
  operation({
    method: 'delete', path: '/api/v1/wall-tokens/{id}', operationId: 'revokeWallToken', security: security.write,
    summary: 'Revoke a wall display token (admin)',
    request: { params: idParam },
    responses: { 200: json(WallTokenView, 'Revoked'), 404: errorResponse('not_found'), ...denied },
  });
}
