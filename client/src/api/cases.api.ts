import type { CaseList, CaseView, CreateCaseInput } from './contract.ts';
import { getJson, request } from './http.ts';

/**
 * `POST /api/v1/cases`: register an incident at a point; the server locates it (town, community,
 * grid, branch, grid leader). `idempotencyKey` is one per form submission, reused when retrying it,
 * so a retry after a lost answer never creates a second case.
 */
export function createCase(body: CreateCaseInput, idempotencyKey: string): Promise<CaseView> {
  return request<CaseView>('/api/v1/cases', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}

/** `GET /api/v1/cases?status=open`: the cases not yet closed, in the caller's scope. */
export function fetchOpenCases(signal?: AbortSignal): Promise<CaseList> {
  return getJson<CaseList>('/api/v1/cases?status=open', signal);
}

/** `GET /api/v1/cases/{id}`: one case with its timeline and active dispatch. */
export function fetchCase(id: number, signal?: AbortSignal): Promise<CaseView> {
  return getJson<CaseView>(`/api/v1/cases/${id}`, signal);
}

/** `POST /api/v1/cases/{id}/close` (结案). */
export function closeCase(id: number): Promise<unknown> {
  return request<unknown>(`/api/v1/cases/${id}/close`, { method: 'POST' });
}
