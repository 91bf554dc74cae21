import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ApprovePlanBody, CreatePlanBody, PlanEdit, PlanHistory, PlanList, PlanView, RejectPlanBody, SubmitPlanBody } from '../contract/plans.ts';
import { denied, errorResponse, idParam, json, jsonBody, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'plans',
  description:
    'Grid plans (网格方案): a planner redraws one community’s grids in a draft on a PostGIS topology (split, merge, paint, move a vertex, undo/redo), every edit answered with validation and impact; an admin approves it with an effective date.',
};

const planView = named(PlanView, 'PlanView');
const planList = named(PlanList, 'PlanList');
const planEdit = named(PlanEdit, 'PlanEdit');

const ifMatch = z.object({
  'If-Match': z.string().meta({ description: "the plan's ETag from its last answer; a stale one answers 409 revision_mismatch", example: '"plan-1-r3"' }),
});
const writeErrors = {
  404: errorResponse('not_found: no such plan in your scope'),
  409: errorResponse('revision_mismatch: the plan changed since your ETag; plan_not_editable: not in the status this needs'),
  428: errorResponse('precondition_required: If-Match is missing'),
};

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/plans',
    operationId: 'listPlans',
    security: security.session,
    summary: "A community's plans, newest first (planner, admin)",
    request: { query: z.object({ community: z.string().meta({ description: '12-digit community or village code', example: '510703003005' }) }) },
    responses: { 200: json(planList, 'Plans'), 400: errorResponse('invalid_query'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/plans',
    operationId: 'createPlan',
    security: security.write,
    summary: "Open a draft on a community's current grids (planner, admin)",
    request: { body: jsonBody(named(CreatePlanBody, 'CreatePlanBody')) },
    responses: {
      201: json(planView, 'The draft, with its ETag'),
      400: errorResponse('invalid_body'),
      404: errorResponse('not_found: no such community or village in your scope'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/plans/{id}',
    operationId: 'getPlan',
    security: security.session,
    summary: 'A plan: its grids as they stand, validation and impact; ETag for the next write',
    request: { params: idParam },
    responses: { 200: json(planView, 'The plan'), 400: errorResponse('invalid_path'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'get',
    path: '/api/v1/plans/{id}/history',
    operationId: 'getPlanHistory',
    security: security.session,
    summary: 'Every edit of a plan: who, when, what, and whether undone or discarded',
    request: { params: idParam },
    responses: { 200: json(named(PlanHistory, 'PlanHistory'), 'The edits'), 400: errorResponse('invalid_path'), 404: errorResponse('not_found'), ...denied },
  });
  operation({
    method: 'post',
    path: '/api/v1/plans/{id}/edits',
    operationId: 'editPlan',
    security: security.write,
    summary: 'Make one edit on a draft; answers the plan with validation and impact',
    request: { params: idParam, headers: ifMatch, body: jsonBody(planEdit) },
    responses: {
      200: json(planView, 'The plan after the edit, with its new ETag'),
      400: errorResponse('invalid_body, invalid_path'),
      422: errorResponse(
        'edit_refused: the line does not cross the grid once, a redrawn line does not start and end on the shared boundary or does not divide the two grids in two, the grids are not adjacent, nothing to paint, the vertex cannot move there',
      ),
      ...writeErrors,
      ...denied,
    },
  });
  for (const [direction, summary] of [
    ['undo', 'Take back the latest edit in effect'],
    ['redo', 'Bring back the earliest undone edit (until a new edit discards it)'],
  ] as const) {
    operation({
      method: 'post',
      path: `/api/v1/plans/{id}/${direction}`,
      operationId: `${direction}PlanEdit`,
      security: security.write,
      summary,
      request: { params: idParam, headers: ifMatch },
      responses: { 200: json(planView, 'The plan, with its new ETag'), 400: errorResponse('invalid_path'), ...writeErrors, ...denied },
    });
  }
  operation({
    method: 'post',
    path: '/api/v1/plans/{id}/submit',
    operationId: 'submitPlan',
    security: security.write,
    summary: 'Submit a draft for review: refused while it has errors, or warnings without a reason',
    request: { params: idParam, headers: ifMatch, body: jsonBody(named(SubmitPlanBody, 'SubmitPlanBody')) },
    responses: {
      200: json(planView, 'The submitted plan'),
      400: errorResponse('invalid_body, invalid_path'),
      422: errorResponse('plan_has_errors, warnings_need_reason'),
      ...writeErrors,
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/plans/{id}/approve',
    operationId: 'approvePlan',
    security: security.write,
    summary: 'Approve a submitted plan for a day (admin); today or earlier publishes it at once',
    request: { params: idParam, headers: ifMatch, body: jsonBody(named(ApprovePlanBody, 'ApprovePlanBody')) },
    responses: {
      200: json(planView, 'The approved (or published) plan'),
      400: errorResponse('invalid_body, invalid_path'),
      ...writeErrors,
      ...denied,
    },
  });
  operation({
    method: 'post',
    path: '/api/v1/plans/{id}/reject',
    operationId: 'rejectPlan',
    security: security.write,
    summary: 'Reject a submitted plan with a reason (admin)',
    request: { params: idParam, headers: ifMatch, body: jsonBody(named(RejectPlanBody, 'RejectPlanBody')) },
    responses: { 200: json(planView, 'The rejected plan'), 400: errorResponse('invalid_body, invalid_path'), ...writeErrors, ...denied },
  });
}
