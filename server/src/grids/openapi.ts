import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { GridCollection, GridHistory } from '../contract/grids.ts';
import { denied, errorResponse, json, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'grids', description: 'Management grids (网格): their boundaries now, at any date, and their history.' };

const gridCollection = named(GridCollection, 'GridCollection');
const gridHistory = named(GridHistory, 'GridHistory');

const at = z.string().optional().meta({
  description: 'the grids as they were at this moment: a date-time with a zone, or a date (its start in China Standard Time); now when absent',
  example: '2026-03-01',
});

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/grids',
    operationId: 'listGrids',
    security: security.sessionOrWall,
    summary: 'Management grids intersecting a bounding box, now or at a date, as GeoJSON',
    request: {
      query: z.object({
        bbox: z.string().meta({ description: 'minLng,minLat,maxLng,maxLat (WGS-84), at most 1° each way', example: '104.70,31.43,104.78,31.49' }),
        at,
      }),
    },
    responses: {
      200: { description: 'FeatureCollection of grids', content: { 'application/geo+json': { schema: gridCollection } } },
      400: errorResponse('invalid_query: bbox malformed, out of range or inverted, or at not a date; bbox_too_large'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/grids/{code}/history',
    operationId: 'getGridHistory',
    security: security.sessionOrWall,
    summary: "A grid's identity and every outline it has had, newest first",
    request: { params: z.object({ code: z.string().meta({ description: '15-digit grid code', example: '510703001001001' }) }) },
    responses: {
      200: json(gridHistory, 'The grid and its versions'),
      400: errorResponse('invalid_path: not a 15-digit grid code'),
      404: errorResponse('not_found: no such grid in your scope'),
      ...denied,
    },
  });
}
