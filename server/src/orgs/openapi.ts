import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { CloseOrgBody, CreateOrgBody, MergeOrgBody, MoveOrgBody, OrgList, OrgRecord, OrgsQuery, UpdateOrgBody } from '../contract/orgs.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'orgs',
  description:
    'Party organizations (党组织) kept current by their secretaries: the tree committee → general branch → branch → group, ' +
    'searched, created, edited, moved, merged and closed, each change kept in the record’s history.',
};

const orgList = named(OrgList, 'OrgList');
const orgRecord = named(OrgRecord, 'OrgRecord');
const createOrgBody = named(CreateOrgBody, 'CreateOrgBody');
const updateOrgBody = named(UpdateOrgBody, 'UpdateOrgBody');
const moveOrgBody = named(MoveOrgBody, 'MoveOrgBody');
const mergeOrgBody = named(MergeOrgBody, 'MergeOrgBody');
const closeOrgBody = named(CloseOrgBody, 'CloseOrgBody');

const writeErrors = (more: Record<number, ReturnType<typeof errorResponse>> = {}) => ({
  400: errorResponse('invalid_body, invalid_path'),
  404: errorResponse('not_found: no such organization (or area, parent, target, grid) in your scope'),
  ...more,
  ...denied,
});

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/orgs',
    operationId: 'listOrgs',
    security: security.session,
    summary:
      'Organizations in scope, keyset-paged by id: q (name or secretary), kind, sector, area (subtree), secretary, parent (an id or root), status (default open)',
    request: { query: queryText(OrgsQuery.shape) },
    responses: { 200: json(orgList, 'A page of organizations'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/orgs/{id}',
    operationId: 'getOrg',
    security: security.session,
    summary: 'One organization with its grids, regional groups, pairings and history (open or closed)',
    request: { params: idParam },
    responses: { 200: json(orgRecord, 'The organization'), 400: errorResponse('invalid_path'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/orgs',
    operationId: 'createOrg',
    security: security.write,
    summary: 'Create an organization under an open parent in scope (admin, secretary)',
    request: { body: jsonBody(createOrgBody) },
    responses: {
      201: json(orgRecord, 'Created'),
      ...writeErrors({
        409: errorResponse('org_closed: the parent is closed'),
        422: errorResponse('org_hierarchy: the parent does not rank above the kind; org_grid_refused: a grid for a non-branch or outside the area'),
      }),
    },
  });
  operation({
    method: 'patch',
    path: '/api/v1/orgs/{id}',
    operationId: 'updateOrg',
    security: security.write,
    summary: 'Edit an open organization: name, sector, secretary, founding date, position, grid (branches), area (in scope)',
    request: { params: idParam, body: jsonBody(updateOrgBody) },
    responses: {
      200: json(orgRecord, 'The organization as edited'),
      ...writeErrors({
        409: errorResponse('org_closed'),
        422: errorResponse('org_grid_refused: a grid for a non-branch or outside the area'),
      }),
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/orgs/{id}/move',
    operationId: 'moveOrg',
    security: security.write,
    summary: 'Move an organization under another open parent in scope (never under itself or below itself)',
    request: { params: idParam, body: jsonBody(moveOrgBody) },
    responses: {
      200: json(orgRecord, 'The organization under its new parent'),
      ...writeErrors({
        409: errorResponse('org_closed: the organization or the parent is closed; conflict: already under that parent'),
        422: errorResponse('org_hierarchy: a cycle, or the parent does not rank above the organization'),
      }),
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/orgs/{id}/merge',
    operationId: 'mergeOrg',
    security: security.write,
    summary: 'Merge an organization into another: its current members transfer (each with history), its children move, it closes',
    request: { params: idParam, body: jsonBody(mergeOrgBody) },
    responses: {
      200: json(orgRecord, 'The surviving organization'),
      ...writeErrors({
        409: errorResponse('org_closed: either organization is closed'),
        422: errorResponse('org_hierarchy: into itself, into one below it, or children the target cannot hold'),
      }),
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/orgs/{id}/close',
    operationId: 'closeOrg',
    security: security.write,
    summary: 'Close an organization with a reason; it leaves the map and the figures, not the history',
    request: { params: idParam, body: jsonBody(closeOrgBody) },
    responses: {
      200: json(orgRecord, 'The closed organization'),
      ...writeErrors({ 409: errorResponse('org_not_empty: current members or open children remain; org_closed: already closed') }),
    },
  });
}
