import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AreaCollection, AreasQuery } from '../contract/areas.ts';
import { denied, errorResponse, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'areas', description: 'Administrative areas: the county, its towns, communities and villages.' };

const areaCollection = named(AreaCollection, 'AreaCollection');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/areas',
    operationId: 'listAreas',
    security: security.sessionOrWall,
    summary: 'Administrative areas (county, towns, communities, villages) as GeoJSON',
    request: { query: AreasQuery },
    responses: {
      200: { description: 'FeatureCollection of areas', content: { 'application/geo+json': { schema: areaCollection } } },
      400: errorResponse('invalid_query: a parameter is malformed'),
      ...denied,
    },
  });
}
