import type { Queryable as Db } from '../db/transaction.ts';

/*
 * A case's status and timeline (case_event): the record of its progress that the case workflow
 * (cases/) and the dispatch of members (dispatch/) both write, in the caller's transaction.
 */

export async function insertCaseEvent(
  db: Db,
  e: { caseId: number; actorId: number | null; from?: string | null; to?: string | null; note: string; data?: Record<string, unknown> },
): Promise<void> {
  await db.query(
    `insert into case_event (case_id, actor_id, from_status, to_status, note, data)
     values ($1, $2, $3::case_status, $4::case_status, $5, $6::jsonb)`,
    [e.caseId, e.actorId, e.from ?? null, e.to ?? null, e.note, JSON.stringify(e.data ?? {})],
  );
}

/** Moves a case to `to` (closed_at follows); answers the status it had, or undefined when not found. */
export async function updateCaseStatus(db: Db, caseId: number, to: string): Promise<string | undefined> {
  const { rows } = await db.query<{ previous: string }>(
    `update "case" c set status = $2::case_status, closed_at = case when $2 = 'closed' then now() else null end
     from (select id, status as previous from "case" where id = $1 for update) p
     where c.id = p.id returning p.previous`,
    [caseId, to],
  );
  return rows[0]?.previous;
}
