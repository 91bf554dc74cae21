import type { CoverNewOrgInput, NewOrgRatesAnswer, NewOrgRecord, TrackingList } from './contract.ts';
import { getJson, request } from './http.ts';
import { queryString } from './query.ts';

/** `GET /api/v1/new-orgs/rates?area=`: 组建率 and 覆盖率 per child area; the caller's widest grant when no area is given. */
export function fetchNewOrgRates(area: string | null, signal?: AbortSignal): Promise<NewOrgRatesAnswer> {
  return getJson<NewOrgRatesAnswer>(`/api/v1/new-orgs/rates${queryString({ area })}`, signal);
}

export interface TrackingFilter {
  state?: 'open' | 'closed' | 'all';
  area?: string;
  kind?: string;
  overdue?: boolean;
  limit?: number;
  after?: number;
}

/** `GET /api/v1/new-orgs/tracking`: the ledger (挂号销号), open entries by default, each with its town's target day. */
export function fetchTracking(filter: TrackingFilter, signal?: AbortSignal): Promise<TrackingList> {
  return getJson<TrackingList>(`/api/v1/new-orgs/tracking${queryString({ ...filter })}`, signal);
}

/** `GET /api/v1/new-orgs/{id}` */
export function fetchNewOrg(id: number, signal?: AbortSignal): Promise<NewOrgRecord> {
  return getJson<NewOrgRecord>(`/api/v1/new-orgs/${id}`, signal);
}

/** `POST /api/v1/new-orgs/{id}/cover`: 销号, the open tracking entry closes. */
export function coverNewOrg(id: number, body: CoverNewOrgInput): Promise<NewOrgRecord> {
  return request<NewOrgRecord>(`/api/v1/new-orgs/${id}/cover`, { method: 'POST', body });
}
