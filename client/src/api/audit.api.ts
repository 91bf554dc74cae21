import type { AuditPage } from './contract.ts';
import { getJson } from './http.ts';

export interface AuditFilter {
  /** A username. */
  username?: string;
  action?: string;
  /** ISO 8601 date-times: entries at or after `from` and before `to`. */
  from?: string;
  to?: string;
}

export const auditPageSize = 50;

/** `GET /api/v1/audit?…` (admins only): newest first; `before` is the last page's `next_before`. */
export function fetchAuditPage(filter: AuditFilter, before: number | null, signal?: AbortSignal): Promise<AuditPage> {
  const query = new URLSearchParams();
  if (filter.username) query.set('username', filter.username);
  if (filter.action) query.set('action', filter.action);
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  if (before !== null) query.set('before', String(before));
  query.set('limit', String(auditPageSize));
  return getJson<AuditPage>(`/api/v1/audit?${query.toString()}`, signal);
}
