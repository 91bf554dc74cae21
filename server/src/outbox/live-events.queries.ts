import type { Queryable } from '../db/transaction.ts';

/** A live event about a case; the case's community goes along so only streams in scope get it. */
export async function insertLiveEvent(
  db: Queryable,
  payload: { type: string; case_id: number } & Record<string, unknown>,
  dispatchId: number | null = null,
): Promise<void> {
  await db.query(
    `insert into outbox (kind, dispatch_id, payload)
     select 'live_event', $1, $2::jsonb || jsonb_build_object('area', c.community_code) from "case" c where c.id = $3`,
    [dispatchId, JSON.stringify(payload), payload.case_id],
  );
}
