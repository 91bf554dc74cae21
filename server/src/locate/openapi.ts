import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { LocateResult, PlaceSearchResult } from '../contract/locate.ts';
import { denied, errorResponse, json, named, number, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'locate', description: 'What lies at a point: areas, grid, grid branch and leader, nearest service center.' };

const locateResult = named(LocateResult, 'LocateResult');
const placeSearchResult = named(PlaceSearchResult, 'PlaceSearchResult');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/locate',
    operationId: 'locatePoint',
    security: security.sessionOrWall,
    summary: 'What lies at a point: areas, grid, branch, leader, nearest service center',
    request: {
      query: z.object({
        lng: number('longitude, WGS-84', 104.74),
        lat: number('latitude, WGS-84', 31.46),
        at: z.string().optional().meta({
          description: 'the grid as it was at this moment: a date-time with a zone, or a date (its start in China Standard Time); now when absent',
          example: '2026-03-01',
        }),
      }),
    },
    responses: {
      200: json(locateResult, 'The location'),
      400: errorResponse('invalid_query: lng/lat missing, not numbers or out of range, or at not a date'),
      404: errorResponse('outside_territory: no community or village contains the point'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/locate/search',
    operationId: 'searchPlaces',
    security: security.sessionOrWall,
    summary: 'Places in scope by name (community, grid or grid code, compound, building, organization, service center), each with a point to place an incident',
    request: {
      query: z.object({
        q: z.string().meta({ description: 'part of a name, or the start of a grid code (3-15 digits); 1-50 characters', example: '幸福' }),
        limit: z.number().int().optional().meta({ description: 'at most this many results (1-20, default 10)', example: 10 }),
      }),
    },
    responses: {
      200: json(placeSearchResult, 'Matching places, best first; none out of scope'),
      400: errorResponse('invalid_query: q missing, empty or longer than 50 characters, or limit out of range'),
      ...denied,
    },
  });
}
