import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  CoverNewOrgBody,
  CreateNewOrgBody,
  NewOrgList,
  NewOrgRates,
  NewOrgRecord,
  NewOrgRule,
  NewOrgRuleView,
  NewOrgsQuery,
  RatesQuery,
  TargetBody,
  TownTarget,
  TrackingList,
  TrackingQuery,
  UncoverNewOrgBody,
  UpdateNewOrgBody,
} from '../contract/new-orgs.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

const rule =
  'Status under the rule (threshold = own_branch_min_members, default 3): as_rule — own_branch with members ≥ threshold, or joint_branch/instructor ' +
  'with members < threshold; otherwise — covered any other way; members_no_org — uncovered with at least 1 member; no_members — uncovered with none.';
const rates =
  'total = every organization of the kind in the area (in your scope), uncovered ones without members included; formed = own_branch or joint_branch; ' +
  'covered = any coverage mode (instructor included); formation_rate (组建率) = formed / total, coverage_rate (覆盖率) = covered / total, null when total is 0.';

export const tag: ApiTag = {
  name: 'new-orgs',
  description:
    '两新组织覆盖: non-public enterprises and social organizations with staff and member counts, how they are covered (own branch, joint branch, ' +
    `Party-building instructor) and their status under the rule. ${rule} Formation and coverage rates by area: ${rates} ` +
    'Uncovered ones are tracked (挂号) until covered (销号); an open entry is overdue once its town’s target day has passed (China Standard Time).',
};

const newOrgRecord = named(NewOrgRecord, 'NewOrgRecord');
const notFound = errorResponse('not_found: no such new-type organization in your scope');
const townParam = z.object({ town: z.string().meta({ description: "a town's 12-digit code", example: '510703001000' }) });

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/new-orgs',
    operationId: 'listNewOrgs',
    security: security.session,
    summary:
      'New-type organizations in scope with status, covering organization and open tracking entry; filters: kind, area (subtree), status, ' +
      'q (name contains, or an 18-character credit code exactly), overdue (admin, planner, dispatcher, secretary)',
    description: rule,
    request: { query: queryText(NewOrgsQuery.shape) },
    responses: { 200: json(named(NewOrgList, 'NewOrgList'), 'A page of new-type organizations'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/new-orgs/rates',
    operationId: 'getNewOrgRates',
    security: security.session,
    summary:
      'Formation (组建率) and coverage (覆盖率) rates of enterprises and social organizations per child area — a county’s towns, a town’s communities and villages, ' +
      'a community itself — with the totals; area defaults to your widest grant (admin, planner, dispatcher, secretary)',
    description: rates,
    request: { query: queryText(RatesQuery.shape) },
    responses: {
      200: json(named(NewOrgRates, 'NewOrgRates'), 'The rates'),
      400: errorResponse('invalid_query'),
      404: errorResponse('not_found: no such area in your scope'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/new-orgs/tracking',
    operationId: 'listNewOrgTracking',
    security: security.session,
    summary:
      'The tracking ledger (挂号销号) in scope: open entries by default (state=closed|all), each with its town’s target day and whether it is overdue; ' +
      'filters: area, kind, overdue (admin, planner, dispatcher, secretary)',
    request: { query: queryText(TrackingQuery.shape) },
    responses: { 200: json(named(TrackingList, 'NewOrgTrackingList'), 'A page of tracking entries'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'put',
    path: '/api/v1/new-orgs/targets/{town}',
    operationId: 'putNewOrgTownTarget',
    security: security.write,
    summary: 'Set the day a town in scope means to have its uncovered organizations covered; null clears it (admin, secretary over the town)',
    request: { params: townParam, body: jsonBody(named(TargetBody, 'NewOrgTargetBody')) },
    responses: {
      200: json(named(TownTarget, 'NewOrgTownTarget'), 'The town’s target day'),
      400: errorResponse('invalid_path, invalid_body'),
      404: errorResponse('not_found: no such town in your scope'),
      ...denied,
    },
  });
  const ruleView = named(NewOrgRuleView, 'NewOrgRuleView');
  operation({
    method: 'get',
    path: '/api/v1/new-orgs/rule',
    operationId: 'getNewOrgRule',
    security: security.session,
    summary:
      'The coverage rule: at least own_branch_min_members members → own branch; fewer → joint branch or instructor (admin, planner, dispatcher, secretary)',
    responses: { 200: json(ruleView, 'The rule'), ...denied },
  });
  operation({
    method: 'put',
    path: '/api/v1/new-orgs/rule',
    operationId: 'putNewOrgRule',
    security: security.write,
    summary: 'Change the coverage rule; every organization’s status follows at once (admin)',
    request: { body: jsonBody(named(NewOrgRule, 'NewOrgRule')) },
    responses: { 200: json(ruleView, 'The rule as it is now'), 400: errorResponse('invalid_body'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/new-orgs/{id}',
    operationId: 'getNewOrg',
    security: security.session,
    summary: 'One new-type organization with its covering organization, tracking entries and history (admin, planner, dispatcher, secretary)',
    request: { params: idParam },
    responses: { 200: json(newOrgRecord, 'The organization'), 400: errorResponse('invalid_path'), 404: notFound, ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/new-orgs',
    operationId: 'createNewOrg',
    security: security.write,
    summary: 'Register a new-type organization in a community or village in scope; it starts uncovered and is tracked (挂号) at once (admin, secretary)',
    request: { body: jsonBody(named(CreateNewOrgBody, 'CreateNewOrgBody')) },
    responses: {
      201: json(newOrgRecord, 'Created'),
      400: errorResponse('invalid_body: e.g. more members than staff, an area that is not a community or village'),
      404: errorResponse('not_found: the area is not in your scope'),
      422: errorResponse('outside_area: the position lies outside the area'),
      ...denied,
    },
  });
  operation({
    method: 'patch',
    path: '/api/v1/new-orgs/{id}',
    operationId: 'updateNewOrg',
    security: security.write,
    summary: 'Edit a new-type organization: name, credit code, staff and member counts, position, registration day; its status follows (admin, secretary)',
    request: { params: idParam, body: jsonBody(named(UpdateNewOrgBody, 'UpdateNewOrgBody')) },
    responses: {
      200: json(newOrgRecord, 'The organization as it is now'),
      400: errorResponse('invalid_path, invalid_body (more members than staff)'),
      404: notFound,
      422: errorResponse('outside_area: the new position lies outside its area'),
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/new-orgs/{id}/cover',
    operationId: 'coverNewOrg',
    security: security.write,
    summary:
      'Cover a new-type organization (销号): own or joint branch by an open organization in scope, or an instructor, on a day; its open tracking entry closes, ' +
      'naming who closed it. A covered one changes its mode (admin, secretary)',
    request: { params: idParam, body: jsonBody(named(CoverNewOrgBody, 'CoverNewOrgBody')) },
    responses: {
      200: json(newOrgRecord, 'The organization, covered'),
      400: errorResponse('invalid_path, invalid_body (no covering organization or instructor, a day to come)'),
      404: errorResponse('not_found: the new-type organization or the covering organization is not in your scope'),
      409: errorResponse('org_closed: the covering organization is closed'),
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/new-orgs/{id}/uncover',
    operationId: 'uncoverNewOrg',
    security: security.write,
    summary: 'A covered organization lost its coverage on a day, for a reason: uncovered and tracked again (挂号) (admin, secretary)',
    request: { params: idParam, body: jsonBody(named(UncoverNewOrgBody, 'UncoverNewOrgBody')) },
    responses: {
      200: json(newOrgRecord, 'The organization, uncovered'),
      400: errorResponse('invalid_path, invalid_body (no reason, a day to come or before it was covered)'),
      404: notFound,
      409: errorResponse('conflict: it is not covered'),
      ...denied,
    },
  });
}
