import type { z } from 'zod';
import type { PlanEdit, PlanList, PlanSummary, PlanView } from '../../../server/src/contract/plans.ts';
import { fetchMe } from './auth.api.ts';
import { ApiError, networkErrorCode, request } from './http.ts';

export type { PlanEdit, PlanSummary, PlanView };
export type PlanEditInput = z.input<typeof PlanEdit>;
export type PlanGridFeature = PlanView['grids']['features'][number];
export type CompoundFeature = PlanView['compounds']['features'][number];
export type PlanValidationItem = PlanView['validation'][number];
export type PlanImpactMove = PlanView['impact']['moves'][number];
export type PlanImpactTotal = PlanView['impact']['totals'][number];
export type PlanListAnswer = z.infer<typeof PlanList>;

/** A plan as the server last answered it, with that answer's ETag: the `If-Match` of the next write. */
export interface PlanState {
  view: PlanView;
  etag: string;
}

/** The CSRF token of this session, asked of `/api/v1/auth/me` once (http.ts keeps its own copy private). */
let csrfToken: Promise<string> | null = null;
function csrf(): Promise<string> {
  csrfToken ??= fetchMe().then(
    (me) => me.csrf_token,
    (error: unknown) => {
      csrfToken = null;
      throw error;
    },
  );
  return csrfToken;
}

function apiErrorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      const { code, message } = error;
      if (typeof code === 'string' && typeof message === 'string') return new ApiError(status, code, message);
    }
  }
  return new ApiError(status, 'http_error', `HTTP ${status}`);
}

/** A plan call whose answer carries an ETag; writes send `If-Match` and `X-CSRF-Token`. */
async function planCall(path: string, method: 'GET' | 'POST', body?: unknown, ifMatch?: string, signal?: AbortSignal): Promise<PlanState> {
  const headers = new Headers({ accept: 'application/json' });
  if (method === 'POST') {
    headers.set('content-type', 'application/json');
    headers.set('X-CSRF-Token', await csrf());
  }
  if (ifMatch !== undefined) headers.set('If-Match', ifMatch);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(body ?? {}) : null,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, networkErrorCode, error instanceof Error ? error.message : String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorOf(response.status, json);
  return { view: json as PlanView, etag: response.headers.get('etag') ?? '' };
}

/** `GET /api/v1/plans?community=…`: the community's plans, newest first. */
export function fetchPlans(community: string, signal?: AbortSignal): Promise<PlanListAnswer> {
  return request<PlanListAnswer>(`/api/v1/plans?community=${encodeURIComponent(community)}`, { signal });
}

/** `POST /api/v1/plans`: a draft on the community's current grids (201). */
export function createPlan(communityCode: string, title: string): Promise<PlanState> {
  return planCall('/api/v1/plans', 'POST', { community_code: communityCode, title });
}

/** `GET /api/v1/plans/{id}`: the plan, its validation and impact, and its ETag. */
export function fetchPlan(id: number, signal?: AbortSignal): Promise<PlanState> {
  return planCall(`/api/v1/plans/${id}`, 'GET', undefined, undefined, signal);
}

/** `POST /api/v1/plans/{id}/edits`: one edit on the revision `state` names (409 when stale, 422 when refused). */
export function editPlan(state: PlanState, edit: PlanEditInput): Promise<PlanState> {
  return planCall(`/api/v1/plans/${state.view.id}/edits`, 'POST', edit, state.etag);
}

export type PlanStep = 'undo' | 'redo';

/** `POST /api/v1/plans/{id}/undo` or `/redo`. */
export function stepPlan(state: PlanState, step: PlanStep): Promise<PlanState> {
  return planCall(`/api/v1/plans/${state.view.id}/${step}`, 'POST', undefined, state.etag);
}

/** `POST /api/v1/plans/{id}/submit`: for review; a plan with warnings needs `warningsReason`. */
export function submitPlan(state: PlanState, warningsReason?: string): Promise<PlanState> {
  return planCall(`/api/v1/plans/${state.view.id}/submit`, 'POST', warningsReason ? { warnings_reason: warningsReason } : {}, state.etag);
}

/** `POST /api/v1/plans/{id}/approve` (admins): takes effect on `effectiveOn` (today or earlier publishes at once). */
export function approvePlan(state: PlanState, effectiveOn: string): Promise<PlanState> {
  return planCall(`/api/v1/plans/${state.view.id}/approve`, 'POST', { effective_on: effectiveOn }, state.etag);
}

/** `POST /api/v1/plans/{id}/reject` (admins), with the reason the planner will read. */
export function rejectPlan(state: PlanState, reason: string): Promise<PlanState> {
  return planCall(`/api/v1/plans/${state.view.id}/reject`, 'POST', { reason }, state.etag);
}
