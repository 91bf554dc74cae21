import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AreaCollection, AreasQuery } from '../contract/areas.ts';
import { AuditPage, AuditQuery } from '../contract/audit.ts';
import { SessionInfo, SignInBody } from '../contract/auth.ts';
import { DensityCells, DensityQuery, MemberDetail, MemberList, MembersQuery } from '../contract/members.ts';
import { CaseList, CaseView, CreateCaseBody } from '../contract/cases.ts';
import { AddMemberBody, DispatchView, MemberAlertView, NearbyQuery, NearbyResult, StartDispatchBody } from '../contract/dispatch.ts';
import { CreatedWallToken, CreateUserBody, CreateWallTokenBody, UserView, WallTokenView } from '../contract/users.ts';
import { ErrorBody } from '../contract/error.ts';
import { GridCollection } from '../contract/grids.ts';
import { LocateResult } from '../contract/locate.ts';
import { CaseFeed, FeedQuery, StatsQuery, StatsSummary } from '../contract/stats.ts';
import { tileLayers } from '../contract/tiles.ts';

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
    summary: 'Vector tile (Mapbox Vector Tile) built by PostGIS ST_AsMVT: basemap, organizations, places, cases, member density (cells under 5 left out), blind spots, service reach. ETag from the data version; If-None-Match answers 304',
    request: {
      params: z.object({
        layer: z.enum(tileLayers),
        z: z.number().int().min(0).max(22),
        x: z.number().int().min(0),
        y: z.number().int().min(0),
      }),
    },
    responses: {
      200: { description: 'MVT bytes (empty when the tile holds nothing)', content: { 'application/vnd.mapbox-vector-tile': { schema: z.string().meta({ format: 'binary' }) } } },
      304: { description: 'Not modified: the If-None-Match ETag is current' },
      400: errorResponse('invalid_path: unknown layer or tile outside the zoom level'),
    },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/stats/summary', summary: 'Key figures of an area in scope and of each of its child areas (wall display, dashboards)',
    request: { query: StatsQuery },
    responses: { 200: { description: 'Figures', content: { 'application/json': { schema: StatsSummary } } }, 400: errorResponse('invalid_query'), 404: errorResponse('not_found: the area is not in scope') },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/cases/feed', summary: 'The newest cases in scope, for the wall\'s live feed (no people)',
    request: { query: FeedQuery },
    responses: { 200: { description: 'Cases', content: { 'application/json': { schema: CaseFeed } } }, 400: errorResponse('invalid_query') },
  });
  registerAccessPaths(registry);
  registerDispatchPaths(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'RedGrid API',
      version: '1',
      description:
        '红网格 — spatial API for grid-based Party building. Errors answer { "error": { "code", "message" } }. ' +
        'Malformed input answers 400 before it reaches the database: invalid_path (including percent-encoding that does not decode), ' +
        'invalid_query (numbers in decimal digits only; dates in 2000–2100, offsets within ±14:00), invalid_body (text without control ' +
        'characters or lone surrogates), invalid_json, invalid_encoding; also 413 payload_too_large, 415 unsupported_encoding and ' +
        'unsupported_charset. Answers carrying personal data are Cache-Control: no-store. ' +
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
    method: 'get', path: '/api/v1/members/density', summary: 'Member counts in whole cells of the tiles\' lattice (level 6–14); published counts (0 or ≥ 5, not differenceable) unless the caller may list members',
    request: { query: queryText(DensityQuery.omit({ cell: true }).shape) }, responses: { 200: json(DensityCells, 'Cells'), 400: errorResponse('invalid_query, bbox_too_large'), ...denied },
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

const caseParam = z.object({ id: z.number().int().min(1) });

/** Cases, nearby members, dispatches, the member's link and the live stream. */
function registerDispatchPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'post', path: '/api/v1/cases', summary: 'Register a case at a point; located automatically (dispatcher, admin)',
    request: {
      headers: z.object({ 'Idempotency-Key': z.string().meta({ description: 'required; the same key never creates two cases' }) }),
      body: { content: { 'application/json': { schema: CreateCaseBody } } },
    },
    responses: {
      201: json(CaseView, 'Created'), 200: json(CaseView, 'The case this key created before (Idempotent-Replayed: true)'),
      400: errorResponse('invalid_body, missing_idempotency_key'), 404: errorResponse('outside_territory'),
      422: errorResponse('idempotency_key_reused: the key was used for another request'), ...denied,
    },
  });
  registry.registerPath({ method: 'get', path: '/api/v1/cases', summary: 'Cases in scope', request: { query: z.object({ status: z.enum(['open', 'closed', 'all']).optional() }) }, responses: { 200: json(CaseList, 'Cases'), ...denied } });
  registry.registerPath({ method: 'get', path: '/api/v1/cases/{id}', summary: 'A case with its timeline', request: { params: caseParam }, responses: { 200: json(CaseView, 'The case'), 404: errorResponse('not_found'), ...denied } });
  registry.registerPath({ method: 'post', path: '/api/v1/cases/{id}/close', summary: 'Close a case (and its dispatch)', request: { params: caseParam }, responses: { 200: json(CaseView, 'Closed'), 404: errorResponse('not_found'), ...denied } });
  registry.registerPath({
    method: 'post', path: '/api/v1/cases/{id}/dispatch', summary: 'Alert the nearest available members in waves',
    request: { params: caseParam, body: { content: { 'application/json': { schema: StartDispatchBody } } } },
    responses: { 201: json(DispatchView, 'The dispatch with its first wave'), 400: errorResponse('invalid_body'), 404: errorResponse('not_found'), 409: errorResponse('conflict: an active dispatch exists, or the case is closed'), ...denied },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/members/nearby', summary: 'Nearest members within a radius by geodesic distance; exact positions for dispatchers (audited)',
    request: { query: queryText(NearbyQuery.shape) }, responses: { 200: json(NearbyResult, 'Members, nearest first'), 400: errorResponse('invalid_query'), ...denied },
  });
  registry.registerPath({ method: 'get', path: '/api/v1/dispatches/{id}', summary: 'A dispatch: waves and each member\'s state (exact positions, audited)', request: { params: caseParam }, responses: { 200: json(DispatchView, 'The dispatch'), 404: errorResponse('not_found'), ...denied } });
  registry.registerPath({ method: 'post', path: '/api/v1/dispatches/{id}/members', summary: 'Alert a member by hand', request: { params: caseParam, body: { content: { 'application/json': { schema: AddMemberBody } } } }, responses: { 201: json(DispatchView, 'Updated'), 404: errorResponse('not_found'), 409: errorResponse('conflict'), ...denied } });
  registry.registerPath({ method: 'delete', path: '/api/v1/dispatches/{id}/members/{memberId}', summary: 'Recall a member', request: { params: caseParam.extend({ memberId: z.number().int() }) }, responses: { 200: json(DispatchView, 'Updated'), 404: errorResponse('not_found'), ...denied } });
  registry.registerPath({ method: 'post', path: '/api/v1/dispatches/{id}/close', summary: 'Close a dispatch; open alerts are cancelled', request: { params: caseParam }, responses: { 200: json(DispatchView, 'Closed'), 404: errorResponse('not_found'), ...denied } });
  registry.registerPath({ method: 'get', path: '/api/v1/live', summary: 'Server-sent events: case and dispatch ids and data version bumps (never member data); Last-Event-ID replays missed case and dispatch events', responses: { 200: { description: 'text/event-stream of LiveEvent JSON' }, ...denied } });
  registry.registerPath({ method: 'get', path: '/api/m/{token}', summary: 'The member\'s alert, by the signed link sent to them (no session)', request: { params: z.object({ token: z.string() }) }, responses: { 200: json(MemberAlertView, 'The alert'), 404: errorResponse('not_found: not a valid link'), 410: errorResponse('link_expired') } });
  registry.registerPath({ method: 'post', path: '/api/m/{token}/{answer}', summary: 'The member accepts, declines or reports arrival', request: { params: z.object({ token: z.string(), answer: z.enum(['accept', 'decline', 'arrived']) }) }, responses: { 200: json(MemberAlertView, 'Updated'), 404: errorResponse('not_found'), 409: errorResponse('answer_not_allowed'), 410: errorResponse('link_expired') } });
}
