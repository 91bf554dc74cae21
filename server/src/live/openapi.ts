import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { denied, errorResponse, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'live', description: 'The live event stream (server-sent events) that keeps the wall and the dispatch screen current.' };

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/live',
    operationId: 'streamLiveEvents',
    security: security.sessionOrWall,
    summary: 'Server-sent events: case and dispatch ids and data version bumps (never member data); Last-Event-ID replays missed case and dispatch events',
    responses: {
      200: {
        description: 'text/event-stream of LiveEvent JSON',
        content: {
          'text/event-stream': {
            schema: z
              .string()
              .meta({ description: 'events: a data: line holding one LiveEvent as JSON, with an id: line on case and dispatch events (for Last-Event-ID)' }),
          },
        },
      },
      ...denied,
      503: errorResponse('live_unavailable: the live stream is not running'),
    },
  });
}
