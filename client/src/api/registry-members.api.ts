import type { CreateMemberInput, CreditPointsInput, MemberDetail, MemberList, PointsLedger, UpdateMemberInput } from './contract.ts';
import { getJson, request } from './http.ts';
import { queryString } from './query.ts';

export interface MemberFilter {
  q?: string;
  org?: number;
  grid?: string;
  community?: string;
  mobile?: boolean;
  in_service?: boolean;
  skills?: readonly string[];
  stars?: readonly number[];
  available?: boolean;
  status?: 'current' | 'left' | 'all';
  limit?: number;
  after?: number;
}

export type PointsKind = CreditPointsInput['kind'];

/** The member list's filter as query parameters. */
export const memberQuery = (filter: MemberFilter) => queryString({ ...filter });

/** The list's filters as an export's query parameters: the export holds the whole filtered list, not a page. */
export const memberExportQuery = ({ limit: _limit, after: _after, ...filters }: MemberFilter) => queryString({ ...filters });

/** `GET /api/v1/members?…`: generalized positions, no contacts; keyset-paged. */
export function fetchMembers(filter: MemberFilter, signal?: AbortSignal): Promise<MemberList> {
  return getJson<MemberList>(`/api/v1/members${memberQuery(filter)}`, signal);
}

/** `GET /api/v1/members/{id}`: exact home and phone only for roles that may read them (audited). */
export function fetchMember(id: number, signal?: AbortSignal): Promise<MemberDetail> {
  return getJson<MemberDetail>(`/api/v1/members/${id}`, signal);
}

export function createMember(body: CreateMemberInput): Promise<MemberDetail> {
  return request<MemberDetail>('/api/v1/members', { method: 'POST', body });
}

export function updateMember(id: number, body: UpdateMemberInput): Promise<MemberDetail> {
  return request<MemberDetail>(`/api/v1/members/${id}`, { method: 'PATCH', body });
}

const movement = (id: number, path: string, body: object) => request<MemberDetail>(`/api/v1/members/${id}/${path}`, { method: 'POST', body });

/** 转接: to another organization in scope. */
export const transferMember = (id: number, body: { org_id: number; effective_on?: string; reason?: string }) => movement(id, 'transfer', body);
/** 双报到: registered with a residential community. */
export const registerMember = (id: number, body: { community_code: string; effective_on?: string }) => movement(id, 'registration', body);
export const endRegistration = (id: number, body: { effective_on?: string; reason?: string }) => movement(id, 'registration/end', body);
/** 流动党员: where the member now is (an area or free text). */
export const markMobile = (id: number, body: { area_code?: string; whereabouts?: string; since?: string }) => movement(id, 'mobile', body);
export const endMobile = (id: number, body: { effective_on?: string }) => movement(id, 'mobile/end', body);
/** Leaves: kept in history, out of dispatch and figures. */
export const leaveMember = (id: number, body: { effective_on?: string; reason: string }) => movement(id, 'leave', body);

/** `GET /api/v1/members/{id}/points`: the ledger and its balance. */
export function fetchPoints(id: number, signal?: AbortSignal): Promise<PointsLedger> {
  return getJson<PointsLedger>(`/api/v1/members/${id}/points`, signal);
}

/** `POST /api/v1/members/{id}/points`: one row (points default from the rule; an adjustment needs points and a note). */
export function addPoints(id: number, body: CreditPointsInput): Promise<PointsLedger> {
  return request<PointsLedger>(`/api/v1/members/${id}/points`, { method: 'POST', body });
}
