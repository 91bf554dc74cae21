import type { AuditPage } from '../contract/audit.ts';
import type { selectAuditPage } from './queries.ts';

type Rows = Awaited<ReturnType<typeof selectAuditPage>>;

export function presentAuditPage(rows: Rows, limit: number): AuditPage {
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      user: r.user_id === null ? null : { id: r.user_id, username: r.username ?? '' },
      action: r.action,
      target_kind: r.target_kind,
      target_ids: r.target_ids,
      scope: r.scope,
      scope_name: r.scope_name,
      target_names: r.target_names,
      ip: r.ip,
      detail: r.detail,
    })),
    next_before: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
