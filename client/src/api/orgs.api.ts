import type { CreateOrgInput, OrgList, OrgRecord, UpdateOrgInput } from './contract.ts';
import { getJson, request } from './http.ts';
import { queryString } from './query.ts';

export interface OrgFilter {
  q?: string;
  kind?: string;
  sector?: string;
  area?: string;
  secretary?: string;
  /** an organization id, or `root` for the top organizations of the caller's scope */
  parent?: number | 'root';
  status?: 'open' | 'closed' | 'all';
  limit?: number;
  after?: number;
}

/** `GET /api/v1/orgs?…`: organizations in the caller's scope, keyset-paged. */
export function fetchOrgs(filter: OrgFilter, signal?: AbortSignal): Promise<OrgList> {
  return getJson<OrgList>(`/api/v1/orgs${queryString({ ...filter })}`, signal);
}

/** `GET /api/v1/orgs/{id}`: the record with grids, groups, pairings and history. */
export function fetchOrg(id: number, signal?: AbortSignal): Promise<OrgRecord> {
  return getJson<OrgRecord>(`/api/v1/orgs/${id}`, signal);
}

/** `POST /api/v1/orgs` (registry.edit). */
export function createOrg(body: CreateOrgInput): Promise<OrgRecord> {
  return request<OrgRecord>('/api/v1/orgs', { method: 'POST', body });
}

/** `PATCH /api/v1/orgs/{id}`: only the fields sent change. */
export function updateOrg(id: number, body: UpdateOrgInput): Promise<OrgRecord> {
  return request<OrgRecord>(`/api/v1/orgs/${id}`, { method: 'PATCH', body });
}

/** `POST /api/v1/orgs/{id}/move`: under another parent (no cycles, parent open and in scope). */
export function moveOrg(id: number, body: { parent_id: number; effective_on?: string; reason?: string }): Promise<OrgRecord> {
  return request<OrgRecord>(`/api/v1/orgs/${id}/move`, { method: 'POST', body });
}

/** `POST /api/v1/orgs/{id}/merge`: members and children go to `into_id`; this one closes. Answers the survivor. */
export function mergeOrg(id: number, body: { into_id: number; effective_on?: string; reason: string }): Promise<OrgRecord> {
  return request<OrgRecord>(`/api/v1/orgs/${id}/merge`, { method: 'POST', body });
}

/** `POST /api/v1/orgs/{id}/close` (409 org_not_empty while it has members or open children). */
export function closeOrg(id: number, body: { effective_on?: string; reason: string }): Promise<OrgRecord> {
  return request<OrgRecord>(`/api/v1/orgs/${id}/close`, { method: 'POST', body });
}
