import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsSummary } from '../../server/src/contract/stats.ts';
import { wallClient, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** Key figures against direct counts on the raw tables (a private database: cases and dispatches are added). */
const database = usePrivateDatabase('stats');
let server: TestServer;
let wall: ApiClient;
const county = '510703000000';

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  wall = await wallClient(server.baseUrl, server.db, county);
});
afterAll(async () => {
  await server.close();
});

async function summary(area?: string): Promise<StatsSummary> {
  const answer = await wall.getJson<StatsSummary>(`/api/v1/stats/summary${area ? `?area=${area}` : ''}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>(sql, params);
  return Number(rows[0]!.n);
}

describe('GET /api/v1/stats/summary', () => {
  it('members, organizations, places and new-type organizations equal direct counts, for the county and each town', async () => {
    const s = await summary();
    expect(s.code).toBe(county);
    expect(s.children.length).toBe(await count('select count(*) as n from area where parent_code = $1', [county]));
    for (const unit of [s, ...s.children.slice(0, 4)]) {
      const prefix = unit.level === 'county' ? unit.code.slice(0, 6) : unit.code.slice(0, 9);
      const members = (
        await server.db.query(
          `select count(*)::int as total, count(*) filter (where m.available)::int as available, count(*) filter (where m.mobile)::int as mobile,
                count(*) filter (where m.in_service)::int as in_service, count(*) filter (where cardinality(m.skills) > 0)::int as skilled
         from member m join org o on o.id = m.org_id where o.area_code like $1`,
          [`${prefix}%`],
        )
      ).rows[0];
      expect(unit.members).toEqual(members);
      expect(unit.organizations.total).toBe(await count('select count(*) as n from org where area_code like $1', [`${prefix}%`]));
      expect(Object.values(unit.organizations.by_kind).reduce((a, b) => a + b, 0)).toBe(unit.organizations.total);
      expect(Object.values(unit.organizations.by_sector).reduce((a, b) => a + b, 0)).toBe(unit.organizations.total);
      expect(unit.service_positions.total).toBe(await count('select count(*) as n from place where area_code like $1', [`${prefix}%`]));
      const n = unit.new_orgs;
      expect(n.total).toBe(await count('select count(*) as n from new_org where area_code like $1', [`${prefix}%`]));
      expect(n.covered).toBe(await count('select count(*) as n from new_org where area_code like $1 and coverage_mode is not null', [`${prefix}%`]));
      if (n.total > 0) expect(n.coverage_rate).toBeCloseTo(n.covered / n.total, 3);
      expect(unit.coverage.cells).toBe(await count('select count(*) as n from coverage_cell where area_code like $1', [`${prefix}%`]));
      expect(unit.coverage.households).toBe(
        await count('select coalesce(sum(households), 0) as n from building_reach where area_code like $1', [`${prefix}%`]),
      );
    }
    expect(s.coverage_settings).toMatchObject({ k: expect.any(Number), radius_m: 1000, reach_distance_m: 1000 });
    expect(s.coverage_settings.computed_at).not.toBeNull();
  });

  it('counts a new case as open and reported today, and the median time to the first acceptance', async () => {
    const before = await summary();
    const [lng, lat] = (
      await server.db.query<{ p: [number, number] }>(
        "select array[st_x(st_pointonsurface(geom)), st_y(st_pointonsurface(geom))] as p from area where level = 'community' limit 1",
      )
    ).rows[0]!.p;
    const created = await server.admin.send<{ id: number }>(
      'POST',
      '/api/v1/cases',
      { kind: 'test', title: '统计测试', lng, lat },
      { 'idempotency-key': randomUUID() },
    );
    const dispatch = await server.admin.send<{ id: number }>('POST', `/api/v1/cases/${created.body.id}/dispatch`, { radius: 1000, waveSize: 3, target: 1 });
    expect(dispatch.status).toBe(201);
    // the first member accepts 42 s after the dispatch, a second one later
    await server.db.query(
      `update dispatch_alert a set state = 'accepted', answered_at = d.created_at + (case when a.member_id = x.first then 42 else 99 end) * interval '1 second'
       from dispatch d, (select min(member_id) as first, max(member_id) as last from dispatch_alert where dispatch_id = $1) x
       where d.id = a.dispatch_id and a.dispatch_id = $1 and a.member_id in (x.first, x.last)`,
      [dispatch.body.id],
    );
    const after = await summary();
    expect(after.cases.open).toBe(before.cases.open + 1);
    expect(after.cases.reported_today).toBe(before.cases.reported_today + 1);
    expect(after.dispatch.today).toBe(before.dispatch.today + 1);
    expect(after.dispatch.median_first_accept_s).toBe(42);
  });

  it('answers 404 for an area out of scope and 400 for a malformed code, and the wall never sees a member', async () => {
    const town = await wallClient(server.baseUrl, server.db, '510703001000');
    const other = (await server.db.query<{ code: string }>("select code from area where level = 'town' and code <> '510703001000' limit 1")).rows[0]!.code;
    expect((await town.getJson(`/api/v1/stats/summary?area=${other}`)).status).toBe(404);
    expect((await town.getJson(`/api/v1/stats/summary?area=${county}`)).status).toBe(404);
    const own = await town.getJson<StatsSummary>('/api/v1/stats/summary');
    expect(own.body.code).toBe('510703001000');
    const bad = await wall.getJson<{ error: { code: string } }>('/api/v1/stats/summary?area=12');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_query');
    const names = (await server.db.query<{ name: string }>('select name from member order by id limit 200')).rows.map((r) => r.name);
    const text = JSON.stringify(own.body);
    for (const name of names) expect(text).not.toContain(name);
  });
});

describe('GET /api/v1/cases/feed', () => {
  it('lists the newest cases first with where and when, and nothing about people', async () => {
    const feed = await wall.getJson<{ cases: Array<Record<string, unknown>> }>('/api/v1/cases/feed?limit=5');
    expect(feed.status).toBe(200);
    expect(feed.body.cases.length).toBeGreaterThan(0);
    const first = feed.body.cases[0]!;
    expect(Object.keys(first).sort()).toEqual(['community', 'id', 'kind', 'location', 'reported_at', 'severity', 'status', 'title', 'town']);
    const times = feed.body.cases.map((c) => Date.parse(String(c.reported_at)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await wall.getJson('/api/v1/cases/feed?limit=0')).status).toBe(400);
  });
});
