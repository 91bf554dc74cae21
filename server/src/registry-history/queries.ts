import type { Queryable } from '../db/transaction.ts';

/*
 * The registry's history (registry_history): one row per change of an organization, a member or a
 * place, written by each record's commands in their transaction and read back with the record.
 */

export type RegistrySubject = 'org' | 'member' | 'place' | 'new_org';

export type NewHistoryEntry = {
  subjectKind: RegistrySubject;
  subjectId: number;
  action: string;
  /** the day the change took effect; today when not given */
  effectiveOn?: string | null | undefined;
  reason?: string | null | undefined;
  detail: Record<string, unknown>;
  actorId: number | null;
};

export async function insertHistory(db: Queryable, e: NewHistoryEntry): Promise<void> {
  await db.query(
    `insert into registry_history (subject_kind, subject_id, action, effective_on, reason, detail, actor_id)
     values ($1::registry_subject, $2::bigint, $3::text, coalesce($4::date, current_date), $5::text, $6::jsonb, $7::bigint)`,
    [e.subjectKind, e.subjectId, e.action, e.effectiveOn ?? null, e.reason ?? null, JSON.stringify(e.detail), e.actorId],
  );
}

export type HistoryRow = {
  id: number;
  action: string;
  effective_on: string;
  reason: string | null;
  detail: Record<string, unknown>;
  /** the recording user's display name; null for the system */
  actor: string | null;
  recorded_at: Date;
};

/** A record's history in the order it was recorded, oldest or newest first (registry_history_subject_idx). */
export async function selectHistory(
  db: Queryable,
  subject: { kind: RegistrySubject; id: number },
  order: 'oldest first' | 'newest first',
): Promise<HistoryRow[]> {
  const { rows } = await db.query<HistoryRow>(
    `select h.id, h.action, h.effective_on::text as effective_on, h.reason, h.detail, u.display_name as actor, h.recorded_at
     from registry_history h left join app_user u on u.id = h.actor_id
     where h.subject_kind = $1::registry_subject and h.subject_id = $2::bigint
     order by h.id ${order === 'newest first' ? 'desc' : 'asc'}`,
    [subject.kind, subject.id],
  );
  return rows;
}
