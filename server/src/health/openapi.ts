import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { errorResponse, operations, security, unavailable, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'health', description: 'Liveness and database status, for load balancers and monitoring (no credentials).' };

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get', path: '/api/health', operationId: 'getHealth', security: security.none,
    summary: 'Liveness and database check',
    responses: {
      200: { description: 'The server and its database answer' },
      400: errorResponse('invalid_json, invalid_encoding: a request body that does not parse (bodies are parsed before any route)'),
      ...unavailable,
    },
  });
}
