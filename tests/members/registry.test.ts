import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberDetail, MemberList, PointsLedger, RegistryRules, StarReview } from '../../server/src/contract/members.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * The member registry kept current: create, read, edit, the list's filters, every movement with
 * its history, scope (in, out, and a transfer into an organization outside the scope), bad input
 * answered 4xx with nothing written, and the points ledger whose sum is the balance. A private
 * database: the tests change members.
 */
const database = usePrivateDatabase('members_registry');
let server: TestServer;
let secretary: ApiClient;
let townAdmin: ApiClient;
const ctx = {} as {
  community: string;
  town: string;
  orgC1: { id: number; name: string };
  orgC2: { id: number; name: string };
  orgB: number;
  home: [number, number];
  otherCommunity: string;
};

const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query(sql, params)).rows[0] as T;
const ids = async (sql: string, params: unknown[] = []) => (await server.db.query<{ id: number }>(sql, params)).rows.map((r) => Number(r.id));

/** Row counts of what a write may touch: nothing may change when a write is refused. */
type Counts = { member: number; history: number; audit: number; points: number; reviews: number; members: string };
const counts = () =>
  one<Counts>(
    `select (select count(*) from member)::int as member, (select count(*) from registry_history)::int as history,
            (select count(*) from audit_log)::int as audit, (select count(*) from member_points)::int as points,
            (select count(*) from star_review)::int as reviews,
            (select md5(string_agg(concat_ws('|', id, org_id, left_on, registration_community, mobile, mobile_whereabouts, points, stars, phone, available), ',' order by id)) from member) as members`,
  );

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  // a community with two open organizations that have members, and a town far from it
  const c = await one<{ code: string; parent_code: string }>(
    `select a.code, a.parent_code from area a join org o on o.area_code = a.code
     where a.level = 'community' and exists (select 1 from member m where m.org_id = o.id)
     group by a.code, a.parent_code having count(distinct o.id) >= 2 order by count(*) desc, a.code limit 1`,
  );
  const orgs = await server.db.query<{ id: number; name: string }>(
    'select o.id, o.name from org o where o.area_code = $1 and exists (select 1 from member m where m.org_id = o.id) order by o.id limit 2',
    [c.code],
  );
  const b = await one<{ id: number }>(
    'select o.id from org o where left(o.area_code, 9) <> left($1, 9) and exists (select 1 from member m where m.org_id = o.id) order by o.id limit 1',
    [c.code],
  );
  const home = await one<{ lng: number; lat: number }>(
    'select st_x(m.home) as lng, st_y(m.home) as lat from member m where m.org_id = $1 order by m.id limit 1',
    [orgs.rows[0]!.id],
  );
  const other = await one<{ code: string }>("select code from area where level in ('community', 'village') and code <> $1 order by code limit 1", [c.code]);
  Object.assign(ctx, {
    community: c.code,
    town: c.parent_code,
    orgC1: orgs.rows[0],
    orgC2: orgs.rows[1],
    orgB: b.id,
    home: [home.lng, home.lat],
    otherCommunity: other.code,
  });
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', c.code);
  townAdmin = await signInAs(server.baseUrl, server.db, 'admin', c.parent_code);
});
afterAll(async () => {
  await server.close();
});

const newMember = (over: Record<string, unknown> = {}) => ({
  name: '测试党员',
  gender: 'female',
  birth_year: 1985,
  org_id: ctx.orgC1.id,
  position: ctx.home,
  phone: '13800001234',
  skills: ['first_aid', 'driving'],
  in_service: true,
  joined_on: '2010-07-01',
  ...over,
});

async function created(over: Record<string, unknown> = {}): Promise<MemberDetail> {
  const answer = await secretary.send<MemberDetail>('POST', '/api/v1/members', newMember(over));
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** Sends a refused write and proves nothing was written. */
async function refused(client: ApiClient, method: string, path: string, body: unknown, status: number, code: string) {
  const before = await counts();
  const answer = await client.send<{ error: { code: string } }>(method, path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.error.code).toBe(code);
  expect(await counts()).toEqual(before);
}

const lastAudit = (action: string) =>
  one<{ n: number; user_id: number; target_ids: number[] } | undefined>(
    'select count(*) over ()::int as n, user_id, target_ids::float8[] as target_ids from audit_log where action = $1 order by id desc limit 1',
    [action],
  );

describe('creating, reading and editing a member', () => {
  it('creates a member of an organization in scope, answers the exact record, and keeps history and audit', async () => {
    const before = await counts();
    const m = await created();
    expect(m).toMatchObject({
      name: '测试党员',
      gender: 'female',
      birth_year: 1985,
      org: ctx.orgC1,
      phone: '13800001234',
      position: ctx.home,
      precision: 'exact',
      skills: ['first_aid', 'driving'],
      in_service: true,
      available: true,
      mobile: false,
      stars: 3,
      points: 0,
      joined_on: '2010-07-01',
      left_on: null,
      registration: null,
      mobile_place: null,
      left: null,
    });
    expect(m.history.map((h) => [h.action, h.detail])).toEqual([['created', { org: ctx.orgC1 }]]);
    expect(m.history[0]!.actor).toBe('测试secretary');
    const after = await counts();
    expect([after.member - before.member, after.history - before.history, after.audit - before.audit]).toEqual([1, 1, 2]);
    expect((await lastAudit('member.create'))!.target_ids).toEqual([m.id]);
    expect((await lastAudit('member.read_exact'))!.target_ids).toEqual([m.id]);
    const read = await secretary.getJson<MemberDetail>(`/api/v1/members/${m.id}`);
    expect(read.body).toEqual(m);
  });

  it('refuses bad input and places out of scope with 4xx, writing nothing', async () => {
    await refused(secretary, 'POST', '/api/v1/members', newMember({ org_id: ctx.orgB }), 404, 'not_found');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ org_id: 999_999_999 }), 404, 'not_found');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ position: [10, 10] }), 422, 'outside_territory');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ phone: '12345' }), 400, 'invalid_body');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ gender: 'x' }), 400, 'invalid_body');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ name: '' }), 400, 'invalid_body');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ skills: ['DROP TABLE'] }), 400, 'invalid_body');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ joined_on: '2010-02-30' }), 400, 'invalid_body');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ stars: 5 }), 400, 'invalid_body');
    const planner = await signInAs(server.baseUrl, server.db, 'planner', ctx.town);
    await refused(planner, 'POST', '/api/v1/members', newMember(), 403, 'forbidden');
  });

  it('edits only what differs, naming the fields (never their values) in the history', async () => {
    const m = await created();
    const edited = await secretary.send<MemberDetail>('PATCH', `/api/v1/members/${m.id}`, {
      phone: '13900005678',
      skills: ['driving', 'first_aid'],
      available: false,
      birth_year: null,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ phone: '13900005678', available: false, birth_year: null, skills: ['first_aid', 'driving'] });
    // the fields in the order the contract lists them; skills given in another order are the same skills
    expect(edited.body.history.at(-1)).toMatchObject({ action: 'edited', detail: { changed: ['birth_year', 'phone', 'available'] } });
    expect(JSON.stringify(edited.body.history)).not.toContain('13900005678');

    const before = await counts();
    const same = await secretary.send<MemberDetail>('PATCH', `/api/v1/members/${m.id}`, { phone: '13900005678' });
    expect(same.status).toBe(200);
    const after = await counts();
    expect(after.history).toBe(before.history);
    expect(after.audit - before.audit).toBe(1); // the exact read of the answer only

    const moved = await secretary.send<MemberDetail>('PATCH', `/api/v1/members/${m.id}`, { position: [ctx.home[0] + 0.001, ctx.home[1]] });
    expect(moved.body.position).toEqual([ctx.home[0] + 0.001, ctx.home[1]]);

    await refused(secretary, 'PATCH', `/api/v1/members/${m.id}`, {}, 400, 'invalid_body');
    await refused(secretary, 'PATCH', `/api/v1/members/${m.id}`, { stars: 5 }, 400, 'invalid_body');
    await refused(secretary, 'PATCH', `/api/v1/members/${m.id}`, { position: [0, 0] }, 422, 'outside_territory');
    const outside = await one<{ id: number }>('select id from member where org_id = $1 limit 1', [ctx.orgB]);
    await refused(secretary, 'PATCH', `/api/v1/members/${outside.id}`, { phone: '13900005678' }, 404, 'not_found');
  });
});

describe('the list', () => {
  /** The first page of current members of the town where `condition` holds, by id, straight from the tables. */
  const truth = (condition: string, params: unknown[] = [], status = 'm.left_on is null') =>
    ids(
      `select m.id from member m join org o on o.id = m.org_id
       where left(o.area_code, 9) = left($1, 9) and ${status} and (${condition}) order by m.id limit 200`,
      [ctx.town, ...params],
    );
  const listed = async (query: string) => {
    const answer = await townAdmin.getJson<MemberList>(`/api/v1/members?limit=200&${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.members.map((m) => m.id);
  };

  it('filters by each filter as the tables say', async () => {
    const sample = await one<{ name: string; org_id: number; community: string; grid: string }>(
      `select m.name, m.org_id, (select registration_community from member x join org y on y.id = x.org_id
                                  where left(y.area_code, 9) = left($1, 9) and x.registration_community is not null
                                  group by 1 order by count(*) desc limit 1) as community,
              (select min(g.code) from grid g where left(g.community_code, 9) = left($1, 9)) as grid
       from member m join org o on o.id = m.org_id where left(o.area_code, 9) = left($1, 9) order by m.id limit 1`,
      [ctx.town],
    );
    const q = sample.name.slice(0, 1);
    const cases: Array<[string, string, unknown[]]> = [
      [`q=${encodeURIComponent(q)}`, 'strpos(m.name, $2) > 0', [q]],
      [`org=${sample.org_id}`, 'm.org_id = $2', [sample.org_id]],
      [
        `grid=${sample.grid}`,
        'exists (select 1 from grid_version g where g.grid_code = $2 and g.valid_to is null and st_intersects(g.geom, m.home))',
        [sample.grid],
      ],
      [`community=${sample.community}`, 'm.registration_community = $2', [sample.community]],
      ['mobile=true', 'm.mobile', []],
      ['in_service=false', 'not m.in_service', []],
      ['available=false', 'not m.available', []],
      ['skills=first_aid,driving', "m.skills @> '{first_aid,driving}'", []],
      ['stars=4,5', 'm.stars in (4, 5)', []],
      [
        'bbox=' + `${ctx.home[0] - 0.01},${ctx.home[1] - 0.01},${ctx.home[0] + 0.01},${ctx.home[1] + 0.01}`,
        'm.home && st_makeenvelope($2, $3, $4, $5, 4326)',
        [ctx.home[0] - 0.01, ctx.home[1] - 0.01, ctx.home[0] + 0.01, ctx.home[1] + 0.01],
      ],
      ['mobile=false&stars=3&skills=driving', "not m.mobile and m.stars = 3 and m.skills @> '{driving}'", []],
    ];
    for (const [query, condition, params] of cases) {
      const expected = await truth(condition, params);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(await listed(query), query).toEqual(expected);
    }
  });

  it('pages through a filter by next_after', async () => {
    const first = await townAdmin.getJson<MemberList>('/api/v1/members?limit=50&in_service=true');
    const second = await townAdmin.getJson<MemberList>(`/api/v1/members?limit=50&in_service=true&after=${first.body.next_after}`);
    const expected = await ids(
      `select m.id from member m join org o on o.id = m.org_id where left(o.area_code, 9) = left($1, 9) and m.in_service and m.left_on is null order by m.id limit 100`,
      [ctx.town],
    );
    expect([...first.body.members, ...second.body.members].map((m) => m.id)).toEqual(expected);
  });

  it('lists current members by default, those who left with status=left, both with status=all', async () => {
    const m = await created();
    expect((await secretary.send('POST', `/api/v1/members/${m.id}/leave`, { reason: '迁出' })).status).toBe(200);
    const org = `org=${ctx.orgC1.id}`;
    expect(await listed(org)).not.toContain(m.id);
    expect(await listed(`${org}&status=left`)).toContain(m.id);
    expect(await listed(`${org}&status=all`)).toContain(m.id);
    expect(await listed(`${org}&status=left`)).toEqual(await truth('m.org_id = $2', [ctx.orgC1.id], 'm.left_on is not null'));
    expect(await listed(`${org}&status=all`)).toEqual(await truth('m.org_id = $2', [ctx.orgC1.id], 'true'));
    const summary = (await townAdmin.getJson<MemberList>(`/api/v1/members?${org}&status=left`)).body.members.find((s) => s.id === m.id);
    expect(summary?.left_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses filters it cannot read', async () => {
    for (const query of ['status=gone', 'stars=6', 'skills=First_Aid', 'mobile=yes', 'grid=123', 'community=51070300100', 'q=', 'org=abc']) {
      const answer = await townAdmin.getJson<{ error: { code: string } }>(`/api/v1/members?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('invalid_query');
    }
  });
});

describe('movements, each kept as history', () => {
  it('transfers within scope, and refuses an organization outside it with 404 and nothing written', async () => {
    const m = await created();
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/transfer`, { org_id: ctx.orgB, reason: '越权' }, 404, 'not_found');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/transfer`, { org_id: ctx.orgC1.id }, 409, 'conflict');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/transfer`, { org_id: '1' }, 400, 'invalid_body');
    const moved = await secretary.send<MemberDetail>('POST', `/api/v1/members/${m.id}/transfer`, {
      org_id: ctx.orgC2.id,
      effective_on: '2026-11-30',
      reason: '工作调动',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.org).toEqual(ctx.orgC2);
    expect(moved.body.history.at(-1)).toMatchObject({
      action: 'transferred',
      effective_on: '2026-11-30',
      reason: '工作调动',
      detail: { from: ctx.orgC1, to: ctx.orgC2 },
    });
    expect((await lastAudit('member.transfer'))!.target_ids).toEqual([m.id]);
  });

  it('a closed organization takes no transfers', async () => {
    const m = await created();
    const closed = await one<{ id: number }>(
      `insert into org (name, kind, sector, area_code, geom, closed_on, close_reason)
       select '已撤销支部', kind, sector, area_code, geom, current_date, '测试' from org where id = $1 returning id`,
      [ctx.orgC2.id],
    );
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/transfer`, { org_id: closed.id }, 404, 'not_found');
    await refused(secretary, 'POST', '/api/v1/members', newMember({ org_id: closed.id }), 404, 'not_found');
  });

  it('registers with a community and ends the registration', async () => {
    const m = await created();
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/registration`, { community_code: '510703999999' }, 404, 'not_found');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/registration`, { community_code: ctx.town }, 404, 'not_found');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/registration/end`, {}, 409, 'not_registered');
    const name = (await one<{ name: string }>('select name from area where code = $1', [ctx.community])).name;
    const registered = await secretary.send<MemberDetail>('POST', `/api/v1/members/${m.id}/registration`, {
      community_code: ctx.community,
      effective_on: '2026-03-01',
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(registered.body.registration).toEqual({ community_code: ctx.community, community_name: name, since: '2026-03-01' });
    expect(registered.body.registration_community).toBe(name);
    expect(registered.body.history.at(-1)).toMatchObject({
      action: 'registered',
      effective_on: '2026-03-01',
      detail: { community: { code: ctx.community, name }, previous: null },
    });
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/registration`, { community_code: ctx.community }, 409, 'conflict');
    const listed = await secretary.getJson<MemberList>(`/api/v1/members?community=${ctx.community}&org=${ctx.orgC1.id}&limit=500`);
    expect(listed.body.members.map((s) => s.id)).toContain(m.id);

    const ended = await secretary.send<MemberDetail>('POST', `/api/v1/members/${m.id}/registration/end`, { reason: '搬家' });
    expect(ended.body.registration).toBeNull();
    expect(ended.body.history.at(-1)).toMatchObject({
      action: 'registration_ended',
      reason: '搬家',
      detail: { community: { code: ctx.community, name }, since: '2026-03-01' },
    });
  });

  it('marks a member mobile (an area or words), moves them on, and ends it', async () => {
    const m = await created();
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/mobile`, {}, 400, 'invalid_body');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/mobile`, { area_code: '510703999999' }, 404, 'not_found');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/mobile/end`, {}, 409, 'not_mobile');
    const away = await secretary.send<MemberDetail>('POST', `/api/v1/members/${m.id}/mobile`, { whereabouts: '广东省深圳市南山区', since: '2026-05-01' });
    expect(away.status, JSON.stringify(away.body)).toBe(200);
    expect(away.body).toMatchObject({
      mobile: true,
      mobile_whereabouts: '广东省深圳市南山区',
      mobile_place: { area_code: null, area_name: null, whereabouts: '广东省深圳市南山区', since: '2026-05-01' },
    });
    const areaName = (await one<{ name: string }>('select name from area where code = $1', [ctx.otherCommunity])).name;
    const moved = await secretary.send<MemberDetail>('POST', `/api/v1/members/${m.id}/mobile`, { area_code: ctx.otherCommunity });
    expect(moved.body.mobile_place).toMatchObject({ area_code: ctx.otherCommunity, area_name: areaName, whereabouts: null });
    expect(moved.body.mobile_whereabouts).toBe(areaName);
    expect(moved.body.history.at(-1)).toMatchObject({
      action: 'mobile',
      detail: { area: { code: ctx.otherCommunity, name: areaName }, whereabouts: null, previous: { area: null, whereabouts: '广东省深圳市南山区' } },
    });
    const back = await secretary.send<MemberDetail>('POST', `/api/v1/members/${m.id}/mobile/end`, { effective_on: '2026-11-01' });
    expect(back.body).toMatchObject({ mobile: false, mobile_place: null, mobile_whereabouts: null });
    expect(back.body.history.at(-1)).toMatchObject({ action: 'mobile_ended', effective_on: '2026-11-01' });
  });

  it('a member who leaves keeps the history, is unavailable, and takes no more changes', async () => {
    const m = await created();
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/leave`, {}, 400, 'invalid_body');
    const left = await secretary.send<MemberDetail>('POST', `/api/v1/members/${m.id}/leave`, { effective_on: '2026-12-01', reason: '组织关系转出本县' });
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(left.body).toMatchObject({ left: { on: '2026-12-01', reason: '组织关系转出本县' }, left_on: '2026-12-01', available: false });
    expect(left.body.history.map((h) => h.action)).toEqual(['created', 'left']);
    for (const [path, body] of [
      ['leave', { reason: '再次' }],
      ['transfer', { org_id: ctx.orgC2.id }],
      ['registration', { community_code: ctx.community }],
      ['mobile', { whereabouts: '外地' }],
      ['points', { kind: 'activity' }],
    ] as const) {
      await refused(secretary, 'POST', `/api/v1/members/${m.id}/${path}`, body, 409, 'member_left');
    }
    await refused(secretary, 'PATCH', `/api/v1/members/${m.id}`, { available: true }, 409, 'member_left');
    expect((await secretary.getJson<MemberDetail>(`/api/v1/members/${m.id}`)).body.left).toEqual({ on: '2026-12-01', reason: '组织关系转出本县' });
  });

  it('answers 404 for a member outside the scope, writing nothing', async () => {
    const outside = await one<{ id: number }>('select id from member where org_id = $1 limit 1', [ctx.orgB]);
    for (const [path, body] of [
      ['transfer', { org_id: ctx.orgC1.id }],
      ['registration', { community_code: ctx.community }],
      ['registration/end', {}],
      ['mobile', { whereabouts: '外地' }],
      ['mobile/end', {}],
      ['leave', { reason: '越权' }],
      ['points', { kind: 'activity' }],
    ] as const) {
      await refused(secretary, 'POST', `/api/v1/members/${outside.id}/${path}`, body, 404, 'not_found');
    }
    expect((await secretary.getJson(`/api/v1/members/${outside.id}/points`)).status).toBe(404);
  });
});

describe('the points ledger', () => {
  const sumOf = (id: number) =>
    one<{ sum: number; points: number }>(
      'select (select coalesce(sum(points), 0)::int from member_points where member_id = $1) as sum, points from member where id = $1',
      [id],
    );

  it('credits by the rule or as given, and the balance is the sum of the entries', async () => {
    const m = await created();
    const rules = (await secretary.getJson<RegistryRules>('/api/v1/registry/rules')).body;
    const activity = await secretary.send<PointsLedger>('POST', `/api/v1/members/${m.id}/points`, { kind: 'activity', note: '主题党日' });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    expect(activity.body.balance).toBe(rules.points.activity);
    expect(activity.body.entries[0]).toMatchObject({ kind: 'activity', points: rules.points.activity, note: '主题党日', dispatch_id: null });
    await secretary.send('POST', `/api/v1/members/${m.id}/points`, { kind: 'service', points: 7, earned_on: '2026-06-01' });
    await secretary.send('POST', `/api/v1/members/${m.id}/points`, { kind: 'wish' });
    const adjusted = await secretary.send<PointsLedger>('POST', `/api/v1/members/${m.id}/points`, { kind: 'adjustment', points: -3, note: '更正' });
    const expected = rules.points.activity + 7 + rules.points.wish - 3;
    expect(adjusted.body.balance).toBe(expected);
    expect(adjusted.body.entries.reduce((s, e) => s + e.points, 0)).toBe(expected);
    expect(await sumOf(m.id)).toEqual({ sum: expected, points: expected });
    const read = await townAdmin.getJson<PointsLedger>(`/api/v1/members/${m.id}/points`);
    expect(read.body).toEqual(adjusted.body);
    expect((await secretary.getJson<MemberDetail>(`/api/v1/members/${m.id}`)).body.points).toBe(expected);

    await refused(
      secretary,
      'POST',
      `/api/v1/members/${m.id}/points`,
      { kind: 'adjustment', points: -(expected + 1), note: '扣分' },
      422,
      'balance_below_zero',
    );
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/points`, { kind: 'adjustment', points: 5 }, 400, 'invalid_body');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/points`, { kind: 'opening', points: 5 }, 400, 'invalid_body');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/points`, { kind: 'dispatch_arrived' }, 400, 'invalid_body');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/points`, { kind: 'activity', points: 0 }, 400, 'invalid_body');
    await refused(secretary, 'POST', `/api/v1/members/${m.id}/points`, { kind: 'activity', points: 1.5 }, 400, 'invalid_body');
    expect(await sumOf(m.id)).toEqual({ sum: expected, points: expected });
  });

  it('keeps every balance equal to its ledger', async () => {
    const wrong = await one<{ n: number }>(
      `select count(*)::int as n from member m
       where m.points <> coalesce((select sum(p.points) from member_points p where p.member_id = m.id), 0)`,
    );
    expect(wrong.n).toBe(0);
  });
});

describe('the rules and the yearly star review', () => {
  it('reads the rules, lets only the county admin replace them, and credits by the new rule', async () => {
    const rules = (await secretary.getJson<RegistryRules>('/api/v1/registry/rules')).body;
    expect(rules).toEqual({
      points: { activity: 2, service: 5, wish: 3, dispatch_answered: 2, dispatch_arrived: 5 },
      stars: [
        { stars: 1, min_points: 0 },
        { stars: 2, min_points: 10 },
        { stars: 3, min_points: 30 },
        { stars: 4, min_points: 60 },
        { stars: 5, min_points: 100 },
      ],
    });
    await refused(secretary, 'PUT', '/api/v1/registry/rules', rules, 403, 'forbidden');
    const bad: Array<[string, unknown]> = [
      ['a star rule not starting at 1', { ...rules, stars: [{ stars: 2, min_points: 0 }] }],
      ['stars twice', { ...rules, stars: [...rules.stars, { stars: 5, min_points: 200 }] }],
      [
        'fewer points for more stars',
        {
          ...rules,
          stars: [
            { stars: 1, min_points: 0 },
            { stars: 2, min_points: 50 },
            { stars: 3, min_points: 40 },
          ],
        },
      ],
      ['zero points', { ...rules, points: { ...rules.points, wish: 0 } }],
      ['a kind missing', { ...rules, points: { activity: 1 } }],
      ['an unknown kind', { ...rules, points: { ...rules.points, opening: 3 } }],
    ];
    for (const [what, body] of bad) {
      const answer = await server.admin.send<{ error: { code: string } }>('PUT', '/api/v1/registry/rules', body);
      expect(answer.status, what).toBe(400);
    }
    const changed = { ...rules, points: { ...rules.points, activity: 4 } };
    const put = await server.admin.send<RegistryRules>('PUT', '/api/v1/registry/rules', changed);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual(changed);
    expect((await lastAudit('registry.rules'))!.user_id).toBe(server.admin.userId);
    const m = await created();
    const credited = await secretary.send<PointsLedger>('POST', `/api/v1/members/${m.id}/points`, { kind: 'activity' });
    expect(credited.body.balance).toBe(4);
    expect((await server.admin.send('PUT', '/api/v1/registry/rules', rules)).status).toBe(200);
  });

  it('previews without writing, then applies: a review row per member, new stars, one audit record', async () => {
    const year = new Date().getUTCFullYear();
    const star = await created({ name: '五星党员' });
    await secretary.send('POST', `/api/v1/members/${star.id}/points`, { kind: 'adjustment', points: 120, note: '全年服务', earned_on: `${year}-03-01` });
    const none = await created({ name: '无积分党员' });
    await secretary.send('POST', `/api/v1/members/${none.id}/points`, { kind: 'adjustment', points: 200, note: '往年', earned_on: `${year - 1}-03-01` });
    const current = await one<{ n: number }>(
      'select count(*)::int as n from member m join org o on o.id = m.org_id where o.area_code = $1 and m.left_on is null',
      [ctx.community],
    );

    const before = await counts();
    const preview = await secretary.send<StarReview>('POST', '/api/v1/members/star-review', { year, apply: false });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(await counts()).toEqual(before);
    expect(preview.body.year).toBe(year);
    expect(preview.body.reviewed).toBe(current.n);
    expect(preview.body.changes).toContainEqual({ member_id: star.id, name: '五星党员', points: 120, stars_before: 3, stars_after: 5 });
    expect(preview.body.changes).toContainEqual({ member_id: none.id, name: '无积分党员', points: 0, stars_before: 3, stars_after: 1 });
    for (const c of preview.body.changes) expect(c.stars_after).not.toBe(c.stars_before);

    const applied = await secretary.send<StarReview>('POST', '/api/v1/members/star-review', { year, apply: true });
    expect(applied.body).toEqual(preview.body);
    const after = await counts();
    expect([after.reviews - before.reviews, after.audit - before.audit]).toEqual([current.n, 1]);
    expect((await secretary.getJson<MemberDetail>(`/api/v1/members/${star.id}`)).body.stars).toBe(5);
    expect((await secretary.getJson<MemberDetail>(`/api/v1/members/${none.id}`)).body.stars).toBe(1);
    const record = await one<{ detail: Record<string, number>; scope_code: string }>(
      "select detail, scope_code from audit_log where action = 'member.star_review' order by id desc limit 1",
    );
    expect(record).toEqual({ detail: { year, reviewed: current.n, changed: preview.body.changes.length }, scope_code: ctx.community });
    // members outside the scope were not reviewed
    const outside = await one<{ n: number }>(
      'select count(*)::int as n from star_review r join member m on m.id = r.member_id join org o on o.id = m.org_id where o.area_code <> $1',
      [ctx.community],
    );
    expect(outside.n).toBe(0);
    // a second review of the year replaces the first and changes nothing more
    const again = await secretary.send<StarReview>('POST', '/api/v1/members/star-review', { year, apply: true });
    expect(again.body.changes).toEqual([]);
    expect((await counts()).reviews).toBe(after.reviews);
  });

  it('refuses a review it cannot read', async () => {
    for (const body of [{ year: 1999, apply: true }, { year: 2026 }, { year: '2026', apply: true }, { year: 2026, apply: 'yes' }]) {
      await refused(secretary, 'POST', '/api/v1/members/star-review', body, 400, 'invalid_body');
    }
  });
});
