import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { DensityCells, DensityQuery, MemberDetail, MemberList, MembersQuery } from '../contract/members.ts';
import { NearbyQuery, NearbyResult } from '../contract/dispatch.ts';
import { denied, errorResponse, idParam, json, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'members',
  description: 'Party members: lists with generalized positions, one member in detail (audited), density cells, the nearest members.',
};

const memberList = named(MemberList, 'MemberList');
const memberDetail = named(MemberDetail, 'MemberDetail');
const densityCells = named(DensityCells, 'DensityCells');
const nearbyResult = named(NearbyResult, 'NearbyResult');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/members',
    operationId: 'listMembers',
    security: security.session,
    summary: 'Members of organizations in scope, positions generalized to ~100 m (admin, secretary, dispatcher)',
    request: { query: queryText(MembersQuery.shape) },
    responses: { 200: json(memberList, 'A page of members'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/members/{id}',
    operationId: 'getMember',
    security: security.session,
    summary: 'One member; exact position and phone for admin and secretary, audited',
    request: { params: idParam },
    responses: { 200: json(memberDetail, 'The member'), 404: errorResponse('not_found: no such member in scope'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/members/density',
    operationId: 'getMemberDensity',
    security: security.sessionOrWall,
    summary:
      "Member counts in whole cells of the tiles' lattice (level 6–14); published counts (0 or ≥ 5, not differenceable) unless the caller may list members",
    request: { query: queryText(DensityQuery.omit({ cell: true }).shape) },
    responses: { 200: json(densityCells, 'Cells'), 400: errorResponse('invalid_query, bbox_too_large'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/members/nearby',
    operationId: 'listNearbyMembers',
    security: security.session,
    summary: 'Nearest members within a radius by geodesic distance; exact positions for dispatchers (audited)',
    request: { query: queryText(NearbyQuery.shape) },
    responses: { 200: json(nearbyResult, 'Members, nearest first'), 400: errorResponse('invalid_query'), ...denied },
  });
}
