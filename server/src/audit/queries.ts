import type pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import type { AuditEntry, AuditQuery } from '../contract/audit.ts';
import type { Queryable } from '../db/transaction.ts';

export type AuditRecord = {
  userId: number | null;
  action: string;
  targetKind?: string | null;
  targetIds?: number[];
  scope?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

export async function insertAudit(db: Queryable, r: AuditRecord): Promise<void> {
  await db.query(
    `insert into audit_log (user_id, action, target_kind, target_ids, scope_code, ip, detail)
     values ($1, $2, $3, $4::bigint[], $5, $6::inet, $7::jsonb)`,
    [r.userId, r.action, r.targetKind ?? null, r.targetIds ?? [], r.scope ?? null, r.ip ?? null, JSON.stringify(r.detail ?? {})],
  );
}

type AuditRow = Omit<AuditEntry, 'user' | 'at'> & { at: Date; user_id: number | null; username: string | null };

/**
 * Newest first, keyset-paged on id; entries in the caller's scope. Entries with no scope (failed
 * sign-ins of unknown usernames) only for county-wide admins.
 */
export async function selectAuditPage(db: pg.Pool, q: AuditQuery, scope: Scope): Promise<AuditRow[]> {
  const countyWide = scope.lo.some((lo) => lo.length === 6);
  const { rows } = await db.query<AuditRow>(
    `select l.id, l.at, l.user_id, u.username, l.action, l.target_kind, l.target_ids::float8[] as target_ids,
            l.scope_code as scope, a.name as scope_name, host(l.ip) as ip, l.detail,
            case when l.target_kind = 'user' then array(
              select coalesce(tu.username, '#' || t.id) from unnest(l.target_ids) with ordinality t(id, n)
              left join app_user tu on tu.id = t.id order by t.n) end as target_names
     from audit_log l
     left join app_user u on u.id = l.user_id
     left join area a on a.code = l.scope_code
     where (scope_holds(l.scope_code, $7::text[], $8::text[]) or (l.scope_code is null and $9::boolean))
       and ($1::bigint is null or l.user_id = $1)
       and ($10::text is null or u.username = $10)
       and ($2::text is null or l.action = $2)
       and ($3::timestamptz is null or l.at >= $3)
       and ($4::timestamptz is null or l.at < $4)
       and ($5::bigint is null or l.id < $5)
     order by l.id desc
     limit $6`,
    [q.user ?? null, q.action ?? null, q.from ?? null, q.to ?? null, q.before ?? null, q.limit + 1, scope.lo, scope.hi, countyWide, q.username ?? null],
  );
  return rows;
}
