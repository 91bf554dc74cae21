import type pg from 'pg';
import { withTransaction } from '../db/transaction.ts';
import type { Logger } from '../logger.ts';
import { startPeriodic } from '../periodic.ts';
import { linkKey, memberLinkFor } from './member-link.ts';
import { claimDue, markDelivered, markFailed, pruneDelivered, type OutboxRow } from './outbox.queries.ts';

export const liveChannel = 'redgrid_live';

export type SenderOptions = {
  /** an SMS gateway's HTTP endpoint; alerts and cancellations are POSTed there as JSON */
  webhookUrl?: string | undefined;
  /** public origin for links in messages, e.g. https://redgrid.example.gov.cn */
  publicUrl: string;
};

async function deliver(tx: pg.PoolClient, row: OutboxRow, options: SenderOptions): Promise<void> {
  if (row.kind === 'live_event') {
    // `seq` (the outbox id) becomes the event's id, so a stream that dropped can ask for what it missed
    await tx.query('select pg_notify($1, $2)', [liveChannel, JSON.stringify({ ...row.payload, seq: row.id })]);
    return;
  }
  if (!options.webhookUrl) return; // no gateway configured: the member page and live stream carry it
  const link = `${options.publicUrl}${memberLinkFor(await linkKey(tx), row.dispatch_id!, row.member_id!)}`;
  const text = row.kind === 'member_alert'
    ? `【红网格】${row.member_name}同志，附近发生“${row.case_title}”，请点击响应：${link}`
    : `【红网格】${row.member_name}同志，“${row.case_title}”已有足够人员响应，您无需前往，谢谢。`;
  const res = await fetch(options.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `outbox-${row.id}` },
    body: JSON.stringify({ id: row.id, kind: row.kind, member_id: row.member_id, phone: row.phone, text, link }),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

/**
 * Delivers what is due in the outbox, each entry in its own transaction: a crash before the
 * commit leaves it undelivered for the next run (at-least-once; the webhook gets an
 * Idempotency-Key to drop repeats). Answers how many were delivered.
 */
export async function deliverDue(db: pg.Pool, options: SenderOptions, log?: Logger, batch = 50): Promise<number> {
  let delivered = 0;
  for (;;) {
    const done = await withTransaction(db, async (tx) => {
      const rows = await claimDue(tx, 1);
      const row = rows[0];
      if (!row) return false;
      try {
        await deliver(tx, row, options);
        await markDelivered(tx, row.id);
        delivered += 1;
      } catch (error) {
        log?.warn({ err: error, outbox: row.id }, 'outbox delivery failed; will retry');
        await markFailed(tx, row.id, (error as Error).message);
      }
      return true;
    });
    if (!done || delivered >= batch) return delivered;
  }
}

const outboxKeepDays = 7;
const pruneEveryMs = 10 * 60_000;

/** Runs the sender and the timeout sweep until stopped; prunes delivered outbox entries now and then. */
export function startWorkers(db: pg.Pool, options: SenderOptions, sweep: () => Promise<void>, log: Logger, everyMs = 500): () => Promise<void> {
  let prunedAt = 0;
  return startPeriodic('dispatch worker', async (running) => {
    await sweep();
    while (running() && (await deliverDue(db, options, log)) > 0);
    if (Date.now() - prunedAt > pruneEveryMs) {
      prunedAt = Date.now();
      const pruned = await pruneDelivered(db, outboxKeepDays);
      if (pruned > 0) log.info({ pruned }, 'delivered outbox entries pruned');
    }
  }, log, everyMs);
}
