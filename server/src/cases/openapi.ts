import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CaseList, CaseView, CreateCaseBody } from '../contract/cases.ts';
import { DispatchView, StartDispatchBody } from '../contract/dispatch.ts';
import { CaseFeed, FeedQuery } from '../contract/stats.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'cases',
  description: "Cases (事件): registered at a point, located automatically, closed; the wall's case feed; starting a dispatch.",
};

const caseFeed = named(CaseFeed, 'CaseFeed');
const caseList = named(CaseList, 'CaseList');
const caseView = named(CaseView, 'CaseView');
const createCaseBody = named(CreateCaseBody, 'CreateCaseBody');
const dispatchView = named(DispatchView, 'DispatchView');
const startDispatchBody = named(StartDispatchBody, 'StartDispatchBody');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/cases/feed',
    operationId: 'listCaseFeed',
    security: security.sessionOrWall,
    summary: "The newest cases in scope, for the wall's live feed (no people)",
    request: { query: FeedQuery },
    responses: { 200: json(caseFeed, 'Cases'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/cases',
    operationId: 'createCase',
    security: security.write,
    summary: 'Register a case at a point; located automatically (dispatcher, admin)',
    request: {
      headers: z.object({ 'Idempotency-Key': z.string().meta({ description: 'required; the same key never creates two cases' }) }),
      body: jsonBody(createCaseBody),
    },
    responses: {
      201: json(caseView, 'Created'),
      200: json(caseView, 'The case this key created before (Idempotent-Replayed: true)'),
      400: errorResponse('invalid_body, missing_idempotency_key'),
      404: errorResponse('outside_territory'),
      422: errorResponse('idempotency_key_reused: the key was used for another request'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/cases',
    operationId: 'listCases',
    security: security.session,
    summary: 'Cases in scope',
    request: { query: z.object({ status: z.enum(['open', 'closed', 'all']).optional() }) },
    responses: { 200: json(caseList, 'Cases'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/cases/{id}',
    operationId: 'getCase',
    security: security.session,
    summary: 'A case with its timeline',
    request: { params: idParam },
    responses: { 200: json(caseView, 'The case'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/cases/{id}/close',
    operationId: 'closeCase',
    security: security.write,
    summary: 'Close a case (and its dispatch)',
    request: { params: idParam },
    responses: { 200: json(caseView, 'Closed'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/cases/{id}/dispatch',
    operationId: 'startDispatch',
    security: security.write,
    summary: 'Alert the nearest available members in waves',
    request: { params: idParam, body: jsonBody(startDispatchBody) },
    responses: {
      201: json(dispatchView, 'The dispatch with its first wave'),
      400: errorResponse('invalid_body'),
      404: errorResponse('not_found'),
      409: errorResponse('conflict: an active dispatch exists, or the case is closed'),
      ...denied,
    },
  });
}
