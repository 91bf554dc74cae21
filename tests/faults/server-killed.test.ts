import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { demoCounty } from '../support/test-server.ts';

/**
 * The server killed with SIGKILL while it is sending a dispatch's alerts and answering requests:
 * once a new process runs, every alert and cancellation reaches the gateway under its one
 * Idempotency-Key, and no dispatch is left half made.
 */
const database = usePrivateDatabase('sigkill');
const rounds = Number(process.env.FAULT_KILLS ?? 3);
const leaseSeconds = 6;

/** A slow SMS gateway that remembers every call, by Idempotency-Key. */
type Gateway = { url: string; calls: Array<{ key: string; body: string }>; close(): Promise<void> };

async function startGateway(delayMs: number): Promise<Gateway> {
  const calls: Gateway['calls'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () =>
      setTimeout(() => {
        calls.push({ key: String(req.headers['idempotency-key']), body });
        res.writeHead(200).end('{}');
      }, delayMs),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let gateway: Gateway;
let point: [number, number];

beforeAll(async () => {
  gateway = await startGateway(150);
  const {
    rows: [densest],
  } = await database.db.query<{ p: [number, number] }>(
    `select array[st_x(c), st_y(c)] as p from (
       select st_centroid(st_collect(home)) as c from member group by round(st_x(home)::numeric, 2), round(st_y(home)::numeric, 2)
       order by count(*) desc limit 1) d`,
  );
  point = densest!.p;
});
afterAll(async () => {
  await gateway.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function serverOn(): Promise<ServerProcess> {
  return startServerProcess({
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    LOAD_DEMO: 'false',
    SMS_WEBHOOK_URL: gateway.url,
    SMS_LEASE_SECONDS: String(leaseSeconds),
    // links name the public address, the same across restarts (the port here is new each time)
    PUBLIC_URL: 'http://redgrid.test:8080',
  });
}

/** Opens a case and dispatches 8 members to it; a request cut by the kill may fail, the rest must not. */
async function dispatchOne(client: ApiClient, n: number): Promise<void> {
  const created = await client
    .send<{ id: number }>(
      'POST',
      '/api/v1/cases',
      { kind: '故障演练', title: `进程被杀 ${n}`, lng: point[0], lat: point[1] },
      { 'idempotency-key': randomUUID() },
    )
    .catch(() => undefined);
  if (created?.status !== 201) return;
  await client.send('POST', `/api/v1/cases/${created.body.id}/dispatch`, { radius: 3000, waveSize: 8, target: 3 }).catch(() => undefined);
}

describe('the server killed mid-dispatch', () => {
  it(
    `delivers every alert once per Idempotency-Key after a restart, and leaves no dispatch half made (${rounds} kills)`,
    async () => {
      let server = await serverOn();
      for (let round = 0; round < rounds; round += 1) {
        const client = await signInAs(server.url.slice(0, -1), database.db, 'dispatcher', demoCounty);
        const callsBefore = gateway.calls.length;
        const dispatching = Promise.all([0, 1, 2, 3].map((i) => dispatchOne(client, round * 10 + i)));
        // kill it while the gateway is being called: a different moment each round
        while (gateway.calls.length < callsBefore + 1 + round * 3) await pause(20);
        await server.stop('SIGKILL');
        await dispatching;
        server = await serverOn();
      }

      // everything queued reaches the gateway once the leases of the killed calls ran out
      const unsent = async () =>
        (await database.db.query<{ n: number }>("select count(*)::int as n from outbox where kind <> 'live_event' and status <> 'sent'")).rows[0]!.n;
      for (let waited = 0; (await unsent()) > 0 && waited < (leaseSeconds + 20) * 1000; waited += 250) await pause(250);
      expect(await unsent()).toBe(0);
      await server.stop();

      const { rows: messages } = await database.db.query<{ id: number; kind: string }>(
        "select id, kind::text from outbox where kind <> 'live_event' order by id",
      );
      expect(messages.length).toBeGreaterThan(rounds * 8);
      const expected = messages.map((m) => `outbox-${m.id}`).sort();
      const received = [...new Set(gateway.calls.map((c) => c.key))].sort();
      expect(received).toEqual(expected);
      // a repeat (a call cut by the kill, sent again) carries the same key and the same message
      const bodies = new Map<string, Set<string>>();
      for (const call of gateway.calls) bodies.set(call.key, (bodies.get(call.key) ?? new Set()).add(call.body));
      for (const [key, set] of bodies) expect({ key, bodies: set.size }).toEqual({ key, bodies: 1 });

      // no dispatch half made: each alert has its one message, each cancellation its notice
      const { rows: alerts } = await database.db.query<{ state: string; alerts: number; messages: number; cancels: number }>(
        `select a.state::text, count(*)::int as alerts,
              sum((select count(*) from outbox o where o.kind = 'member_alert' and o.dispatch_id = a.dispatch_id and o.member_id = a.member_id))::int as messages,
              sum((select count(*) from outbox o where o.kind = 'member_cancel' and o.dispatch_id = a.dispatch_id and o.member_id = a.member_id))::int as cancels
       from dispatch_alert a group by 1 order by 1`,
      );
      for (const a of alerts) {
        expect(a.messages).toBe(a.alerts);
        if (a.state === 'cancelled') expect(a.cancels).toBe(a.alerts);
      }
      const { rows: dispatches } = await database.db.query<{ id: number; alerts: number; active_for_case: boolean }>(
        `select d.id, (select count(*)::int from dispatch_alert a where a.dispatch_id = d.id) as alerts,
              c.status = 'dispatched' as active_for_case
       from dispatch d join "case" c on c.id = d.case_id where d.status = 'active'`,
      );
      expect(dispatches.length).toBeGreaterThan(0);
      for (const d of dispatches) expect(d).toMatchObject({ alerts: 8, active_for_case: true });
      const {
        rows: [sms],
      } = await database.db.query<{ n: number }>("select count(*)::int as n from dispatch_alert where sms_status is distinct from 'sent'");
      expect(sms!.n).toBe(0);
    },
    120_000 + rounds * 20_000,
  );
});
