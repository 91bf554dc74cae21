import type { DispatchView, MemberLinkView, NearbyResult, StartDispatchInput } from './contract.ts';
import { getJson, request } from './http.ts';
import type { LngLatTuple } from './locate.api.ts';

export interface NearbyFilter {
  /** Meters around the point. */
  radius: number;
  /** Skill identifiers every member must have; none means any member. */
  skills: readonly string[];
  limit: number;
}

/**
 * `GET /api/v1/members/nearby`: available members nearest first, with exact positions for
 * dispatchers (each such read is audited by the server).
 */
export function fetchNearby([lng, lat]: LngLatTuple, filter: NearbyFilter, signal?: AbortSignal): Promise<NearbyResult> {
  const query = new URLSearchParams({
    lng: lng.toFixed(6),
    lat: lat.toFixed(6),
    radius: String(filter.radius),
    limit: String(filter.limit),
    available: 'true',
  });
  if (filter.skills.length > 0) query.set('skills', filter.skills.join(','));
  return getJson<NearbyResult>(`/api/v1/members/nearby?${query.toString()}`, signal);
}

/**
 * `POST /api/v1/cases/{id}/dispatch` (发起调度): alerts the first wave of nearby members. Only the
 * new dispatch's id is relied on; the console reads the dispatch itself with `fetchDispatch`.
 */
export function startDispatch(caseId: number, body: StartDispatchInput): Promise<Pick<DispatchView, 'id'>> {
  return request<Pick<DispatchView, 'id'>>(`/api/v1/cases/${caseId}/dispatch`, { method: 'POST', body });
}

export function fetchDispatch(id: number, signal?: AbortSignal): Promise<DispatchView> {
  return getJson<DispatchView>(`/api/v1/dispatches/${id}`, signal);
}

/** 加派: alert one more member by hand. */
export function addDispatchMember(dispatchId: number, memberId: number): Promise<unknown> {
  return request<unknown>(`/api/v1/dispatches/${dispatchId}/members`, { method: 'POST', body: { member_id: memberId } });
}

/** 召回: take one member off the dispatch. */
export function recallDispatchMember(dispatchId: number, memberId: number): Promise<unknown> {
  return request<unknown>(`/api/v1/dispatches/${dispatchId}/members/${memberId}`, { method: 'DELETE' });
}

/** 结束调度: no more waves; members still alerted are told it is over. */
export function closeDispatch(dispatchId: number): Promise<unknown> {
  return request<unknown>(`/api/v1/dispatches/${dispatchId}/close`, { method: 'POST' });
}

/**
 * A member's signed link, shown to the dispatcher only in an exercise (演练, no SMS gateway); each
 * read is audited by the server.
 */
export function fetchMemberLink(dispatchId: number, memberId: number): Promise<MemberLinkView> {
  return getJson<MemberLinkView>(`/api/v1/dispatches/${dispatchId}/members/${memberId}/link`);
}
