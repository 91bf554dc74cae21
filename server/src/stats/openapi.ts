import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { StatsQuery, StatsSummary } from '../contract/stats.ts';
import { denied, errorResponse, json, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'stats', description: 'Key figures of an area and its child areas, for the wall display and dashboards.' };

const statsSummary = named(StatsSummary, 'StatsSummary');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/stats/summary',
    operationId: 'getStatsSummary',
    security: security.sessionOrWall,
    summary: 'Key figures of an area in scope and of each of its child areas (wall display, dashboards)',
    request: { query: StatsQuery },
    responses: {
      200: json(statsSummary, 'Figures'),
      400: errorResponse('invalid_query'),
      404: errorResponse('not_found: the area is not in scope'),
      ...denied,
    },
  });
}
