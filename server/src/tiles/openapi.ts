import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { tileLayers } from '../contract/tiles.ts';
import { denied, errorResponse, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'tiles', description: 'Vector tiles (Mapbox Vector Tile) drawn by PostGIS, with ETags from the data versions.' };

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/tiles/{layer}/{z}/{x}/{y}.mvt',
    operationId: 'getTile',
    security: security.tiles,
    summary:
      'Vector tile (Mapbox Vector Tile) built by PostGIS ST_AsMVT: basemap, organizations, places, cases, member density (cells under 5 left out), blind spots, service reach, micro-wishes (id and status only). ETag from the data version; If-None-Match answers 304',
    description: "A member's link (?m=) draws the basemap layers only; other layers follow the caller's role and scope.",
    request: {
      params: z.object({
        layer: z.enum(tileLayers),
        z: z.number().int().min(0).max(22),
        x: z.number().int().min(0),
        y: z.number().int().min(0),
      }),
      query: z.object({
        at: z.string().optional().meta({
          description: 'grids layer only: the grids as they were at this moment, a date-time with a zone or a date (its start in China Standard Time)',
          example: '2026-03-01',
        }),
      }),
    },
    responses: {
      200: {
        description: 'MVT bytes (empty when the tile holds nothing)',
        content: { 'application/vnd.mapbox-vector-tile': { schema: z.string().meta({ format: 'binary' }) } },
      },
      304: { description: 'Not modified: the If-None-Match ETag is current' },
      400: errorResponse('invalid_path: unknown layer or tile outside the zoom level; invalid_query: at not a date, or given for a layer other than grids'),
      ...denied,
    },
  });
}
