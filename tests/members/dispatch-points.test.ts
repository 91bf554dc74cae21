import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberAlertView } from '../../server/src/contract/dispatch.ts';
import type { PointsLedger } from '../../server/src/contract/members.ts';
import { memberLink } from '../../server/src/member-link/member-link.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * A member who answers a dispatch and arrives is credited by the points rule automatically (the
 * trigger of sql/000024), once for answering and once for arriving, however the answers come.
 */
const database = usePrivateDatabase('dispatch_points');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

async function answer(dispatchId: number, memberId: number, what: 'accept' | 'arrived') {
  const link = await memberLink(server.db, dispatchId, memberId);
  return server.anonymous.send<MemberAlertView>('POST', `/api${link}/${what}`);
}

const ledgerOf = async (id: number) => (await server.admin.getJson<PointsLedger>(`/api/v1/members/${id}/points`)).body;

describe('points for dispatches', () => {
  it('credits answering and arriving once each, through the member link', async () => {
    const {
      rows: [site],
    } = await server.db.query<{ lng: number; lat: number }>(
      'select st_x(home) as lng, st_y(home) as lat from member where available and left_on is null order by id limit 1',
    );
    const created = await server.admin.send<{ id: number }>(
      'POST',
      '/api/v1/cases',
      { kind: 'medical', title: '积分测试', lng: site!.lng, lat: site!.lat },
      { 'idempotency-key': randomUUID() },
    );
    expect(created.status).toBe(201);
    const started = await server.admin.send<{ id: number }>('POST', `/api/v1/cases/${created.body.id}/dispatch`, { radius: 500, waveSize: 1, target: 1 });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const dispatchId = started.body.id;
    const {
      rows: [alert],
    } = await server.db.query<{ member_id: number }>('select member_id from dispatch_alert where dispatch_id = $1', [dispatchId]);
    const memberId = alert!.member_id;
    const before = await ledgerOf(memberId);
    const rules = await server.db.query<{ kind: string; points: number }>("select kind::text, points from points_rule where kind::text like 'dispatch%'");
    const worth = Object.fromEntries(rules.rows.map((r) => [r.kind, r.points])) as Record<string, number>;

    expect((await answer(dispatchId, memberId, 'accept')).status).toBe(200);
    const accepted = await ledgerOf(memberId);
    expect(accepted.balance).toBe(before.balance + worth.dispatch_answered!);
    expect(accepted.entries[0]).toMatchObject({ kind: 'dispatch_answered', points: worth.dispatch_answered, dispatch_id: dispatchId });

    expect((await answer(dispatchId, memberId, 'arrived')).status).toBe(200);
    await answer(dispatchId, memberId, 'accept');
    await answer(dispatchId, memberId, 'arrived');
    const arrived = await ledgerOf(memberId);
    const mine = arrived.entries.filter((e) => e.dispatch_id === dispatchId);
    expect(mine.map((e) => e.kind).sort()).toEqual(['dispatch_answered', 'dispatch_arrived']);
    expect(arrived.balance).toBe(before.balance + worth.dispatch_answered! + worth.dispatch_arrived!);
    expect(arrived.entries.reduce((s, e) => s + e.points, 0)).toBe(arrived.balance);
  });
});
