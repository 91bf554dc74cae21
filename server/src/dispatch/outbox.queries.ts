import type pg from 'pg';
import type { Queryable } from '../db/transaction.ts';

export type LiveEventRow = { id: number; payload: Record<string, unknown> };

/** A claimed message for the SMS gateway; `attempts` counts this claim and fences its outcome. */
export type MessageRow = {
  id: number;
  kind: 'member_alert' | 'member_cancel';
  dispatch_id: number;
  member_id: number;
  attempts: number;
  phone: string | null;
  member_name: string | null;
  case_title: string | null;
  /** when the message was queued: its link expires a fixed time after, however often it is sent */
  created_at: Date;
};

export type MessageOutcome = 'sent' | 'failed' | 'not_sent';

/**
 * Takes the live lane for this transaction, or answers false when another sender holds it: one
 * sender at a time notifies live events, so they go out in id order.
 */
export async function lockLiveLane(tx: pg.PoolClient): Promise<boolean> {
  const { rows } = await tx.query<{ locked: boolean }>("select pg_try_advisory_xact_lock(hashtext('redgrid.outbox.live')) as locked");
  return rows[0]!.locked;
}

/** Due live events in id order, locked until the transaction ends. */
export async function claimLiveEvents(tx: pg.PoolClient, limit: number): Promise<LiveEventRow[]> {
  const { rows } = await tx.query<LiveEventRow>(
    `select id, payload from outbox
     where kind = 'live_event' and status in ('pending', 'failed') and next_attempt_at <= now()
     order by id
     limit $1
     for update skip locked`,
    [limit],
  );
  return rows;
}

/** Notifies `payloads` on `channel` in their order; they reach listeners when the transaction commits. */
export async function notifyAll(tx: pg.PoolClient, channel: string, payloads: string[]): Promise<void> {
  await tx.query('select pg_notify($1, p) from unnest($2::text[]) as p', [channel, payloads]);
}

export async function markLiveEventsSent(tx: pg.PoolClient, ids: number[]): Promise<void> {
  await tx.query("update outbox set status = 'sent', delivered_at = now(), attempts = attempts + 1, last_error = null where id = any($1::bigint[])", [ids]);
}

/**
 * Claims due messages (alerts, cancellations) with a lease, in one statement: they are not due
 * again for `leaseSeconds`, so no transaction stays open while the gateway is called, and a
 * sender that dies mid-call leaves them to be retried once the lease ends (at least once).
 */
export async function claimMessages(db: Queryable, limit: number, leaseSeconds: number): Promise<MessageRow[]> {
  const { rows } = await db.query<MessageRow>(
    `with due as (
       select id from outbox
       where kind <> 'live_event' and status in ('pending', 'failed') and next_attempt_at <= now()
       order by id
       limit $1
       for update skip locked
     ), claimed as (
       update outbox o set attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
       from due where o.id = due.id
       returning o.id, o.kind, o.dispatch_id, o.member_id, o.attempts, o.created_at
     )
     select c.id, c.kind, c.dispatch_id, c.member_id, c.attempts, c.created_at, m.phone, m.name as member_name, k.title as case_title
     from claimed c
     left join member m on m.id = c.member_id
     left join dispatch d on d.id = c.dispatch_id
     left join "case" k on k.id = d.case_id
     order by c.id`,
    [limit, leaseSeconds],
  );
  return rows;
}

/**
 * Records what became of claimed messages: `sent` stamps delivered_at now (after the gateway
 * answered), `failed` backs off 2, 4, 8 … seconds (at most 10 minutes). Only a claim that is still
 * the latest counts (attempts unchanged), so a sender whose lease ran out cannot overwrite a newer
 * one. An alert's sms_status follows its message, and each dispatch with an alert newly failed or
 * not sent gets a live event, so the console shows it (a message sent is no news).
 */
export async function recordOutcome(
  tx: pg.PoolClient,
  claims: ReadonlyArray<Pick<MessageRow, 'id' | 'attempts'>>,
  outcome: MessageOutcome,
  error: string | null = null,
): Promise<void> {
  if (!claims.length) return;
  // The dispatch engine locks a dispatch before its alerts; so must this, or the two deadlock
  // (alert rows here, the dispatch's key-share lock for the new live event there).
  await tx.query(
    `select d.id from dispatch d
     where d.id in (select o.dispatch_id from outbox o where o.id = any($1::bigint[]))
     order by d.id
     for key share`,
    [claims.map((c) => c.id)],
  );
  await tx.query(
    `with done as (
       update outbox o set status = $3::delivery_status,
         delivered_at = case when $3::delivery_status = 'sent' then now() end,
         last_error = $4::text,
         next_attempt_at = case when $3::delivery_status = 'failed'
           then now() + make_interval(secs => least(600, power(2, o.attempts))) else o.next_attempt_at end
       from unnest($1::bigint[], $2::integer[]) as c(id, attempts)
       where o.id = c.id and o.attempts = c.attempts and o.status in ('pending', 'failed')
       returning o.kind, o.dispatch_id, o.member_id
     ), changed as (
       update dispatch_alert a set sms_status = $3::delivery_status
       from done
       where done.kind = 'member_alert' and a.dispatch_id = done.dispatch_id and a.member_id = done.member_id
         and a.sms_status is distinct from $3::delivery_status
       returning a.dispatch_id
     )
     insert into outbox (kind, dispatch_id, payload)
     select 'live_event', d.id, jsonb_build_object('type', 'dispatch.updated', 'case_id', d.case_id, 'dispatch_id', d.id, 'area', k.community_code)
     from (select distinct dispatch_id from changed) x
     join dispatch d on d.id = x.dispatch_id
     join "case" k on k.id = d.case_id
     where $3::delivery_status <> 'sent'
     order by d.id`,
    [claims.map((c) => c.id), claims.map((c) => c.attempts), outcome, error?.slice(0, 500) ?? null],
  );
}

/**
 * Deletes entries finished more than `keepDays` ago (the live stream replays from the outbox, so
 * a week is kept for streams that come back late). Answers how many went.
 */
export async function pruneDelivered(db: pg.Pool, keepDays: number): Promise<number> {
  const { rowCount } = await db.query(
    `delete from outbox
     where delivered_at < now() - make_interval(days => $1)
        or (status = 'not_sent' and created_at < now() - make_interval(days => $1))`,
    [keepDays],
  );
  return rowCount ?? 0;
}
