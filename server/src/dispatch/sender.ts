import type pg from 'pg';
import { withTransaction } from '../db/transaction.ts';
import type { Logger } from '../logger.ts';
import { linkKey, memberLinkFor } from '../member-link/member-link.ts';
import { liveChannel } from '../outbox/live-channel.ts';
import { startPeriodic } from '../periodic.ts';
import { foldDataVersions } from '../versions/queries.ts';
import {
  claimLiveEvents,
  claimMessages,
  lockLiveLane,
  markLiveEventsSent,
  notifyAll,
  pruneDelivered,
  recordOutcome,
  type MessageRow,
} from './outbox.queries.ts';

export type SenderOptions = {
  /** an SMS gateway's HTTP endpoint; alerts and cancellations are POSTed there as JSON */
  webhookUrl?: string | undefined;
  /** public origin for links in messages, e.g. https://redgrid.example.gov.cn */
  publicUrl: string;
  /** gateway calls in flight at once; default 6 */
  concurrency?: number;
  /** seconds a claimed message is left to its sender before another may retry it (longer than a call's timeout); default 30 */
  leaseSeconds?: number;
};

const gatewayTimeoutMs = 5000;
const defaults = { concurrency: 6, leaseSeconds: 30 };
const noGateway = 'no SMS gateway configured (SMS_WEBHOOK_URL)';

/**
 * The live lane: notifies due live events in id order, a batch per short transaction, until none is
 * due, each batch after the data versions bumped meanwhile (sql/000012). One sender at a time
 * holds the lane; a sender that finds it taken answers 0. `seq` (the outbox id) becomes each
 * event's id, so a stream that dropped can ask for what it missed.
 */
export async function deliverLiveEvents(db: pg.Pool, batch = 200): Promise<number> {
  let delivered = 0;
  for (;;) {
    const n = await withTransaction(db, async (tx) => {
      if (!(await lockLiveLane(tx))) return 0;
      const rows = await claimLiveEvents(tx, batch);
      // data versions bumped by now are announced first, as their writers once did at commit
      await foldDataVersions(tx);
      if (!rows.length) return 0;
      await notifyAll(
        tx,
        liveChannel,
        rows.map((row) => JSON.stringify({ ...row.payload, seq: row.id })),
      );
      await markLiveEventsSent(
        tx,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
    delivered += n;
    if (n < batch) return delivered;
  }
}

async function callGateway(webhookUrl: string, publicUrl: string, key: Buffer, row: MessageRow): Promise<void> {
  // the same message every time it is sent: a gateway may dedupe by key and find it unchanged
  const link = `${publicUrl}${memberLinkFor(key, row.dispatch_id, row.member_id, row.created_at.getTime())}`;
  const text =
    row.kind === 'member_alert'
      ? `【红网格】${row.member_name}同志，附近发生“${row.case_title}”，请点击响应：${link}`
      : `【红网格】${row.member_name}同志，“${row.case_title}”已有足够人员响应，您无需前往，谢谢。`;
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `outbox-${row.id}` },
    body: JSON.stringify({ id: row.id, kind: row.kind, member_id: row.member_id, phone: row.phone, text, link }),
    signal: AbortSignal.timeout(gatewayTimeoutMs),
  });
  await res.body?.cancel(); // only the status matters; free the connection
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

/**
 * The SMS lane: claims due alerts and cancellations one at a time with a lease and sends them to
 * the gateway, `concurrency` calls at once, recording each outcome when the gateway has answered;
 * no transaction is open during a call. At least once: a sender that dies mid-call leaves the
 * message to be retried after the lease, with the same Idempotency-Key for the gateway to drop
 * repeats. Without a gateway the messages end as not_sent. Answers how many it handled (at most
 * `batch`); once `running()` turns false it claims no more and waits only for the calls in flight.
 */
export async function deliverMessages(db: pg.Pool, options: SenderOptions, log?: Logger, batch = 50, running: () => boolean = () => true): Promise<number> {
  const concurrency = Math.max(1, options.concurrency ?? defaults.concurrency);
  const leaseSeconds = options.leaseSeconds ?? defaults.leaseSeconds;
  const { webhookUrl } = options;
  if (!webhookUrl) {
    const rows = await claimMessages(db, batch, leaseSeconds);
    await withTransaction(db, (tx) => recordOutcome(tx, rows, 'not_sent', noGateway));
    return rows.length;
  }
  const key = await linkKey(db);
  let handled = 0;
  const slot = async () => {
    while (handled < batch && running()) {
      const [row] = await claimMessages(db, 1, leaseSeconds);
      if (!row) return;
      handled += 1;
      try {
        await callGateway(webhookUrl, options.publicUrl, key, row);
      } catch (error) {
        log?.warn({ err: error, outbox: row.id }, 'SMS delivery failed; will retry');
        await withTransaction(db, (tx) => recordOutcome(tx, [row], 'failed', (error as Error).message));
        continue;
      }
      await withTransaction(db, (tx) => recordOutcome(tx, [row], 'sent'));
    }
  };
  const slots = await Promise.allSettled(Array.from({ length: concurrency }, slot));
  const failed = slots.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return handled;
}

/**
 * Delivers what is due in the outbox, both lanes side by side, so live events never wait behind
 * the SMS gateway, then the live events the outcomes raised. Answers how many entries were handled.
 */
export async function deliverDue(db: pg.Pool, options: SenderOptions, log?: Logger, batch = 50): Promise<number> {
  const [live, messages] = await Promise.all([deliverLiveEvents(db), deliverMessages(db, options, log, batch)]);
  return live + messages + (await deliverLiveEvents(db));
}

const outboxKeepDays = 7;
const pruneEveryMs = 10 * 60_000;

/**
 * Runs the workers until stopped, each on its own loop so none waits for another: the live lane,
 * the SMS lane, and the timeout sweep (pruning finished outbox entries now and then). Says once
 * when no SMS gateway is configured.
 */
export function startWorkers(db: pg.Pool, options: SenderOptions, sweep: () => Promise<void>, log: Logger, everyMs = 500): () => Promise<void> {
  if (!options.webhookUrl) {
    log.warn(
      'no SMS gateway is configured (SMS_WEBHOOK_URL): alerts and cancellations are not sent to members; ' +
        'the dispatch console marks them 未发送短信 (SMS not sent), so members hear of them only from the dispatcher',
    );
  }
  let prunedAt = 0;
  const stops = [
    startPeriodic(
      'live events',
      async () => {
        await deliverLiveEvents(db);
      },
      log,
      everyMs,
    ),
    startPeriodic(
      'SMS sender',
      async (running) => {
        while (running() && (await deliverMessages(db, options, log, 50, running)) > 0);
      },
      log,
      everyMs,
    ),
    startPeriodic(
      'dispatch worker',
      async () => {
        await sweep();
        if (Date.now() - prunedAt > pruneEveryMs) {
          prunedAt = Date.now();
          const pruned = await pruneDelivered(db, outboxKeepDays);
          if (pruned > 0) log.info({ pruned }, 'finished outbox entries pruned');
        }
      },
      log,
      everyMs,
    ),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
