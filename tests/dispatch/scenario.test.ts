import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.ts';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { DispatchView, MemberAlertView } from '../../server/src/contract/dispatch.ts';
import { defaultPolicy } from '../../server/src/dispatch/engine.ts';
import { memberLink } from '../../server/src/member-link/member-link.ts';
import { deliverDue } from '../../server/src/dispatch/sender.ts';
import { sweepTimeouts } from '../../server/src/dispatch/service.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

const database = usePrivateDatabase('scenario');
let server: TestServer;
let dispatcher: ApiClient;
let site: { lng: number; lat: number; radius: number };

beforeAll(async () => {
  // no background sender: the test decides when deliveries happen
  server = await startTestServer(database.url, undefined, { workers: false });
  dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', demoCounty);
  // a village centre where exactly 3 available members live within the radius and 9+ within 500 m more
  const { rows } = await server.db.query<{ lng: number; lat: number; d3: number; d4: number; far: number }>(`
    select lng, lat, d[3] as d3, d[4] as d4, (select count(*) from member m where m.available
      and m.home && geodesic_box(lng, lat, d[3] + 500)
      and st_dwithin(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, d[3] + 500))::int as far
    from (
      select st_x(p) as lng, st_y(p) as lat, array(
        select n.distance_m from nearest_members(st_x(p), st_y(p), 100000, 4, true, '{}', array['510703'], array['510704'], null, null) n) as d
      from (select st_pointonsurface(geom) as p from area where level = 'village' order by code) v
    ) s
    where d[3] between 60 and 1500 and d[4] > d[3] + 2`);
  const pick = rows.find((r) => r.far >= 12)!;
  site = { lng: pick.lng, lat: pick.lat, radius: Math.floor(pick.d3) + 1 };
});
afterAll(async () => {
  await server.close();
});

const dispatchOf = (id: number) => dispatcher.getJson<DispatchView>(`/api/v1/dispatches/${id}`).then((a) => a.body);
const statesOf = (d: DispatchView) => d.alerts.map((a) => `${a.wave}:${a.state}`);
async function answerAs(dispatchId: number, memberId: number, what: 'accept' | 'decline' | 'arrived') {
  const link = await memberLink(server.db, dispatchId, memberId);
  return server.anonymous.send<MemberAlertView>('POST', `/api${link}/${what}`);
}

describe('a dispatch, from incident to close', () => {
  let caseId: number;
  let dispatchId: number;

  it('runs waves, declines, a timeout, radius widening, target reached, extras cancelled, arrival and close', async () => {
    const created = await dispatcher.send<CaseView>(
      'POST',
      '/api/v1/cases',
      { kind: 'medical', title: '老人突发疾病', lng: site.lng, lat: site.lat, severity: 'critical' },
      { 'idempotency-key': randomUUID() },
    );
    caseId = created.body.id;
    const started = await dispatcher.send<{ id: number }>('POST', `/api/v1/cases/${caseId}/dispatch`, {
      radius: site.radius,
      maxRadius: site.radius + 500,
      waveSize: 3,
      target: 2,
      alertTimeout: 1,
    });
    expect(started.status).toBe(201);
    dispatchId = started.body.id;

    let d = await dispatchOf(dispatchId);
    expect(statesOf(d)).toEqual(['1:alerted', '1:alerted', '1:alerted']);
    const wave1 = d.alerts.map((a) => a.member.id);

    // two decline: 1 pending + 0 accepted < target 2, and nobody else within the radius: it widens
    expect((await answerAs(dispatchId, wave1[0]!, 'decline')).status).toBe(200);
    expect((await answerAs(dispatchId, wave1[1]!, 'decline')).status).toBe(200);
    d = await dispatchOf(dispatchId);
    expect(d.radius_m).toBe(site.radius + 500);
    expect(d.alerts.filter((a) => a.wave === 2)).toHaveLength(3);
    expect(d.alerts.filter((a) => a.wave === 2).every((a) => a.distance_m > site.radius)).toBe(true);

    // nobody answers in time: all four open alerts time out and wave 3 goes out
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await sweepTimeouts(server.db, defaultPolicy);
    d = await dispatchOf(dispatchId);
    expect(d.alerts.filter((a) => a.state === 'timed_out')).toHaveLength(4);
    const wave3 = d.alerts.filter((a) => a.wave === 3).map((a) => a.member.id);
    expect(wave3).toHaveLength(3);

    // two accept: the target is reached and the third is told they are no longer needed
    expect((await answerAs(dispatchId, wave3[0]!, 'accept')).body.state).toBe('accepted');
    expect((await answerAs(dispatchId, wave3[1]!, 'accept')).body.state).toBe('accepted');
    d = await dispatchOf(dispatchId);
    expect(d.status).toBe('fulfilled');
    expect(d.accepted).toBe(2);
    expect(d.alerts.find((a) => a.member.id === wave3[2])!.state).toBe('cancelled');
    expect((await answerAs(dispatchId, wave3[2]!, 'accept')).status).toBe(409);

    expect((await answerAs(dispatchId, wave3[0]!, 'arrived')).body.state).toBe('arrived');
    expect((await dispatcher.send('POST', `/api/v1/dispatches/${dispatchId}/close`)).status).toBe(200);
    const closed = await dispatcher.send<CaseView>('POST', `/api/v1/cases/${caseId}/close`);
    expect(closed.body.status).toBe('closed');

    const notes = closed.body.timeline.map((e) => e.note ?? '');
    const expectInOrder = [
      /上报/,
      /发起调度/,
      /第 1 批/,
      /拒绝/,
      /拒绝/,
      /半径扩大/,
      /第 2 批/,
      /超时/,
      /第 3 批/,
      /接受/,
      /达到目标人数/,
      /已到达/,
      /调度结束/,
      /结案/,
    ];
    let at = 0;
    for (const pattern of expectInOrder) {
      const found = notes.findIndex((n, i) => i >= at && pattern.test(n));
      expect(found, `timeline lacks ${pattern} after entry ${at}: ${notes.join(' | ')}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('holds every alert and cancellation in the outbox, and a killed sender loses none of them', async () => {
    const { rows: notices } = await server.db.query<{ id: number; kind: string; member_id: number }>(
      "select id, kind, member_id from outbox where dispatch_id = $1 and kind <> 'live_event' order by id",
      [dispatchId],
    );
    expect(notices.filter((n) => n.kind === 'member_alert')).toHaveLength(9);
    expect(notices.filter((n) => n.kind === 'member_cancel')).toHaveLength(1);
    expect((await server.db.query("select 1 from outbox where dispatch_id = $1 and kind = 'live_event'", [dispatchId])).rowCount).toBeGreaterThan(5);

    // an SMS gateway that takes its time, so the sender can be killed in the middle
    const received: string[] = [];
    const gateway = http.createServer((req, res) => {
      received.push(String(req.headers['idempotency-key']));
      setTimeout(() => res.end('ok'), 300);
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'tests/dispatch/sender-child.ts')], {
        env: { ...process.env, DATABASE_URL: database.url, WEBHOOK_URL: webhookUrl, LEASE_SECONDS: '1' },
        stdio: 'ignore',
      });
      while (received.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const {
        rows: [afterKill],
      } = await server.db.query<{ n: number }>(
        "select count(*)::int as n from outbox where dispatch_id = $1 and kind <> 'live_event' and delivered_at is null",
        [dispatchId],
      );
      expect(afterKill!.n).toBeGreaterThan(0);

      // the next sender delivers the rest; whatever the killed one had in flight is sent again once its lease ends
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await deliverDue(server.db, { webhookUrl, publicUrl: server.baseUrl }, undefined, 1000);
      const {
        rows: [left],
      } = await server.db.query<{ n: number }>('select count(*)::int as n from outbox where dispatch_id = $1 and delivered_at is null', [dispatchId]);
      expect(left!.n).toBe(0);
      expect(new Set(received)).toEqual(new Set(notices.map((n) => `outbox-${n.id}`)));
    } finally {
      gateway.close();
    }
  });
});

describe("the member's link", () => {
  it('opens basemap tiles near the incident without a session, and nothing else', async () => {
    const {
      rows: [alert],
    } = await server.db.query<{ dispatch_id: number; member_id: number }>('select dispatch_id, member_id from dispatch_alert limit 1');
    const link = await memberLink(server.db, alert!.dispatch_id, alert!.member_id);
    const token = encodeURIComponent(link.slice('/m/'.length));
    const n = 2 ** 14;
    const x = Math.floor(((site.lng + 180) / 360) * n);
    const r = (site.lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    const roads = await server.anonymous.get(`/tiles/roads/14/${x}/${y}.mvt?m=${token}`);
    expect(roads.status).toBe(200);
    const grids = await server.anonymous.get(`/tiles/grids/14/${x}/${y}.mvt?m=${token}`);
    expect((await grids.arrayBuffer()).byteLength).toBe(0);
    expect((await server.anonymous.get(`/tiles/roads/14/${x}/${y}.mvt?m=forged.token`)).status).toBe(401);
    expect((await server.anonymous.get(`/api/v1/areas?m=${token}`)).status).toBe(401);
  });
});

describe('who a wave alerts', () => {
  it('leaves out members engaged in another open dispatch and members over the daily cap', async () => {
    const open = async (title: string) => {
      const c = await dispatcher.send<CaseView>(
        'POST',
        '/api/v1/cases',
        { kind: 'flood', title, lng: 104.741, lat: 31.461 },
        { 'idempotency-key': randomUUID() },
      );
      const s = await dispatcher.send<{ id: number }>('POST', `/api/v1/cases/${c.body.id}/dispatch`, { radius: 2000, waveSize: 5, target: 5 });
      return dispatchOf(s.body.id);
    };
    const first = await open('积水一');
    const second = await open('积水二');
    const firstIds = new Set(first.alerts.map((a) => a.member.id));
    expect(second.alerts.some((a) => firstIds.has(a.member.id))).toBe(false);

    // the nearest member of the first dispatch hits the cap: after it closes they are still left out
    const tired = first.alerts[0]!.member.id;
    await server.db.query(
      `with earlier as (
         insert into dispatch (case_id, radius_m, max_radius_m, wave_size, target, status, closed_at)
         select $2, 100, 100, 1, 1, 'closed', now() from generate_series(1, 4) returning id)
       insert into dispatch_alert (dispatch_id, member_id, wave, state, distance_m, alerted_at)
       select id, $1, 1, 'declined', 0, now() - interval '1 hour' from earlier`,
      [tired, first.case_id],
    );
    await dispatcher.send('POST', `/api/v1/dispatches/${first.id}/close`);
    await dispatcher.send('POST', `/api/v1/dispatches/${second.id}/close`);
    const third = await open('积水三');
    expect(third.alerts.map((a) => a.member.id)).not.toContain(tired);
  });
});
