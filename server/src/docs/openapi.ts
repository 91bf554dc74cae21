import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AreaCollection, AreasQuery } from '../contract/areas.ts';
import { ErrorBody } from '../contract/error.ts';
import { GridCollection } from '../contract/grids.ts';
import { LocateResult } from '../contract/locate.ts';
import { basemapLayers } from '../contract/tiles.ts';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});

// Query strings carry text; the documented form says what a client should send.
const number = (description: string, example: number) => z.number().meta({ description, example });

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with. */
export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerPath({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and database check',
    responses: { 200: { description: 'The server and its database answer' } },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/areas',
    summary: 'Administrative areas (county, towns, communities, villages) as GeoJSON',
    request: { query: AreasQuery },
    responses: {
      200: { description: 'FeatureCollection of areas', content: { 'application/geo+json': { schema: AreaCollection } } },
      400: errorResponse('invalid_query: a parameter is malformed'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/grids',
    summary: 'Current management grids intersecting a bounding box, as GeoJSON',
    request: {
      query: z.object({
        bbox: z.string().meta({ description: 'minLng,minLat,maxLng,maxLat (WGS-84), at most 1° each way', example: '104.70,31.43,104.78,31.49' }),
      }),
    },
    responses: {
      200: { description: 'FeatureCollection of grids', content: { 'application/geo+json': { schema: GridCollection } } },
      400: errorResponse('invalid_query: bbox malformed, out of range or inverted; bbox_too_large'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/locate',
    summary: 'What lies at a point: areas, grid, branch, leader, nearest service center',
    request: { query: z.object({ lng: number('longitude, WGS-84', 104.74), lat: number('latitude, WGS-84', 31.46) }) },
    responses: {
      200: { description: 'The location', content: { 'application/json': { schema: LocateResult } } },
      400: errorResponse('invalid_query: lng/lat missing, not numbers or out of range'),
      404: errorResponse('outside_territory: no community or village contains the point'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tiles/{layer}/{z}/{x}/{y}.mvt',
    summary: 'Basemap vector tile (Mapbox Vector Tile) built by PostGIS ST_AsMVT',
    request: {
      params: z.object({
        layer: z.enum(basemapLayers),
        z: z.number().int().min(0).max(22),
        x: z.number().int().min(0),
        y: z.number().int().min(0),
      }),
    },
    responses: {
      200: { description: 'MVT bytes (empty when the tile holds nothing)', content: { 'application/vnd.mapbox-vector-tile': { schema: z.string().meta({ format: 'binary' }) } } },
      400: errorResponse('invalid_path: unknown layer or tile outside the zoom level'),
    },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'RedGrid API',
      version: '1',
      description: '红网格 — spatial API for grid-based Party building. Errors answer { "error": { "code", "message" } }.',
    },
  });
}
