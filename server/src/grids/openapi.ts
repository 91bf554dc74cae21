import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { GridCollection } from '../contract/grids.ts';
import { denied, errorResponse, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'grids', description: 'Management grids (网格): the current boundary version of each grid.' };

const gridCollection = named(GridCollection, 'GridCollection');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/grids',
    operationId: 'listGrids',
    security: security.sessionOrWall,
    summary: 'Current management grids intersecting a bounding box, as GeoJSON',
    request: {
      query: z.object({
        bbox: z.string().meta({ description: 'minLng,minLat,maxLng,maxLat (WGS-84), at most 1° each way', example: '104.70,31.43,104.78,31.49' }),
      }),
    },
    responses: {
      200: { description: 'FeatureCollection of grids', content: { 'application/geo+json': { schema: gridCollection } } },
      400: errorResponse('invalid_query: bbox malformed, out of range or inverted; bbox_too_large'),
      ...denied,
    },
  });
}
