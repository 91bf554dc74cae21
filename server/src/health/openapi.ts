import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorResponse, json, named, operations, security, unavailable, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'health', description: 'Liveness and database status, for load balancers and monitoring (no credentials).' };

const health = named(
  z.object({
    status: z.literal('ok'),
    postgis: z.string().meta({ description: 'PostGIS library version', example: '3.5.2' }),
    areas: z.number().int().meta({ description: 'administrative areas in the database' }),
  }),
  'Health',
);

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    security: security.none,
    summary: 'Liveness and database check',
    responses: {
      200: json(health, 'The server and its database answer'),
      400: errorResponse('invalid_json, invalid_encoding: a request body that does not parse (bodies are parsed before any route)'),
      ...unavailable,
    },
  });
}
