import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindRates, NewOrgList, NewOrgRates, NewOrgRecord, NewOrgRuleView, NewOrgStatus, TrackingList } from '../../server/src/contract/new-orgs.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt } from '../support/tiles.ts';

/**
 * 两新组织覆盖: each organization's status under the rule, the formation and coverage rates per
 * area, and the tracking ledger (挂号销号). Every figure the API answers is compared with one
 * computed here, in TypeScript, from `select * from new_org` by the rule as stated:
 * own_branch with members ≥ threshold, or joint_branch/instructor with members < threshold → as_rule;
 * covered any other way → otherwise; uncovered with ≥ 1 member → members_no_org; uncovered with
 * none → no_members. 组建率 = (own + joint branch) / all of the kind in the area, 覆盖率 = covered / all.
 * C is the community with the most households (the secretary's scope), A its town, B the town farthest from A.
 */
const database = usePrivateDatabase('new_orgs');
let server: TestServer;
let secretary: ApiClient;
const ctx = {} as { communityC: string; townA: string; townB: string; pointC: [number, number]; orgC: number; orgB: number };

type RawNewOrg = {
  id: string;
  kind: 'enterprise' | 'social_org';
  area_code: string;
  member_count: number;
  coverage_mode: 'own_branch' | 'joint_branch' | 'instructor' | null;
};
type ErrorAnswer = { error: { code: string; message: string } };

const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query(sql, params)).rows[0] as T;

/** The rule, as stated, on one raw row. */
function statusOf(r: RawNewOrg, threshold: number): NewOrgStatus {
  if (r.coverage_mode === 'own_branch') return r.member_count >= threshold ? 'as_rule' : 'otherwise';
  if (r.coverage_mode !== null) return r.member_count < threshold ? 'as_rule' : 'otherwise';
  return r.member_count >= 1 ? 'members_no_org' : 'no_members';
}

const raw = async () => (await server.db.query<RawNewOrg>('select * from new_org order by id')).rows;

/** Every organization the caller may read, page by page. */
async function listAll(client: ApiClient = server.admin, query = ''): Promise<NewOrgList['new_orgs']> {
  const all: NewOrgList['new_orgs'] = [];
  let after: number | null = null;
  do {
    const { status, body }: { status: number; body: NewOrgList } = await client.getJson<NewOrgList>(
      `/api/v1/new-orgs?limit=500${query}${after === null ? '' : `&after=${after}`}`,
    );
    expect(status).toBe(200);
    all.push(...body.new_orgs);
    after = body.next_after;
  } while (after !== null);
  return all;
}

type Figures = Omit<KindRates, 'formation_rate' | 'coverage_rate'>;

/** Each group's figures for each kind, by the stated definitions. */
function independentRates(rows: RawNewOrg[], threshold: number, groupOf: (r: RawNewOrg) => string): Map<string, Record<RawNewOrg['kind'], Figures>> {
  const empty = (): Figures => ({ total: 0, formed: 0, covered: 0, as_rule: 0, otherwise: 0, members_no_org: 0, no_members: 0 });
  const byGroup = new Map<string, Record<RawNewOrg['kind'], Figures>>();
  for (const r of rows) {
    const group = byGroup.get(groupOf(r)) ?? { enterprise: empty(), social_org: empty() };
    byGroup.set(groupOf(r), group);
    const f = group[r.kind];
    f.total += 1;
    if (r.coverage_mode === 'own_branch' || r.coverage_mode === 'joint_branch') f.formed += 1;
    if (r.coverage_mode !== null) f.covered += 1;
    f[statusOf(r, threshold)] += 1;
  }
  return byGroup;
}

function expectRates(answer: KindRates, truth: Figures | undefined, where: string): void {
  const t = truth ?? { total: 0, formed: 0, covered: 0, as_rule: 0, otherwise: 0, members_no_org: 0, no_members: 0 };
  expect({ ...answer, formation_rate: undefined, coverage_rate: undefined }, where).toEqual({ ...t, formation_rate: undefined, coverage_rate: undefined });
  if (t.total === 0) {
    expect([answer.formation_rate, answer.coverage_rate], where).toEqual([null, null]);
  } else {
    expect(answer.formation_rate, where).toBeCloseTo(t.formed / t.total, 12);
    expect(answer.coverage_rate, where).toBeCloseTo(t.covered / t.total, 12);
  }
}

const townOf = (code: string) => `${code.slice(0, 9)}000`;
const record = (id: number, client: ApiClient = server.admin) => client.getJson<NewOrgRecord>(`/api/v1/new-orgs/${id}`);

/** An uncovered organization of community C with members, not yet used by another test. */
const used = new Set<number>();
async function uncoveredC(): Promise<number> {
  const { rows } = await server.db.query<{ id: number }>(
    'select id from new_org where area_code = $1 and coverage_mode is null and member_count > 0 order by id',
    [ctx.communityC],
  );
  const id = rows.map((r) => Number(r.id)).find((x) => !used.has(x))!;
  used.add(id);
  return id;
}

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  const c = await one<{ code: string; parent_code: string; x: number; y: number }>(
    `select code, parent_code, st_x(p) as x, st_y(p) as y
     from (select code, parent_code, st_pointonsurface(geom) as p from area where level = 'community' order by households desc limit 1) s`,
  );
  const b = await one<{ code: string }>(
    `select code from area where level = 'town' and code <> $1
     order by st_distance(geom, (select geom from area where code = $1)) desc, code limit 1`,
    [c.parent_code],
  );
  const orgC = await one<{ id: string }>('select min(id) as id from org where area_code = $1 and closed_on is null', [c.code]);
  const orgB = await one<{ id: string }>('select min(id) as id from org where area_code like $1 and closed_on is null', [`${b.code.slice(0, 9)}%`]);
  Object.assign(ctx, { communityC: c.code, townA: c.parent_code, townB: b.code, pointC: [c.x, c.y], orgC: Number(orgC.id), orgB: Number(orgB.id) });
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', c.code);
});
afterAll(async () => {
  await server.close();
});

describe('the status of every new-type organization', () => {
  it('equals the rule computed from the raw table, for every organization, in the list and in the view', async () => {
    const rows = await raw();
    expect(rows.length).toBe(1140);
    const listed = new Map((await listAll()).map((o) => [o.id, o]));
    expect(listed.size).toBe(rows.length);
    const { rows: view } = await server.db.query<{ id: string; status: string; formed: boolean; covered: boolean; town_code: string }>(
      'select id, status, formed, covered, town_code from new_org_coverage',
    );
    const byView = new Map(view.map((v) => [Number(v.id), v]));
    for (const r of rows) {
      const o = listed.get(Number(r.id))!;
      const truth = {
        status: statusOf(r, 3),
        formed: r.coverage_mode === 'own_branch' || r.coverage_mode === 'joint_branch',
        covered: r.coverage_mode !== null,
        town_code: townOf(r.area_code),
      };
      expect({ status: o.status, formed: o.formed, covered: o.covered, town_code: o.town_code }, `new_org ${r.id}`).toEqual(truth);
      const v = byView.get(Number(r.id))!;
      expect({ status: v.status, formed: v.formed, covered: v.covered, town_code: v.town_code }, `view ${r.id}`).toEqual(truth);
    }
    // the demo county has each uncovered status, and 425 uncovered in all
    expect(rows.filter((r) => r.coverage_mode === null)).toHaveLength(425);
  });

  it('filters by status, kind, area, name and credit code', async () => {
    const rows = await raw();
    const members = await listAll(server.admin, '&status=members_no_org&kind=social_org');
    const truth = rows.filter((r) => r.kind === 'social_org' && statusOf(r, 3) === 'members_no_org').map((r) => Number(r.id));
    expect(members.map((o) => o.id)).toEqual(truth);
    const inC = await listAll(server.admin, `&area=${ctx.communityC}`);
    expect(inC.map((o) => o.id)).toEqual(rows.filter((r) => r.area_code === ctx.communityC).map((r) => Number(r.id)));
    const sample = await one<{ id: string; name: string; credit_code: string }>(
      'select id, name, credit_code from new_org where credit_code is not null order by id limit 1',
    );
    const byCode = await server.admin.getJson<NewOrgList>(`/api/v1/new-orgs?q=${sample.credit_code.toLowerCase()}`);
    expect(byCode.body.new_orgs.map((o) => o.id)).toContain(Number(sample.id));
    const byName = await server.admin.getJson<NewOrgList>(`/api/v1/new-orgs?q=${encodeURIComponent(sample.name.slice(0, 4))}`);
    for (const o of byName.body.new_orgs)
      expect(o.name.includes(sample.name.slice(0, 4)) || o.credit_code === sample.name.slice(0, 4).toUpperCase()).toBe(true);
    expect(byName.body.new_orgs.map((o) => o.id)).toContain(Number(sample.id));
  });
});

describe('GET /api/v1/new-orgs/rates', () => {
  it('equals an independent computation for every town of the county, both kinds, and the totals', async () => {
    const { status, body } = await server.admin.getJson<NewOrgRates>(`/api/v1/new-orgs/rates?area=${demoCounty}`);
    expect(status).toBe(200);
    const rows = await raw();
    const truth = independentRates(rows, 3, (r) => townOf(r.area_code));
    const towns = (await server.db.query<{ code: string }>("select code from area where level = 'town' order by code")).rows.map((r) => r.code);
    expect(body.areas.map((a) => a.code)).toEqual(towns);
    for (const a of body.areas) {
      expectRates(a.enterprise, truth.get(a.code)?.enterprise, `${a.code} enterprise`);
      expectRates(a.social_org, truth.get(a.code)?.social_org, `${a.code} social_org`);
    }
    const county = independentRates(rows, 3, () => 'all').get('all')!;
    expectRates(body.totals.enterprise, county.enterprise, 'county enterprise');
    expectRates(body.totals.social_org, county.social_org, 'county social_org');
    // the demo figures: ~650 enterprises 60.8% covered, ~490 social organizations 65.3%
    expect(body.totals.enterprise.coverage_rate).toBeCloseTo(0.608, 2);
    expect(body.totals.social_org.coverage_rate).toBeCloseTo(0.653, 2);
  });

  it("equals an independent computation for every community and village of a town, and a community's own", async () => {
    const { body } = await server.admin.getJson<NewOrgRates>(`/api/v1/new-orgs/rates?area=${ctx.townA}`);
    const rows = (await raw()).filter((r) => townOf(r.area_code) === ctx.townA);
    const truth = independentRates(rows, 3, (r) => r.area_code);
    const children = (await server.db.query<{ code: string }>('select code from area where parent_code = $1 order by code', [ctx.townA])).rows;
    expect(body.areas.map((a) => a.code)).toEqual(children.map((c) => c.code));
    for (const a of body.areas) {
      expectRates(a.enterprise, truth.get(a.code)?.enterprise, `${a.code} enterprise`);
      expectRates(a.social_org, truth.get(a.code)?.social_org, `${a.code} social_org`);
    }
    const own = await secretary.getJson<NewOrgRates>('/api/v1/new-orgs/rates');
    expect(own.body.area.code).toBe(ctx.communityC);
    expect(own.body.areas.map((a) => a.code)).toEqual([ctx.communityC]);
    expectRates(own.body.totals.enterprise, truth.get(ctx.communityC)?.enterprise, 'C enterprise');
  });

  it('answers 404 for an area outside the scope and 400 for a bad code', async () => {
    expect((await secretary.getJson<ErrorAnswer>(`/api/v1/new-orgs/rates?area=${ctx.townA}`)).status).toBe(404);
    expect((await secretary.getJson<ErrorAnswer>(`/api/v1/new-orgs/rates?area=${ctx.townB}`)).status).toBe(404);
    expect((await server.admin.getJson<ErrorAnswer>('/api/v1/new-orgs/rates?area=5107')).body.error.code).toBe('invalid_query');
  });
});

describe('销号: covering an uncovered organization', () => {
  it('closes its tracking entry with the day and who closed it, takes it off the open list, and counts it covered', async () => {
    const id = await uncoveredC();
    const before = await record(id);
    expect(before.body.status).toBe('members_no_org');
    expect(before.body.tracking).toMatchObject({ overdue: false });
    const entry = before.body.tracking!.id;
    const open = await secretary.getJson<TrackingList>(`/api/v1/new-orgs/tracking?limit=500`);
    expect(open.body.entries.map((e) => e.id)).toContain(entry);
    const rates = (await secretary.getJson<NewOrgRates>('/api/v1/new-orgs/rates')).body.totals;

    const covered = await secretary.send<NewOrgRecord>('POST', `/api/v1/new-orgs/${id}/cover`, {
      mode: 'joint_branch',
      covering_org_id: ctx.orgC,
      covered_on: '2026-11-30',
    });
    expect(covered.status, JSON.stringify(covered.body)).toBe(200);
    expect(covered.body).toMatchObject({ coverage_mode: 'joint_branch', covered: true, formed: true, covered_on: '2026-11-30', tracking: null });
    expect(covered.body.covering_org?.id).toBe(ctx.orgC);
    expect(covered.body.status).toBe(statusOf({ ...({} as RawNewOrg), coverage_mode: 'joint_branch', member_count: covered.body.member_count }, 3));
    const closed = covered.body.tracking_history.find((t) => t.id === entry)!;
    expect(closed.closed_mode).toBe('joint_branch');
    expect(closed.closed_by).toBe('测试secretary');
    expect(closed.closed_on! >= '2026-11-30').toBe(true);
    expect(covered.body.history[0]).toMatchObject({ action: 'covered', actor: '测试secretary' });

    const after = await secretary.getJson<TrackingList>(`/api/v1/new-orgs/tracking?limit=500`);
    expect(after.body.entries.map((e) => e.id)).not.toContain(entry);
    const closedList = await secretary.getJson<TrackingList>(`/api/v1/new-orgs/tracking?state=closed&limit=500`);
    expect(closedList.body.entries.find((e) => e.id === entry)).toMatchObject({ closed_mode: 'joint_branch', closed_by: '测试secretary', overdue: false });
    const kind = covered.body.kind;
    const now = (await secretary.getJson<NewOrgRates>('/api/v1/new-orgs/rates')).body.totals[kind];
    expect([now.covered, now.formed, now.total]).toEqual([rates[kind].covered + 1, rates[kind].formed + 1, rates[kind].total]);
    const audit = await one<{ scope_code: string; target_ids: string[] }>(
      "select scope_code, target_ids from audit_log where action = 'new_org.cover' order by id desc limit 1",
    );
    expect(audit.scope_code).toBe(ctx.communityC);
    expect(audit.target_ids.map(Number)).toEqual([id]);
  });

  it('takes an instructor for an organization without members, and refuses what it cannot do without writing', async () => {
    const id = await uncoveredC();
    const counts = () =>
      one<{ t: number; h: number; a: number }>(
        `select (select count(*)::int from new_org_tracking where closed_on is null) as t, (select count(*)::int from registry_history) as h,
                (select count(*)::int from audit_log) as a`,
      );
    const before = await counts();
    const refusals: Array<[unknown, number, string]> = [
      [{ mode: 'own_branch' }, 400, 'invalid_body'],
      [{ mode: 'instructor' }, 400, 'invalid_body'],
      [{ mode: 'joint_branch', covering_org_id: ctx.orgC, instructor_name: '李' }, 400, 'invalid_body'],
      [{ mode: 'instructor', instructor_name: '李指导员', covered_on: '2099-01-01' }, 400, 'invalid_body'],
      [{ mode: 'joint_branch', covering_org_id: ctx.orgB }, 404, 'not_found'],
      [{ mode: 'cell', covering_org_id: ctx.orgC }, 400, 'invalid_body'],
    ];
    for (const [body, status, code] of refusals) {
      const answer = await secretary.send<ErrorAnswer>('POST', `/api/v1/new-orgs/${id}/cover`, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.code).toBe(code);
    }
    expect(await counts()).toEqual(before);
    const done = await secretary.send<NewOrgRecord>('POST', `/api/v1/new-orgs/${id}/cover`, { mode: 'instructor', instructor_name: '李指导员' });
    expect(done.body).toMatchObject({ coverage_mode: 'instructor', instructor_name: '李指导员', formed: false, covered: true, tracking: null });
    expect(await counts()).toEqual({ t: before.t - 1, h: before.h + 1, a: before.a + 1 });
  });

  it('registers an organization again (挂号) when it loses its coverage, and closes that entry when covered again', async () => {
    const id = await uncoveredC();
    await secretary.send('POST', `/api/v1/new-orgs/${id}/cover`, { mode: 'joint_branch', covering_org_id: ctx.orgC, covered_on: '2026-01-05' });
    const conflict = await secretary.send<ErrorAnswer>('POST', `/api/v1/new-orgs/${id}/uncover`, { reason: '联合党支部撤销', effective_on: '2025-12-31' });
    expect(conflict.body.error.code).toBe('invalid_body');
    const uncovered = await secretary.send<NewOrgRecord>('POST', `/api/v1/new-orgs/${id}/uncover`, { reason: '联合党支部撤销', effective_on: '2026-02-01' });
    expect(uncovered.status, JSON.stringify(uncovered.body)).toBe(200);
    expect(uncovered.body).toMatchObject({ coverage_mode: null, covering_org: null, status: 'members_no_org', covered: false });
    expect(uncovered.body.tracking?.opened_on).toBe('2026-02-01');
    expect(uncovered.body.tracking_history.map((t) => t.closed_on === null)).toEqual([false, true]);
    expect(uncovered.body.history[0]).toMatchObject({ action: 'uncovered', reason: '联合党支部撤销', effective_on: '2026-02-01' });
    expect((await secretary.send<ErrorAnswer>('POST', `/api/v1/new-orgs/${id}/uncover`, { reason: '再次' })).body.error.code).toBe('conflict');
    const again = await secretary.send<NewOrgRecord>('POST', `/api/v1/new-orgs/${id}/cover`, { mode: 'instructor', instructor_name: '王指导员' });
    expect(again.body.tracking_history.map((t) => t.closed_mode)).toEqual(['joint_branch', 'instructor']);
  });

  it('changes the mode of a covered organization without a tracking entry', async () => {
    const { id } = await one<{ id: string }>("select id from new_org where area_code = $1 and coverage_mode = 'instructor' order by id limit 1", [
      ctx.communityC,
    ]);
    const before = (await record(Number(id))).body;
    const changed = await secretary.send<NewOrgRecord>('POST', `/api/v1/new-orgs/${id}/cover`, { mode: 'joint_branch', covering_org_id: ctx.orgC });
    expect(changed.body).toMatchObject({ coverage_mode: 'joint_branch', instructor_name: null, covered_on: before.covered_on });
    expect(changed.body.tracking_history).toEqual(before.tracking_history);
    expect(changed.body.history[0]).toMatchObject({
      action: 'coverage_changed',
      detail: expect.objectContaining({ from: expect.objectContaining({ mode: 'instructor' }) }),
    });
  });
});

describe('the tracking list and overdue entries', () => {
  it("flags open entries overdue once their town's target day has passed, and only those", async () => {
    const yesterday = (await one<{ d: string }>("select ((now() at time zone 'Asia/Shanghai')::date - 1)::text as d")).d;
    const tomorrow = (await one<{ d: string }>("select ((now() at time zone 'Asia/Shanghai')::date + 1)::text as d")).d;
    const set = await server.admin.send<{ target_on: string | null; town_name: string }>('PUT', `/api/v1/new-orgs/targets/${ctx.townA}`, {
      target_on: yesterday,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.target_on).toBe(yesterday);
    await server.admin.send('PUT', `/api/v1/new-orgs/targets/${ctx.townB}`, { target_on: tomorrow });

    const open = async (query: string) => {
      const all: TrackingList['entries'] = [];
      let after: number | null = null;
      do {
        const { body }: { body: TrackingList } = await server.admin.getJson<TrackingList>(
          `/api/v1/new-orgs/tracking?limit=500${query}${after ? `&after=${after}` : ''}`,
        );
        all.push(...body.entries);
        after = body.next_after;
      } while (after !== null);
      return all;
    };
    const entries = await open('');
    const truth = (
      await server.db.query<{ id: string; town: string }>(
        "select t.id, substr(n.area_code, 1, 9) || '000' as town from new_org_tracking t join new_org n on n.id = t.new_org_id where t.closed_on is null order by t.id",
      )
    ).rows;
    expect(entries.map((e) => e.id)).toEqual(truth.map((t) => Number(t.id)));
    for (const e of entries) {
      expect(e.overdue, `${e.id} in ${e.town_code}`).toBe(e.town_code === ctx.townA);
      expect(e.target_on).toBe(e.town_code === ctx.townA ? yesterday : e.town_code === ctx.townB ? tomorrow : null);
    }
    const overdue = await open('&overdue=true');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.map((e) => e.id)).toEqual(entries.filter((e) => e.town_code === ctx.townA).map((e) => e.id));
    const listed = await listAll(server.admin, '&overdue=true');
    expect(listed.map((o) => o.id).sort((a, b) => a - b)).toEqual(overdue.map((e) => e.new_org.id).sort((a, b) => a - b));
    for (const o of listed) expect(o.tracking).toMatchObject({ overdue: true, target_on: yesterday });

    const rates = await server.admin.getJson<NewOrgRates>(`/api/v1/new-orgs/rates?area=${demoCounty}`);
    expect(rates.body.areas.find((a) => a.code === ctx.townA)?.target_on).toBe(yesterday);

    // covered: no longer overdue, nor open
    const id = await uncoveredC();
    await secretary.send('POST', `/api/v1/new-orgs/${id}/cover`, { mode: 'instructor', instructor_name: '赵指导员' });
    expect((await open('&overdue=true')).map((e) => e.new_org.id)).not.toContain(id);

    const cleared = await server.admin.send<{ target_on: string | null }>('PUT', `/api/v1/new-orgs/targets/${ctx.townA}`, { target_on: null });
    expect(cleared.body.target_on).toBeNull();
    expect(await open('&overdue=true')).toEqual([]);
  });

  it("refuses a town's target to a secretary below the town, and a code that is no town", async () => {
    const mine = await secretary.send<ErrorAnswer>('PUT', `/api/v1/new-orgs/targets/${ctx.townA}`, { target_on: '2027-06-30' });
    expect([mine.status, mine.body.error.code]).toEqual([404, 'not_found']);
    expect((await server.admin.send<ErrorAnswer>('PUT', `/api/v1/new-orgs/targets/${ctx.communityC}`, { target_on: '2027-06-30' })).body.error.code).toBe(
      'invalid_path',
    );
    expect((await server.admin.send<ErrorAnswer>('PUT', `/api/v1/new-orgs/targets/${ctx.townA}`, { target_on: '2027-02-30' })).body.error.code).toBe(
      'invalid_body',
    );
    expect((await one<{ n: number }>('select count(*)::int as n from new_org_target where target_on = $1', ['2027-06-30'])).n).toBe(0);
  });
});

describe('scope', () => {
  it("shows a secretary only her community's organizations and entries, and answers 404 beyond it", async () => {
    const mine = await listAll(secretary);
    expect(mine.length).toBeGreaterThan(0);
    for (const o of mine) expect(o.area_code).toBe(ctx.communityC);
    const { body } = await secretary.getJson<TrackingList>('/api/v1/new-orgs/tracking?state=all&limit=500');
    for (const e of body.entries) expect(e.area_code).toBe(ctx.communityC);
    const b = await one<{ id: string }>('select min(id) as id from new_org where area_code like $1 and coverage_mode is null', [`${ctx.townB.slice(0, 9)}%`]);
    expect((await record(Number(b.id), secretary)).status).toBe(404);
    const cover = await secretary.send<ErrorAnswer>('POST', `/api/v1/new-orgs/${b.id}/cover`, { mode: 'instructor', instructor_name: '越权' });
    expect(cover.status).toBe(404);
    expect((await secretary.send<ErrorAnswer>('PATCH', `/api/v1/new-orgs/${b.id}`, { member_count: 0 })).status).toBe(404);
    expect((await record(Number(b.id))).body.coverage_mode).toBeNull();
    expect((await secretary.getJson<NewOrgList>(`/api/v1/new-orgs?area=${ctx.townB}`)).body.new_orgs).toEqual([]);
  });
});

describe('creating and editing', () => {
  it('registers a new organization uncovered and tracked, and follows its counts to its status', async () => {
    const created = await secretary.send<NewOrgRecord>('POST', '/api/v1/new-orgs', {
      kind: 'enterprise',
      name: '测试科技有限公司',
      credit_code: '91510703MA6ABCDE1X',
      area_code: ctx.communityC,
      staff_count: 40,
      member_count: 2,
      position: ctx.pointC,
      registered_on: '2024-03-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'members_no_org',
      covered: false,
      town_code: ctx.townA,
      history: [expect.objectContaining({ action: 'created' })],
    });
    expect(created.body.tracking).not.toBeNull();
    const id = created.body.id;
    const joint = await secretary.send<NewOrgRecord>('POST', `/api/v1/new-orgs/${id}/cover`, { mode: 'joint_branch', covering_org_id: ctx.orgC });
    expect(joint.body.status).toBe('as_rule');
    // members grew past the threshold: a joint branch is no longer what the rule wants
    const grown = await secretary.send<NewOrgRecord>('PATCH', `/api/v1/new-orgs/${id}`, { member_count: 5 });
    expect(grown.body).toMatchObject({ member_count: 5, status: 'otherwise' });
    expect(grown.body.history[0]).toMatchObject({
      action: 'edited',
      detail: { changed: ['member_count'], before: { member_count: 2 }, after: { member_count: 5 } },
    });
    const own = await secretary.send<NewOrgRecord>('POST', `/api/v1/new-orgs/${id}/cover`, { mode: 'own_branch', covering_org_id: ctx.orgC });
    expect(own.body.status).toBe('as_rule');

    const refusals: Array<[string, unknown, number, string]> = [
      ['PATCH', { member_count: 41 }, 400, 'invalid_body'],
      ['PATCH', { staff_count: 4 }, 400, 'invalid_body'],
      ['PATCH', { position: [0, 0] }, 422, 'outside_area'],
      ['PATCH', { credit_code: 'abc' }, 400, 'invalid_body'],
      ['PATCH', {}, 400, 'invalid_body'],
    ];
    for (const [method, body, status, code] of refusals) {
      const answer = await secretary.send<ErrorAnswer>(method, `/api/v1/new-orgs/${id}`, body);
      expect([answer.status, answer.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const badCreate = { kind: 'enterprise', name: 'x', area_code: ctx.communityC, staff_count: 1, member_count: 2, position: ctx.pointC };
    expect((await secretary.send<ErrorAnswer>('POST', '/api/v1/new-orgs', badCreate)).body.error.code).toBe('invalid_body');
    expect((await server.admin.send<ErrorAnswer>('POST', '/api/v1/new-orgs', { ...badCreate, member_count: 0, area_code: ctx.townA })).body.error.code).toBe(
      'invalid_body',
    );
    expect((await secretary.send<ErrorAnswer>('POST', '/api/v1/new-orgs', { ...badCreate, member_count: 0, position: [0, 0] })).body.error.code).toBe(
      'outside_area',
    );
  });
});

describe('the rule', () => {
  it('re-evaluates every organization and every rate at once when the threshold changes, and bumps the org topic', async () => {
    const version = async () => (await one<{ version: string }>("select version from data_version where topic = 'org'")).version;
    const before = await version();
    const refused = await secretary.send<ErrorAnswer>('PUT', '/api/v1/new-orgs/rule', { own_branch_min_members: 1 });
    expect(refused.status).toBe(403);
    expect((await server.admin.send<ErrorAnswer>('PUT', '/api/v1/new-orgs/rule', { own_branch_min_members: 0 })).body.error.code).toBe('invalid_body');
    const changed = await server.admin.send<NewOrgRuleView>('PUT', '/api/v1/new-orgs/rule', { own_branch_min_members: 5 });
    expect(changed.status).toBe(200);
    expect(changed.body.own_branch_min_members).toBe(5);
    expect(Number(await version())).toBeGreaterThan(Number(before));
    try {
      const rows = await raw();
      const listed = new Map((await listAll()).map((o) => [o.id, o.status]));
      for (const r of rows) expect(listed.get(Number(r.id)), `new_org ${r.id}`).toBe(statusOf(r, 5));
      expect(rows.some((r) => statusOf(r, 5) !== statusOf(r, 3))).toBe(true);
      const { body } = await server.admin.getJson<NewOrgRates>(`/api/v1/new-orgs/rates?area=${demoCounty}`);
      expect(body.own_branch_min_members).toBe(5);
      const truth = independentRates(rows, 5, (r) => townOf(r.area_code));
      for (const a of body.areas) expectRates(a.enterprise, truth.get(a.code)?.enterprise, `${a.code} enterprise`);
      expect((await secretary.getJson<NewOrgRuleView>('/api/v1/new-orgs/rule')).body.own_branch_min_members).toBe(5);
    } finally {
      await server.admin.send('PUT', '/api/v1/new-orgs/rule', { own_branch_min_members: 3 });
    }
  });
});

describe('the new_orgs tile layer', () => {
  it('carries id, name, kind, status and area of each organization, no member or instructor, as the rule says', async () => {
    const { rows } = await server.db.query<{ id: string; lng: number; lat: number }>(
      "select id, st_x(geom) as lng, st_y(geom) as lat from new_org where coverage_mode = 'instructor' order by id limit 1",
    );
    const [z, x, y] = tileAt(rows[0]!.lng, rows[0]!.lat, 14);
    const res = await server.admin.get(`/tiles/new_orgs/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    const features = decodeLayer(await res.arrayBuffer(), 'new_orgs');
    expect(features.length).toBeGreaterThan(0);
    const truth = new Map((await raw()).map((r) => [Number(r.id), r]));
    const instructors = new Set(
      (await server.db.query<{ n: string }>('select instructor_name as n from new_org where instructor_name is not null')).rows.map((r) => r.n),
    );
    for (const f of features) {
      expect(Object.keys(f.properties).sort()).toEqual(['area_code', 'id', 'kind', 'name', 'status']);
      const r = truth.get(Number(f.properties.id))!;
      expect(f.properties.status).toBe(statusOf(r, 3));
      expect(f.properties.kind).toBe(r.kind);
      expect(f.type).toBe(1);
      for (const v of Object.values(f.properties)) expect(instructors.has(String(v))).toBe(false);
    }
    expect(features.map((f) => Number(f.properties.id))).toContain(Number(rows[0]!.id));
    // below zoom 10 the layer is empty
    const [z9, x9, y9] = tileAt(rows[0]!.lng, rows[0]!.lat, 9);
    expect(decodeLayer(await (await server.admin.get(`/tiles/new_orgs/${z9}/${x9}/${y9}.mvt`)).arrayBuffer(), 'new_orgs')).toEqual([]);
  });
});
