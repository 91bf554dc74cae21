import type { Queryable } from '../db/transaction.ts';

export type MemberHistoryAction = 'created' | 'edited' | 'transferred' | 'registered' | 'registration_ended' | 'mobile' | 'mobile_ended' | 'left';

export type NewHistoryEntry = {
  memberId: number;
  action: MemberHistoryAction;
  /** the day the change took effect; today when not given */
  effectiveOn?: string | undefined;
  reason?: string | undefined;
  detail: Record<string, unknown>;
  actorId: number | null;
};

export async function insertMemberHistory(db: Queryable, e: NewHistoryEntry): Promise<void> {
  await db.query(
    `insert into registry_history (subject_kind, subject_id, action, effective_on, reason, detail, actor_id)
     values ('member', $1, $2, coalesce($3::date, current_date), $4, $5::jsonb, $6)`,
    [e.memberId, e.action, e.effectiveOn ?? null, e.reason ?? null, JSON.stringify(e.detail), e.actorId],
  );
}

export type HistoryRow = {
  id: number;
  action: string;
  effective_on: string;
  reason: string | null;
  detail: Record<string, unknown>;
  actor: string | null;
  recorded_at: Date;
};

/** A member's history, oldest first (registry_history_subject_idx). */
export async function selectMemberHistory(db: Queryable, memberId: number): Promise<HistoryRow[]> {
  const { rows } = await db.query<HistoryRow>(
    `select h.id, h.action, h.effective_on::text as effective_on, h.reason, h.detail, u.display_name as actor, h.recorded_at
     from registry_history h left join app_user u on u.id = h.actor_id
     where h.subject_kind = 'member' and h.subject_id = $1
     order by h.id`,
    [memberId],
  );
  return rows;
}
