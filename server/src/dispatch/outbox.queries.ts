import type pg from 'pg';

export type OutboxRow = {
  id: number; kind: 'member_alert' | 'member_cancel' | 'live_event'; dispatch_id: number | null; member_id: number | null;
  payload: Record<string, unknown>; attempts: number; phone: string | null; member_name: string | null; case_title: string | null;
};

/** Due, undelivered entries, locked for this sender (others skip them). */
export async function claimDue(tx: pg.PoolClient, limit: number): Promise<OutboxRow[]> {
  const { rows } = await tx.query<OutboxRow>(
    `select o.id, o.kind, o.dispatch_id, o.member_id, o.payload, o.attempts, m.phone, m.name as member_name, c.title as case_title
     from outbox o
     left join member m on m.id = o.member_id
     left join dispatch d on d.id = o.dispatch_id
     left join "case" c on c.id = d.case_id
     where o.delivered_at is null and o.next_attempt_at <= now()
     order by o.id
     limit $1
     for update of o skip locked`,
    [limit],
  );
  return rows;
}

export async function markDelivered(tx: pg.PoolClient, id: number): Promise<void> {
  await tx.query('update outbox set delivered_at = now(), attempts = attempts + 1, last_error = null where id = $1', [id]);
}

/** Backs off exponentially: 2, 4, 8 … seconds, at most 10 minutes. */
export async function markFailed(tx: pg.PoolClient, id: number, error: string): Promise<void> {
  await tx.query(
    `update outbox set attempts = attempts + 1, last_error = $2,
       next_attempt_at = now() + make_interval(secs => least(600, power(2, attempts + 1)))
     where id = $1`,
    [id, error.slice(0, 500)],
  );
}

/**
 * Deletes entries delivered more than `keepDays` ago (the live stream replays from the outbox, so
 * a week is kept for streams that come back late). Answers how many went.
 */
export async function pruneDelivered(db: pg.Pool, keepDays: number): Promise<number> {
  const { rowCount } = await db.query(
    "delete from outbox where delivered_at < now() - make_interval(days => $1)",
    [keepDays],
  );
  return rowCount ?? 0;
}
