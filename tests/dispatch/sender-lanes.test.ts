import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.ts';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { DispatchView } from '../../server/src/contract/dispatch.ts';
import { deliverDue, startWorkers } from '../../server/src/dispatch/sender.ts';
import { createLogger } from '../../server/src/logger.ts';
import { liveChannel } from '../../server/src/outbox/live-channel.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

/** The outbox sender's two lanes: live events never wait for the SMS gateway, which is called in parallel. */
const database = usePrivateDatabase('sender_lanes');
let server: TestServer;
let dispatcher: ApiClient;
/** a dispatch whose alerted members the queued test messages go to */
let target: { dispatchId: number; caseId: number; memberIds: number[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A case and a dispatch through the API: its alerts' messages are in the outbox, not delivered yet. */
async function startDispatch(lng: number, lat: number, waveSize: number): Promise<DispatchView> {
  const created = await dispatcher.send<CaseView>('POST', '/api/v1/cases', { kind: 'flood', title: '积水', lng, lat }, { 'idempotency-key': randomUUID() });
  const started = await dispatcher.send<{ id: number }>('POST', `/api/v1/cases/${created.body.id}/dispatch`, { radius: 2000, waveSize, target: waveSize });
  expect(started.status).toBe(201);
  return (await dispatcher.getJson<DispatchView>(`/api/v1/dispatches/${started.body.id}`)).body;
}

/** Marks everything due as handled, so a test sees only what it queues. */
async function drainOutbox(): Promise<void> {
  await server.db.query("update outbox set status = 'sent', delivered_at = now() where status in ('pending', 'failed')");
}

async function queueMessages(n: number): Promise<number[]> {
  const { rows } = await server.db.query<{ id: number }>(
    `insert into outbox (kind, dispatch_id, member_id)
     select 'member_alert', $1, ($2::bigint[])[1 + (i - 1) % cardinality($2::bigint[])] from generate_series(1, $3) i
     returning id`,
    [target.dispatchId, target.memberIds, n],
  );
  return rows.map((r) => Number(r.id));
}

async function queueLiveEvent(): Promise<number> {
  const { rows } = await server.db.query<{ id: number }>("insert into outbox (kind, dispatch_id, payload) values ('live_event', $1, $2) returning id", [
    target.dispatchId,
    { type: 'dispatch.updated', case_id: target.caseId, dispatch_id: target.dispatchId },
  ]);
  return Number(rows[0]!.id);
}

type GatewayCall = { key: string; receivedAt: number; answeredAt?: number };

/** A local SMS gateway that answers each call after `delayMs` (`status` by default 200) and counts calls in flight. */
async function fakeGateway(delayMs: number, status: () => number = () => 200) {
  const calls: GatewayCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const gateway = http.createServer((req, res) => {
    const call: GatewayCall = { key: String(req.headers['idempotency-key']), receivedAt: Date.now() };
    calls.push(call);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    req.resume();
    setTimeout(() => {
      inFlight -= 1;
      call.answeredAt = Date.now();
      res.statusCode = status();
      res.end('ok');
    }, delayMs);
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    answered: () => calls.filter((c) => c.answeredAt !== undefined).length,
    close: () =>
      new Promise<void>((resolve) => {
        gateway.closeAllConnections();
        gateway.close(() => resolve());
      }),
  };
}

async function outboxRows(ids: number[]) {
  const { rows } = await server.db.query<{ id: number; status: string; delivered_at: Date | null; attempts: number }>(
    'select id, status, delivered_at, attempts from outbox where id = any($1::bigint[]) order by id',
    [ids],
  );
  return rows;
}

beforeAll(async () => {
  // no background sender: each test runs the sender itself
  server = await startTestServer(database.url, undefined, { workers: false });
  dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', demoCounty);
  const d = await startDispatch(104.741, 31.461, 8);
  target = { dispatchId: d.id, caseId: d.case_id, memberIds: d.alerts.map((a) => a.member.id) };
});
afterAll(async () => {
  await server.close();
});
beforeEach(drainOutbox);

describe('the live lane', () => {
  it('notifies a live event queued behind 5 SMS within a second, while the slow gateway (1.5 s each) is still busy', async () => {
    const gateway = await fakeGateway(1500);
    const listener = new pg.Client({ connectionString: database.url });
    try {
      await listener.connect();
      await listener.query(`listen ${liveChannel}`);
      await queueMessages(5);
      const liveId = await queueLiveEvent();
      let notifiedAt: number | undefined;
      let answeredThen = -1;
      listener.on('notification', (n) => {
        if ((JSON.parse(n.payload!) as { seq?: number }).seq === liveId) {
          notifiedAt = Date.now();
          answeredThen = gateway.answered();
        }
      });
      const startedAt = Date.now();
      const sending = deliverDue(server.db, { webhookUrl: gateway.url, publicUrl: server.baseUrl });
      while (notifiedAt === undefined && Date.now() - startedAt < 3000) await sleep(20);
      expect(notifiedAt, 'the live event was not notified within 3 s').toBeDefined();
      expect(notifiedAt! - startedAt).toBeLessThan(1000);
      expect(answeredThen).toBeLessThan(5);
      await sending;
      expect(gateway.calls).toHaveLength(5);
    } finally {
      await listener.end();
      await gateway.close();
    }
  }, 20_000);
});

describe('the SMS lane', () => {
  it('calls the gateway for up to `concurrency` messages at once, never more: 10 messages, 4 at a time', async () => {
    const gateway = await fakeGateway(400);
    try {
      const ids = await queueMessages(10);
      const startedAt = Date.now();
      await deliverDue(server.db, { webhookUrl: gateway.url, publicUrl: server.baseUrl, concurrency: 4 });
      expect(gateway.maxInFlight).toBe(4);
      expect(Date.now() - startedAt).toBeLessThan(10 * 400);
      expect((await outboxRows(ids)).every((r) => r.status === 'sent')).toBe(true);
      expect(new Set(gateway.calls.map((c) => c.key))).toEqual(new Set(ids.map((id) => `outbox-${id}`)));
    } finally {
      await gateway.close();
    }
  }, 20_000);

  it('stamps delivered_at when the gateway answered, not when the message was claimed', async () => {
    const gateway = await fakeGateway(800);
    try {
      const ids = await queueMessages(3);
      await deliverDue(server.db, { webhookUrl: gateway.url, publicUrl: server.baseUrl });
      const rows = await outboxRows(ids);
      for (const row of rows) {
        const call = gateway.calls.find((c) => c.key === `outbox-${row.id}`)!;
        expect(row.delivered_at!.getTime()).toBeGreaterThanOrEqual(call.answeredAt!);
      }
    } finally {
      await gateway.close();
    }
  }, 20_000);

  it('retries a message whose sender died mid-call only after its lease, with the same Idempotency-Key, and records it sent once', async () => {
    const gateway = await fakeGateway(1000);
    try {
      const [id] = await queueMessages(1);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'tests/dispatch/sender-child.ts')], {
        env: { ...process.env, DATABASE_URL: database.url, WEBHOOK_URL: gateway.url, LEASE_SECONDS: '3' },
        stdio: 'ignore',
      });
      const spawnedAt = Date.now();
      while (gateway.calls.length < 1 && Date.now() - spawnedAt < 15_000) await sleep(20);
      const claimedBy = gateway.calls[0]!.receivedAt;
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      // while the dead sender's lease runs, nobody sends it again
      const options = { webhookUrl: gateway.url, publicUrl: server.baseUrl, leaseSeconds: 3 };
      await deliverDue(server.db, options);
      expect(gateway.calls).toHaveLength(1);
      expect((await outboxRows([id!]))[0]!.status).toBe('pending');

      await sleep(Math.max(0, claimedBy + 3200 - Date.now()));
      await deliverDue(server.db, options);
      await deliverDue(server.db, options);
      expect(gateway.calls.map((c) => c.key)).toEqual([`outbox-${id}`, `outbox-${id}`]);
      const [row] = await outboxRows([id!]);
      expect(row!.status).toBe('sent');
      expect(row!.attempts).toBe(2);
    } finally {
      await gateway.close();
    }
  }, 30_000);
});

describe('what the dispatcher sees of the SMS', () => {
  const smsOf = async (id: number) => (await dispatcher.getJson<DispatchView>(`/api/v1/dispatches/${id}`)).body.alerts.map((a) => a.sms_status);

  it('without a gateway, marks alerts not_sent (not delivered) and the dispatch view shows each as not_sent', async () => {
    const d = await startDispatch(104.752, 31.472, 3);
    const liveEvents = async () =>
      (
        await server.db.query<{ id: number; status: string }>("select id, status from outbox where kind = 'live_event' and dispatch_id = $1 order by id", [
          d.id,
        ])
      ).rows;
    const eventsBefore = await liveEvents();
    expect(await smsOf(d.id)).toEqual(['pending', 'pending', 'pending']);
    await deliverDue(server.db, { publicUrl: server.baseUrl });
    expect(await smsOf(d.id)).toEqual(['not_sent', 'not_sent', 'not_sent']);
    const { rows } = await server.db.query<{ status: string; delivered_at: Date | null }>(
      "select status, delivered_at from outbox where dispatch_id = $1 and kind = 'member_alert'",
      [d.id],
    );
    expect(rows).toEqual([0, 1, 2].map(() => ({ status: 'not_sent', delivered_at: null })));
    // the console hears of it: one more live event for the dispatch, notified
    const eventsAfter = await liveEvents();
    expect(eventsAfter).toHaveLength(eventsBefore.length + 1);
    expect(eventsAfter.every((e) => e.status === 'sent')).toBe(true);
  });

  it('shows an alert failed while the gateway refuses it, and sent once the gateway takes it', async () => {
    let answer = 503;
    const gateway = await fakeGateway(50, () => answer);
    try {
      const d = await startDispatch(104.73, 31.45, 2);
      await deliverDue(server.db, { webhookUrl: gateway.url, publicUrl: server.baseUrl });
      expect(await smsOf(d.id)).toEqual(['failed', 'failed']);
      answer = 200;
      await server.db.query("update outbox set next_attempt_at = now() where dispatch_id = $1 and status = 'failed'", [d.id]);
      await deliverDue(server.db, { webhookUrl: gateway.url, publicUrl: server.baseUrl });
      expect(await smsOf(d.id)).toEqual(['sent', 'sent']);
    } finally {
      await gateway.close();
    }
  });

  it('warns once at start that no SMS gateway is configured', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged += chunk.toString();
        done();
      },
    });
    const stop = startWorkers(server.db, { publicUrl: server.baseUrl }, async () => {}, createLogger('info', sink), 50);
    await sleep(300);
    await stop();
    const warnings = logged.split('\n').filter((line) => line.includes('SMS_WEBHOOK_URL'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40 });
  });
});
