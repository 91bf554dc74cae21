import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  CreateMemberBody,
  CreditPointsBody,
  DensityCells,
  DensityQuery,
  LeaveBody,
  MemberDetail,
  MemberList,
  MembersQuery,
  MobileBody,
  MobileEndBody,
  PointsLedger,
  RegistrationBody,
  RegistrationEndBody,
  RegistryRules,
  StarReview,
  StarReviewBody,
  TransferBody,
  UpdateMemberBody,
} from '../contract/members.ts';
import { NearbyQuery, NearbyResult } from '../contract/dispatch.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'members',
  description:
    'Party members: lists with generalized positions, one member in detail (audited), density cells, the nearest members; ' +
    'the registry kept current (create, edit, transfer, registration, mobile, leaving), the points ledger, the yearly star review and its rules.',
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
    summary:
      'Members of organizations in scope, positions generalized to ~100 m (admin, secretary, dispatcher); filters: q (name contains), org, grid (home in its current outline), ' +
      'community (of registration), mobile, in_service, available, skills (all of), stars (any of), status (current by default, left, all), bbox',
    request: { query: queryText(MembersQuery.shape) },
    responses: { 200: json(memberList, 'A page of members'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/members/{id}',
    operationId: 'getMember',
    security: security.session,
    summary: 'One member with registration, mobile place, leaving and history; exact position and phone for admin and secretary, audited',
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

  /** A movement: the member's record as it is now, or why not (`notFound`, `conflict`: the codes that may answer). */
  const write = (path: string, operationId: string, summary: string, body: z.ZodType, notFound: string, conflict: string) =>
    operation({
      method: 'post',
      path,
      operationId,
      security: security.write,
      summary,
      request: { params: idParam, body: jsonBody(body) },
      responses: {
        200: json(memberDetail, 'The member as they are now (exact position and phone, audited as member.read_exact)'),
        400: errorResponse('invalid_path, invalid_body'),
        404: errorResponse(`not_found: no such member in your scope${notFound}`),
        409: errorResponse(conflict),
        ...denied,
      },
    });
  operation({
    method: 'post',
    path: '/api/v1/members',
    operationId: 'createMember',
    security: security.write,
    summary: 'A new member of an open organization in scope, home in its county (admin, secretary); history "created"',
    request: { body: jsonBody(named(CreateMemberBody, 'CreateMemberBody')) },
    responses: {
      201: json(memberDetail, 'The member (exact, audited as member.read_exact)'),
      400: errorResponse('invalid_body'),
      404: errorResponse('not_found: no open organization in your scope'),
      422: errorResponse('outside_territory: the home lies outside the county'),
      ...denied,
    },
  });
  operation({
    method: 'patch',
    path: '/api/v1/members/{id}',
    operationId: 'updateMember',
    security: security.write,
    summary: 'Change what the body names; only fields that differ are written, with history "edited" naming them (admin, secretary)',
    request: { params: idParam, body: jsonBody(named(UpdateMemberBody, 'UpdateMemberBody')) },
    responses: {
      200: json(memberDetail, 'The member as they are now (exact, audited as member.read_exact)'),
      400: errorResponse('invalid_path, invalid_body'),
      404: errorResponse('not_found: no such member in your scope'),
      409: errorResponse('member_left'),
      422: errorResponse('outside_territory: the home lies outside the county'),
      ...denied,
    },
  });
  write(
    '/api/v1/members/{id}/transfer',
    'transferMember',
    '转接: to another open organization in scope; history "transferred" with both organizations (admin, secretary)',
    named(TransferBody, 'TransferBody'),
    ', or no open organization in your scope (nothing written)',
    'member_left, conflict (already a member there)',
  );
  write(
    '/api/v1/members/{id}/registration',
    'registerMember',
    '双报到: registered with a residential community or village; history "registered" (admin, secretary)',
    named(RegistrationBody, 'RegistrationBody'),
    ', or no such community or village',
    'member_left, conflict (already registered there)',
  );
  write(
    '/api/v1/members/{id}/registration/end',
    'endMemberRegistration',
    'The registration ended; history "registration_ended" (admin, secretary)',
    named(RegistrationEndBody, 'RegistrationEndBody'),
    '',
    'member_left, not_registered',
  );
  write(
    '/api/v1/members/{id}/mobile',
    'markMemberMobile',
    '流动党员: where the member now is (an area or words) and since when; history "mobile" (admin, secretary)',
    named(MobileBody, 'MobileBody'),
    ', or no such area',
    'member_left',
  );
  write(
    '/api/v1/members/{id}/mobile/end',
    'endMemberMobile',
    'No longer mobile; history "mobile_ended" (admin, secretary)',
    named(MobileEndBody, 'MobileEndBody'),
    '',
    'member_left, not_mobile',
  );
  write(
    '/api/v1/members/{id}/leave',
    'leaveMember',
    'Leaving: kept in the history, out of the default list, dispatch and figures; history "left" (admin, secretary)',
    named(LeaveBody, 'LeaveBody'),
    '',
    'member_left (already left)',
  );
  const ledger = named(PointsLedger, 'PointsLedger');
  operation({
    method: 'get',
    path: '/api/v1/members/{id}/points',
    operationId: 'getMemberPoints',
    security: security.session,
    summary: 'The points ledger, newest first; the balance is the sum of the entries (admin, secretary, dispatcher)',
    request: { params: idParam },
    responses: { 200: json(ledger, 'The ledger'), 400: errorResponse('invalid_path'), 404: errorResponse('not_found: no such member in scope'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/members/{id}/points',
    operationId: 'creditMemberPoints',
    security: security.write,
    summary: 'One ledger entry: activity, service, wish (points from the rule unless given) or an adjustment (points and note) (admin, secretary)',
    request: { params: idParam, body: jsonBody(named(CreditPointsBody, 'CreditPointsBody')) },
    responses: {
      201: json(ledger, 'The ledger with the new entry'),
      400: errorResponse('invalid_path, invalid_body'),
      404: errorResponse('not_found: no such member in your scope'),
      409: errorResponse('member_left'),
      422: errorResponse('balance_below_zero'),
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/members/star-review',
    operationId: 'reviewMemberStars',
    security: security.write,
    summary:
      '评星: stars for the points each current member in scope earned in the year (opening balances left out), by the star rule; apply=false previews and writes nothing (admin, secretary)',
    request: { body: jsonBody(named(StarReviewBody, 'StarReviewBody')) },
    responses: {
      200: json(named(StarReview, 'StarReview'), 'The review: members reviewed and those whose stars change'),
      400: errorResponse('invalid_body'),
      ...denied,
    },
  });
  const rules = named(RegistryRules, 'RegistryRules');
  operation({
    method: 'get',
    path: '/api/v1/registry/rules',
    operationId: 'getRegistryRules',
    security: security.session,
    summary: 'The points each kind of entry is worth and the yearly star rule (admin, secretary)',
    responses: { 200: json(rules, 'The rules'), ...denied },
  });
  operation({
    method: 'put',
    path: '/api/v1/registry/rules',
    operationId: 'putRegistryRules',
    security: security.write,
    summary: 'Replace the points rule and the star rule (admin)',
    request: { body: jsonBody(rules) },
    responses: { 200: json(rules, 'The rules as they are now'), 400: errorResponse('invalid_body'), ...denied },
  });
}
