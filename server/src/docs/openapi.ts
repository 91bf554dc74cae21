import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AreaCollection, AreasQuery } from '../contract/areas.ts';
import { AuditPage, AuditQuery } from '../contract/audit.ts';
import { SessionInfo, SignInBody } from '../contract/auth.ts';
import { DensityCells, DensityQuery, MemberDetail, MemberList, MembersQuery } from '../contract/members.ts';
import { CreatedWallToken, CreateUserBody, CreateWallTokenBody, UserView, WallTokenView } from '../contract/users.ts';
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
  registerAccessPaths(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'RedGrid API',
      version: '1',
      description:
        '红网格 — spatial API for grid-based Party building. Errors answer { "error": { "code", "message" } }. ' +
        'Every /api/v1 and /tiles request needs a session (cookie rg_session from sign-in, with X-CSRF-Token on writes) ' +
        'or a wall display token (Authorization: Bearer). Rows outside the caller\'s scope answer 404 or are left out.',
    },
  });
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const denied = {
  401: errorResponse('unauthenticated: no session or token'),
  403: errorResponse('forbidden: the role does not allow this; csrf_failed on a write without X-CSRF-Token'),
};
const idParam = z.object({ id: z.number().int().min(1) });
const queryText = <T extends z.ZodRawShape>(shape: T) => z.object(Object.fromEntries(Object.keys(shape).map((k) => [k, z.string().optional()])));

/** Sign-in, members, audit, users and wall tokens. */
function registerAccessPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'post', path: '/api/v1/auth/sign-in', summary: 'Sign in; sets the rg_session cookie',
    request: { body: { content: { 'application/json': { schema: SignInBody } } } },
    responses: {
      200: json(SessionInfo, 'The user, their grants and the CSRF token for writes'),
      400: errorResponse('invalid_body'), 401: errorResponse('invalid_credentials'),
      429: errorResponse('too_many_attempts: the account is locked for Retry-After seconds, or the address sent too many'),
    },
  });
  registry.registerPath({ method: 'get', path: '/api/v1/auth/me', summary: 'The signed-in user', responses: { 200: json(SessionInfo, 'The session'), 401: errorResponse('unauthenticated') } });
  registry.registerPath({ method: 'post', path: '/api/v1/auth/sign-out', summary: 'End the session', responses: { 204: { description: 'Signed out' }, ...denied } });
  registry.registerPath({
    method: 'get', path: '/api/v1/members', summary: 'Members of organizations in scope, positions generalized to ~100 m (admin, secretary, dispatcher)',
    request: { query: queryText(MembersQuery.shape) }, responses: { 200: json(MemberList, 'A page of members'), 400: errorResponse('invalid_query'), ...denied },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/members/{id}', summary: 'One member; exact position and phone for admin and secretary, audited',
    request: { params: idParam }, responses: { 200: json(MemberDetail, 'The member'), 404: errorResponse('not_found: no such member in scope'), ...denied },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/members/density', summary: 'Member counts in square cells; cells under 5 suppressed for wall displays',
    request: { query: queryText(DensityQuery.shape) }, responses: { 200: json(DensityCells, 'Cells'), 400: errorResponse('invalid_query, bbox_too_large'), ...denied },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/audit', summary: 'The audit log, newest first (admin)',
    request: { query: queryText(AuditQuery.shape) }, responses: { 200: json(AuditPage, 'A page of entries'), 400: errorResponse('invalid_query'), ...denied },
  });
  registry.registerPath({ method: 'get', path: '/api/v1/users', summary: 'Users with a grant in scope (admin)', responses: { 200: json(z.object({ users: z.array(UserView) }), 'Users'), ...denied } });
  registry.registerPath({
    method: 'post', path: '/api/v1/users', summary: 'Create a user with one role over an area in scope (admin)',
    request: { body: { content: { 'application/json': { schema: CreateUserBody } } } },
    responses: { 201: json(UserView, 'Created'), 400: errorResponse('invalid_body'), 404: errorResponse('not_found: area outside scope'), 409: errorResponse('conflict: username taken'), ...denied },
  });
  registry.registerPath({ method: 'get', path: '/api/v1/wall-tokens', summary: 'Wall display tokens in scope (admin)', responses: { 200: json(z.object({ tokens: z.array(WallTokenView) }), 'Tokens'), ...denied } });
  registry.registerPath({
    method: 'post', path: '/api/v1/wall-tokens', summary: 'Create a wall display token; the token is shown only in this answer (admin)',
    request: { body: { content: { 'application/json': { schema: CreateWallTokenBody } } } },
    responses: { 201: json(CreatedWallToken, 'Created'), 400: errorResponse('invalid_body'), 404: errorResponse('not_found: area outside scope'), ...denied },
  });
  registry.registerPath({
    method: 'delete', path: '/api/v1/wall-tokens/{id}', summary: 'Revoke a wall display token (admin)',
    request: { params: idParam }, responses: { 200: json(WallTokenView, 'Revoked'), 404: errorResponse('not_found'), ...denied },
  });
}
