import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import type { MemberAlertView, MemberLinkView } from '../../server/src/contract/dispatch.ts';
import { createLogger } from '../../server/src/logger.ts';
import { signInAs } from '../support/api-client.ts';
import { capturedLog } from '../support/captured-log.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * An exercise (演练) with no SMS gateway: the console reads each alerted member's link. The link is
 * the member's credential: audited, never stored, never logged, and not shown at all when a gateway
 * sends it.
 */
let server: TestServer;
const logged = capturedLog();
let dispatchId: number;
let memberId: number;

beforeAll(async () => {
  server = await startTestServer(undefined, logged.log, { workers: false });
  const {
    rows: [p],
  } = await server.db.query<{ p: [number, number] }>(
    "select array[st_x(st_pointonsurface(geom)), st_y(st_pointonsurface(geom))] as p from area where level = 'community' order by code limit 1",
  );
  const created = await server.admin.send<{ id: number }>(
    'POST',
    '/api/v1/cases',
    { kind: 'test', title: '演练链接', lng: p!.p[0], lat: p!.p[1] },
    { 'idempotency-key': randomUUID() },
  );
  const started = await server.admin.send<{ id: number }>('POST', `/api/v1/cases/${created.body.id}/dispatch`, { radius: 2000, waveSize: 2, target: 1 });
  expect(started.status).toBe(201);
  dispatchId = started.body.id;
  const { rows } = await server.db.query<{ member_id: string }>('select member_id from dispatch_alert where dispatch_id = $1 limit 1', [dispatchId]);
  memberId = Number(rows[0]!.member_id);
});
afterAll(async () => {
  await server.close();
});

describe("a member's link in an exercise", () => {
  it('is the working link, the same on every read, each read audited, never stored or logged', async () => {
    const path = `/api/v1/dispatches/${dispatchId}/members/${memberId}/link`;
    const first = await server.admin.getJson<MemberLinkView>(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body.member_id).toBe(memberId);
    expect(first.body.url).toBeNull();
    expect(first.body.path).toMatch(/^\/m\/[\w-]+\.[\w-]+$/);
    expect(Date.parse(first.body.expires_at)).toBeGreaterThan(Date.now());
    const second = await server.admin.getJson<MemberLinkView>(path);
    expect(second.body.path).toBe(first.body.path);

    const alert = await server.anonymous.getJson<MemberAlertView>(`/api${first.body.path}`);
    expect(alert.status).toBe(200);
    expect(alert.body.state).toBe('alerted');

    const { rows } = await server.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'dispatch.read_member_link' and target_ids = array[$1::bigint] and detail->>'dispatch_id' = $2 and user_id = $3",
      [memberId, String(dispatchId), server.admin.userId],
    );
    expect(rows[0]!.n).toBe(2);

    await new Promise((resolve) => setTimeout(resolve, 100));
    const token = first.body.path.slice('/m/'.length);
    expect(logged.text()).toContain(`/members/${memberId}/link`);
    expect(logged.text()).not.toContain(token.split('.')[1]);
  });

  it('answers 404 for a member not alerted in the dispatch', async () => {
    const answer = await server.admin.getJson<{ error: { code: string } }>(`/api/v1/dispatches/${dispatchId}/members/999999999/link`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });

  it('is not shown when an SMS gateway sends it', async () => {
    const app = createApp({ db: server.db, log: createLogger('silent'), smsGateway: true });
    const other = createHttpServer(app).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => other.once('listening', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const admin = await signInAs(baseUrl, server.db, 'admin', demoCounty);
      const answer = await admin.getJson<{ error: { code: string } }>(`/api/v1/dispatches/${dispatchId}/members/${memberId}/link`);
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('links_sent_by_sms');
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('is absolute when PUBLIC_URL is set', async () => {
    const app = createApp({ db: server.db, log: createLogger('silent'), publicUrl: 'https://redgrid.example.gov.cn' });
    const other = createHttpServer(app).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => other.once('listening', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const admin = await signInAs(baseUrl, server.db, 'admin', demoCounty);
      const answer = await admin.getJson<MemberLinkView>(`/api/v1/dispatches/${dispatchId}/members/${memberId}/link`);
      expect(answer.body.url).toBe(`https://redgrid.example.gov.cn${answer.body.path}`);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
