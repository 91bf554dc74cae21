import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CreatedWallToken, CreateUserBody, CreateWallTokenBody, UpdateUserBody, UserView, WallTokenView } from '../contract/users.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'users', description: 'User accounts with their role and area, and wall display tokens (admin).' };

const userView = named(UserView, 'UserView');
const createUserBody = named(CreateUserBody, 'CreateUserBody');
const wallTokenView = named(WallTokenView, 'WallTokenView');
const createWallTokenBody = named(CreateWallTokenBody, 'CreateWallTokenBody');
const createdWallToken = named(CreatedWallToken, 'CreatedWallToken');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/users',
    operationId: 'listUsers',
    security: security.session,
    summary: 'Users with a grant in scope (admin)',
    responses: { 200: json(z.object({ users: z.array(userView) }), 'Users'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/users',
    operationId: 'createUser',
    security: security.write,
    summary: 'Create a user with one role over an area in scope (admin)',
    request: { body: jsonBody(createUserBody) },
    responses: {
      201: json(userView, 'Created'),
      400: errorResponse('invalid_body'),
      404: errorResponse('not_found: area outside scope'),
      409: errorResponse('conflict: username taken'),
      ...denied,
    },
  });
  operation({
    method: 'patch',
    path: '/api/v1/users/{id}',
    operationId: 'updateUser',
    security: security.write,
    summary: 'Switch an account in scope off (its sessions end at once, it cannot sign in) or on again (admin)',
    request: { params: idParam, body: jsonBody(named(UpdateUserBody, 'UpdateUserBody')) },
    responses: {
      200: json(userView, 'The account as it is now'),
      400: errorResponse('invalid_path, invalid_body'),
      404: errorResponse('not_found: no such account with all its grants in your scope'),
      409: errorResponse('conflict: you cannot switch off your own account'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/wall-tokens',
    operationId: 'listWallTokens',
    security: security.session,
    summary: 'Wall display tokens in scope (admin)',
    responses: { 200: json(z.object({ tokens: z.array(wallTokenView) }), 'Tokens'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/wall-tokens',
    operationId: 'createWallToken',
    security: security.write,
    summary: 'Create a wall display token; the token is shown only in this answer (admin)',
    request: { body: jsonBody(createWallTokenBody) },
    responses: { 201: json(createdWallToken, 'Created'), 400: errorResponse('invalid_body'), 404: errorResponse('not_found: area outside scope'), ...denied },
  });
  operation({
    method: 'delete',
    path: '/api/v1/wall-tokens/{id}',
    operationId: 'revokeWallToken',
    security: security.write,
    summary: 'Revoke a wall display token (admin)',
    request: { params: idParam },
    responses: { 200: json(wallTokenView, 'Revoked'), 404: errorResponse('not_found'), ...denied },
  });
}
