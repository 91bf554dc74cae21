import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import type { OrgList, OrgRecord } from '../../server/src/contract/orgs.ts';
import { selectOrgs } from '../../server/src/orgs/queries.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { rangeCondition, withPlans } from '../support/query-plans.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt } from '../support/tiles.ts';

/**
 * 党组织: secretaries keep the organization tree current in their scope. C is the community with
 * the most households (the secretary's scope), A its town, B the town farthest from A.
 */
const database = usePrivateDatabase('orgs');
let server: TestServer;
let secretary: ApiClient;
const ctx = {} as {
  communityC: string;
  townA: string;
  townB: string;
  committeeC: number;
  gridC: string;
  otherGridC: string;
  gridB: string;
  orgB: number;
  pointC: [number, number];
};

type ErrorAnswer = { error: { code: string; message: string } };
type Counts = { org: number; registry_history: number; audit_log: number; member_moves: string };

const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query(sql, params)).rows[0] as T;

/** The rows a refused write must leave as they were. */
const counts = () =>
  one<Counts>(
    `select (select count(*)::int from org) as org, (select count(*)::int from registry_history) as registry_history,
            (select count(*)::int from audit_log) as audit_log, (select md5(string_agg(id || ':' || org_id, ',' order by id)) from member) as member_moves`,
  );

const record = (id: number, client: ApiClient = server.admin) => client.getJson<OrgRecord>(`/api/v1/orgs/${id}`);
const list = (query: string, client: ApiClient = server.admin) => client.getJson<OrgList>(`/api/v1/orgs?${query}`);

/** A fresh organization made through the API by the county admin. */
async function newOrg(body: Record<string, unknown>): Promise<OrgRecord> {
  const answer = await server.admin.send<OrgRecord>('POST', '/api/v1/orgs', { sector: 'community', area_code: ctx.communityC, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
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
  const committee = await one<{ id: number }>("select id from org where area_code = $1 and kind = 'committee' order by id limit 1", [c.code]);
  const grids = (await server.db.query<{ code: string }>('select code from grid where community_code = $1 and retired_at is null order by code', [c.code]))
    .rows;
  const gridB = await one<{ code: string }>('select min(code) as code from grid where community_code like $1', [`${b.code.slice(0, 9)}%`]);
  const orgB = await one<{ id: number }>('select min(id) as id from org where area_code like $1', [`${b.code.slice(0, 9)}%`]);
  Object.assign(ctx, {
    communityC: c.code,
    townA: c.parent_code,
    townB: b.code,
    committeeC: committee.id,
    gridC: grids[0]!.code,
    otherGridC: grids[1]!.code,
    gridB: gridB.code,
    orgB: orgB.id,
    pointC: [c.x, c.y],
  });
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', c.code);
});
afterAll(async () => {
  await server.close();
});

describe('POST /api/v1/orgs', () => {
  it('creates a grid branch under its committee, with its history and audit record in one go', async () => {
    const before = await counts();
    const created = await newOrg({
      name: '测试网格党支部',
      kind: 'branch',
      parent_id: ctx.committeeC,
      secretary_name: '王书记',
      founded_on: '2021-07-01',
      position: ctx.pointC,
      grid_code: ctx.gridC,
    });
    expect(created).toMatchObject({
      name: '测试网格党支部',
      kind: 'branch',
      sector: 'community',
      area_code: ctx.communityC,
      parent_id: ctx.committeeC,
      secretary_name: '王书记',
      founded_on: '2021-07-01',
      grid_code: ctx.gridC,
      member_count: 0,
      children_count: 0,
      closed_on: null,
      merged_into: null,
    });
    expect(created.position![0]).toBeCloseTo(ctx.pointC[0], 9);
    expect(created.grids.map((g) => g.code)).toEqual([ctx.gridC]);
    expect(created.parent?.id).toBe(ctx.committeeC);
    expect(created.history).toHaveLength(1);
    expect(created.history[0]).toMatchObject({ action: 'created', effective_on: '2021-07-01' });
    const after = await counts();
    expect(after.org).toBe(before.org + 1);
    expect(after.registry_history).toBe(before.registry_history + 1);
    const audit = await one<{ action: string; scope_code: string; target_ids: string[] }>(
      "select action, scope_code, target_ids from audit_log where action = 'org.create' order by id desc limit 1",
    );
    expect(audit).toMatchObject({ action: 'org.create', scope_code: ctx.communityC });
    expect(audit.target_ids.map(Number)).toEqual([created.id]);
  });

  it('refuses bad input with a stable code and writes nothing', async () => {
    const before = await counts();
    const base = { name: '坏', kind: 'branch', sector: 'community', parent_id: ctx.committeeC, area_code: ctx.communityC };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, name: undefined }, 400, 'invalid_body'],
      [{ ...base, kind: 'cell' }, 400, 'invalid_body'],
      [{ ...base, founded_on: '2021-02-30' }, 400, 'invalid_body'],
      [{ ...base, position: [200, 30] }, 400, 'invalid_body'],
      [{ ...base, grid_code: '123' }, 400, 'invalid_body'],
      [{ ...base, status: 'closed' }, 400, 'invalid_body'],
      [{ ...base, area_code: '510703999999' }, 404, 'not_found'],
      [{ ...base, parent_id: 999_999_999 }, 404, 'not_found'],
      [{ ...base, kind: 'committee', parent_id: null, grid_code: ctx.gridC }, 422, 'org_grid_refused'],
      [{ ...base, parent_id: null }, 422, 'org_hierarchy'],
      [{ ...base, grid_code: ctx.gridB }, 422, 'org_grid_refused'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await server.admin.send<ErrorAnswer>('POST', '/api/v1/orgs', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.code).toBe(code);
    }
    // a group cannot hold a branch
    const group = await one<{ id: number }>("select id from org where area_code = $1 and kind = 'group' and closed_on is null order by id limit 1", [
      ctx.communityC,
    ]);
    const underGroup = await server.admin.send<ErrorAnswer>('POST', '/api/v1/orgs', { ...base, parent_id: group.id });
    expect(underGroup.status).toBe(422);
    expect(underGroup.body.error.code).toBe('org_hierarchy');
    expect(await counts()).toEqual(before);
  });
});

describe('GET /api/v1/orgs/{id}', () => {
  it("answers a community committee's current members, open children, grids, regional groups, pairings", async () => {
    const { status, body } = await record(ctx.committeeC);
    expect(status).toBe(200);
    const truth = await one<{ members: number; children: number; grids: string[] }>(
      `select (select count(*)::int from member where org_id = $1 and left_on is null) as members,
              (select count(*)::int from org where parent_id = $1 and closed_on is null) as children,
              (select array_agg(v.grid_code order by v.grid_code) from grid g join grid_version v on v.grid_code = g.code and v.valid_to is null
               where g.community_code = $2) as grids`,
      [ctx.committeeC, ctx.communityC],
    );
    expect(body.member_count).toBe(truth.members);
    expect(body.children_count).toBe(truth.children);
    expect(body.grids.map((g) => g.code)).toEqual(truth.grids);
    expect(body.area_code).toBe(ctx.communityC);
  });

  it('names the regional groups and the pairings with their partners', async () => {
    const paired = await one<{ org_id: number; partner: string }>(
      `select p.org_id, coalesce(a.name, n.name, o.name) as partner from pairing p
       left join area a on a.code = p.partner_area_code left join new_org n on n.id = p.partner_new_org_id left join org o on o.id = p.partner_org_id
       order by p.id limit 1`,
    );
    const { body } = await record(paired.org_id);
    expect(body.pairings.map((p) => p.partner_name)).toContain(paired.partner);
    const grouped = await one<{ org_id: number; name: string; is_lead: boolean }>(
      'select r.org_id, g.name, r.is_lead from regional_group_org r join regional_group g on g.id = r.group_id order by r.org_id limit 1',
    );
    expect((await record(grouped.org_id)).body.regional_groups).toContainEqual(expect.objectContaining({ name: grouped.name, is_lead: grouped.is_lead }));
  });

  it('answers 404 for an organization outside the scope, and 400 for a bad id', async () => {
    expect((await record(ctx.orgB, secretary)).status).toBe(404);
    expect((await server.admin.getJson<ErrorAnswer>('/api/v1/orgs/1x')).body.error.code).toBe('invalid_path');
  });
});

describe('PATCH /api/v1/orgs/{id}', () => {
  it('edits the position, sector, secretary, founding date and grid, keeping what changed in the history', async () => {
    const org = await newOrg({ name: '待编辑党支部', kind: 'branch', parent_id: ctx.committeeC });
    const edited = await secretary.send<OrgRecord>('PATCH', `/api/v1/orgs/${org.id}`, {
      name: '已编辑党支部',
      sector: 'joint',
      secretary_name: '李书记',
      founded_on: '2019-05-04',
      position: ctx.pointC,
      grid_code: ctx.otherGridC,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ name: '已编辑党支部', sector: 'joint', secretary_name: '李书记', founded_on: '2019-05-04', grid_code: ctx.otherGridC });
    const entry = edited.body.history[0]!;
    expect(entry.action).toBe('edited');
    expect((entry.detail as { changed: string[] }).changed.sort()).toEqual(['founded_on', 'grid_code', 'name', 'position', 'secretary_name', 'sector']);
    expect(entry.actor).toBe('测试secretary');

    const cleared = await secretary.send<OrgRecord>('PATCH', `/api/v1/orgs/${org.id}`, { secretary_name: null, position: null, grid_code: null });
    expect(cleared.body).toMatchObject({ secretary_name: null, position: null, grid_code: null });

    const before = await counts();
    const unchanged = await secretary.send<OrgRecord>('PATCH', `/api/v1/orgs/${org.id}`, { name: '已编辑党支部' });
    expect(unchanged.status).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it("refuses a grid outside the area's subtree or the scope, a grid for a non-branch, and an area outside the scope", async () => {
    const org = await newOrg({ name: '网格校验党支部', kind: 'branch', parent_id: ctx.committeeC });
    const before = await counts();
    const patch = (body: unknown, client: ApiClient = secretary) => client.send<ErrorAnswer>('PATCH', `/api/v1/orgs/${org.id}`, body);
    expect((await patch({ grid_code: ctx.gridB })).body.error.code).toBe('not_found');
    const admin = await patch({ grid_code: ctx.gridB }, server.admin);
    expect([admin.status, admin.body.error.code]).toEqual([422, 'org_grid_refused']);
    const committee = await secretary.send<ErrorAnswer>('PATCH', `/api/v1/orgs/${ctx.committeeC}`, { grid_code: ctx.gridC });
    expect([committee.status, committee.body.error.code]).toEqual([422, 'org_grid_refused']);
    const area = await patch({ area_code: ctx.townB });
    expect([area.status, area.body.error.code]).toEqual([404, 'not_found']);
    expect((await patch({})).status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('GET /api/v1/orgs', () => {
  it('filters by name or secretary, kind, sector, area subtree, secretary, parent and status, paged by id', async () => {
    const org = await newOrg({ name: '筛选用独特党支部', kind: 'branch', sector: 'joint', parent_id: ctx.committeeC, secretary_name: '独特书记' });
    const ids = (a: { body: OrgList }) => a.body.orgs.map((o) => o.id);
    expect(ids(await list(`q=${encodeURIComponent('筛选用独特')}`))).toEqual([org.id]);
    expect(ids(await list(`q=${encodeURIComponent('独特书记')}`))).toEqual([org.id]);
    expect(ids(await list(`secretary=${encodeURIComponent('独特书')}`))).toEqual([org.id]);

    const kinds = await list(`kind=group&area=${ctx.communityC}&limit=500`);
    expect(kinds.body.orgs.length).toBeGreaterThan(0);
    expect(kinds.body.orgs.every((o) => o.kind === 'group' && o.area_code === ctx.communityC)).toBe(true);

    const joint = await list(`sector=joint&area=${ctx.townA}&limit=500`);
    expect(joint.body.orgs.every((o) => o.sector === 'joint' && o.area_code.startsWith(ctx.townA.slice(0, 9)))).toBe(true);
    expect(ids(joint)).toContain(org.id);

    const children = await list(`parent=${ctx.committeeC}&limit=500`);
    const truth = await one<{ n: number }>('select count(*)::int as n from org where parent_id = $1 and closed_on is null', [ctx.committeeC]);
    expect(children.body.orgs).toHaveLength(truth.n);
    expect(children.body.orgs.every((o) => o.parent_id === ctx.committeeC)).toBe(true);

    // paging: two pages of 3 are the first 6 in id order
    const first = await list(`area=${ctx.communityC}&limit=3`);
    const second = await list(`area=${ctx.communityC}&limit=3&after=${first.body.next_after}`);
    const six = await list(`area=${ctx.communityC}&limit=6`);
    expect([...ids(first), ...ids(second)]).toEqual(ids(six));
    expect(ids(six)).toEqual([...ids(six)].sort((a, b) => a - b));

    for (const bad of ['kind=cell', 'status=gone', 'limit=0', 'limit=501', 'area=51', 'parent=top', 'after=-1']) {
      const answer = await server.admin.getJson<ErrorAnswer>(`/api/v1/orgs?${bad}`);
      expect([answer.status, answer.body.error.code], bad).toEqual([400, 'invalid_query']);
    }
  });

  it("answers a secretary only their community's organizations; root is the top of their tree", async () => {
    const all = await list('limit=500', secretary);
    expect(all.body.orgs.length).toBeGreaterThan(0);
    expect(all.body.orgs.every((o) => o.area_code === ctx.communityC)).toBe(true);
    expect((await list(`area=${ctx.townB}`, secretary)).body.orgs).toEqual([]);
    const roots = await list('parent=root&limit=500', secretary);
    expect(roots.body.orgs.map((o) => o.id)).toContain(ctx.committeeC);
    const inScope = new Set(all.body.orgs.map((o) => o.id));
    expect(roots.body.orgs.every((o) => o.parent_id === null || !inScope.has(o.parent_id))).toBe(true);
  });
});

describe('POST /api/v1/orgs/{id}/move', () => {
  it('moves a branch under another parent, keeping the move in the history', async () => {
    const general = await newOrg({ name: '新党总支', kind: 'general_branch', parent_id: ctx.committeeC });
    const branch = await newOrg({ name: '搬迁党支部', kind: 'branch', parent_id: ctx.committeeC });
    const moved = await secretary.send<OrgRecord>('POST', `/api/v1/orgs/${branch.id}/move`, {
      parent_id: general.id,
      reason: '调整隶属',
      effective_on: '2026-11-01',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.parent).toEqual({ id: general.id, name: '新党总支' });
    expect(moved.body.history[0]).toMatchObject({
      action: 'moved',
      effective_on: '2026-11-01',
      reason: '调整隶属',
      detail: { from_parent_id: ctx.committeeC, to_parent_id: general.id },
    });
    expect((await record(general.id)).body.children_count).toBe(1);
    expect(await one('select action from audit_log order by id desc limit 1')).toEqual({ action: 'org.move' });
  });

  it('refuses a cycle, a parent that does not rank above, and a closed parent; nothing is written', async () => {
    const general = await newOrg({ name: '环路党总支', kind: 'general_branch', parent_id: ctx.committeeC });
    const branch = await newOrg({ name: '环路党支部', kind: 'branch', parent_id: general.id });
    const group = await newOrg({ name: '环路党小组', kind: 'group', parent_id: branch.id });
    const closed = await newOrg({ name: '已撤销党总支', kind: 'general_branch', parent_id: ctx.committeeC });
    expect((await server.admin.send('POST', `/api/v1/orgs/${closed.id}/close`, { reason: '撤销' })).status).toBe(200);
    const before = await counts();
    const move = (id: number, parent: number) => secretary.send<ErrorAnswer>('POST', `/api/v1/orgs/${id}/move`, { parent_id: parent });
    const refusals: Array<[number, number, number, string]> = [
      [general.id, general.id, 422, 'org_hierarchy'],
      [ctx.committeeC, group.id, 422, 'org_hierarchy'],
      [general.id, branch.id, 422, 'org_hierarchy'],
      [branch.id, group.id, 422, 'org_hierarchy'],
      [group.id, closed.id, 409, 'org_closed'],
      [branch.id, general.id, 409, 'conflict'],
    ];
    for (const [id, parent, status, code] of refusals) {
      const answer = await move(id, parent);
      expect([answer.status, answer.body.error.code], `${id} under ${parent}`).toEqual([status, code]);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 404 to a secretary moving an organization under a parent outside their scope, and writes nothing', async () => {
    const branch = await newOrg({ name: '越权搬迁党支部', kind: 'branch', parent_id: ctx.committeeC });
    const before = await counts();
    const answer = await secretary.send<ErrorAnswer>('POST', `/api/v1/orgs/${branch.id}/move`, { parent_id: ctx.orgB });
    expect([answer.status, answer.body.error.code]).toEqual([404, 'not_found']);
    const outside = await secretary.send<ErrorAnswer>('POST', `/api/v1/orgs/${ctx.orgB}/move`, { parent_id: ctx.committeeC });
    expect(outside.status).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await record(branch.id)).body.parent_id).toBe(ctx.committeeC);
  });
});

describe('POST /api/v1/orgs/{id}/merge', () => {
  it('transfers the current members (a history row each), re-parents the children, closes the source with merged_into', async () => {
    const pair = await one<{ source: number; target: number }>(
      `select s.id as source, t.id as target
       from org s join org t on t.parent_id = s.parent_id and t.id <> s.id and t.kind = s.kind and t.closed_on is null
       where s.area_code = $1 and s.kind = 'branch' and s.closed_on is null
         and exists (select from member m where m.org_id = s.id and m.left_on is null)
         and exists (select from org g where g.parent_id = s.id)
       order by s.id, t.id limit 1`,
      [ctx.communityC],
    );
    const moving = (await server.db.query<{ id: number }>('select id from member where org_id = $1 and left_on is null order by id', [pair.source])).rows.map(
      (r) => r.id,
    );
    const children = (await server.db.query<{ id: number }>('select id from org where parent_id = $1 order by id', [pair.source])).rows.map((r) => r.id);
    const targetBefore = (await record(pair.target)).body;
    const before = await counts();

    const merged = await secretary.send<OrgRecord>('POST', `/api/v1/orgs/${pair.source}/merge`, {
      into_id: pair.target,
      reason: '支部合并',
      effective_on: '2026-12-01',
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.id).toBe(pair.target);
    expect(merged.body.member_count).toBe(targetBefore.member_count + moving.length);
    expect(merged.body.history[0]).toMatchObject({
      action: 'merged_from',
      detail: { from_id: pair.source, members: moving.length, children: children.length },
    });

    const source = (await record(pair.source)).body;
    expect(source).toMatchObject({ closed_on: '2026-12-01', close_reason: '支部合并', merged_into: { id: pair.target }, member_count: 0, children_count: 0 });
    expect(source.history[0]).toMatchObject({ action: 'merged_into', detail: { into_id: pair.target } });

    const rows = await server.db.query<{ subject_id: string; detail: Record<string, unknown>; effective_on: string }>(
      "select subject_id, detail, effective_on::text from registry_history where subject_kind = 'member' and action = 'transferred' and subject_id = any($1) order by subject_id",
      [moving],
    );
    expect(rows.rows.map((r) => Number(r.subject_id))).toEqual(moving);
    expect(rows.rows.every((r) => r.effective_on === '2026-12-01')).toBe(true);
    // the same shape as a member's own transfer, marked as a merge
    expect(rows.rows[0]!.detail).toEqual({
      from: { id: pair.source, name: expect.any(String) },
      to: { id: pair.target, name: expect.any(String) },
      merge: true,
    });
    const members = await one<{ n: number }>('select count(*)::int as n from member where id = any($1) and org_id = $2', [moving, pair.target]);
    expect(members.n).toBe(moving.length);
    const parents = await server.db.query<{ parent_id: string }>('select parent_id from org where id = any($1)', [children]);
    expect(parents.rows.every((r) => Number(r.parent_id) === pair.target)).toBe(true);

    // the grid the source served is no longer answered with it (locate names open branches only)
    const grid = await one<{ code: string | null; x: number; y: number }>(
      `select o.grid_code as code, st_x(st_pointonsurface(v.geom)) as x, st_y(st_pointonsurface(v.geom)) as y
       from org o join grid_version v on v.grid_code = o.grid_code and v.valid_to is null where o.id = $1`,
      [pair.source],
    );
    const located = await server.getJson<{ grid: { code: string; branch: { id: number } | null } | null }>(`/api/v1/locate?lng=${grid.x}&lat=${grid.y}`);
    expect(located.body.grid?.code).toBe(grid.code);
    expect(located.body.grid?.branch?.id).not.toBe(pair.source);

    const after = await counts();
    // members' rows, children's 'moved' rows, and one row on each organization
    expect(after.registry_history).toBe(before.registry_history + moving.length + children.length + 2);
    expect(after.audit_log).toBe(before.audit_log + 1);
    expect(after.org).toBe(before.org);
  });

  it('refuses merging into itself, into an organization below it, into a closed or out-of-scope one', async () => {
    const general = await newOrg({ name: '合并党总支', kind: 'general_branch', parent_id: ctx.committeeC });
    const branch = await newOrg({ name: '合并下级党支部', kind: 'branch', parent_id: general.id });
    const closed = await newOrg({ name: '合并已撤销党支部', kind: 'branch', parent_id: ctx.committeeC });
    await server.admin.send('POST', `/api/v1/orgs/${closed.id}/close`, { reason: '撤销' });
    const before = await counts();
    const merge = (id: number, into: number) => secretary.send<ErrorAnswer>('POST', `/api/v1/orgs/${id}/merge`, { into_id: into, reason: '合并' });
    const refusals: Array<[number, number, number, string]> = [
      [general.id, general.id, 422, 'org_hierarchy'],
      [general.id, branch.id, 422, 'org_hierarchy'],
      [branch.id, closed.id, 409, 'org_closed'],
      [branch.id, ctx.orgB, 404, 'not_found'],
    ];
    for (const [id, into, status, code] of refusals) {
      const answer = await merge(id, into);
      expect([answer.status, answer.body.error.code], `${id} into ${into}`).toEqual([status, code]);
    }
    const noReason = await secretary.send<ErrorAnswer>('POST', `/api/v1/orgs/${branch.id}/merge`, { into_id: closed.id });
    expect(noReason.body.error.code).toBe('invalid_body');
    expect(await counts()).toEqual(before);
  });
});

describe('POST /api/v1/orgs/{id}/close', () => {
  it('refuses while members or open children remain, then closes; the closed one leaves the list and the tiles, not the history', async () => {
    const branch = await newOrg({ name: '待撤销党支部', kind: 'branch', parent_id: ctx.committeeC, position: ctx.pointC });
    const group = await newOrg({ name: '待撤销党小组', kind: 'group', parent_id: branch.id });
    const tile = tileAt(ctx.pointC[0], ctx.pointC[1], 14).join('/');
    const tileNames = async () => {
      const res = await server.get(`/tiles/orgs/${tile}.mvt`);
      expect(res.status).toBe(200);
      return decodeLayer(await res.arrayBuffer(), 'orgs').map((f) => f.properties.name);
    };
    expect(await tileNames()).toContain('待撤销党支部');
    const figures = async () =>
      (await server.getJson<{ organizations: { total: number } }>(`/api/v1/stats/summary?area=${ctx.communityC}`)).body.organizations.total;
    const found = async () =>
      (await server.getJson<{ results: Array<{ name: string }> }>(`/api/v1/locate/search?q=${encodeURIComponent('待撤销党支部')}`)).body.results.length;
    const openFigures = await figures();
    expect(await found()).toBe(1);
    const before = await counts();
    const busy = await secretary.send<ErrorAnswer>('POST', `/api/v1/orgs/${branch.id}/close`, { reason: '撤销' });
    expect([busy.status, busy.body.error.code]).toEqual([409, 'org_not_empty']);
    const members = await secretary.send<ErrorAnswer>('POST', `/api/v1/orgs/${ctx.committeeC}/close`, { reason: '撤销' });
    expect([members.status, members.body.error.code]).toEqual([409, 'org_not_empty']);
    expect(await counts()).toEqual(before);

    expect((await secretary.send('POST', `/api/v1/orgs/${group.id}/close`, { reason: '小组撤销' })).status).toBe(200);
    const closed = await secretary.send<OrgRecord>('POST', `/api/v1/orgs/${branch.id}/close`, { reason: '支部撤销', effective_on: '2026-12-02' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ closed_on: '2026-12-02', close_reason: '支部撤销' });
    expect(closed.body.history.map((h) => h.action)).toEqual(['closed', 'created']);
    const again = await secretary.send<ErrorAnswer>('POST', `/api/v1/orgs/${branch.id}/close`, { reason: '再撤销' });
    expect([again.status, again.body.error.code]).toEqual([409, 'org_closed']);
    const edit = await secretary.send<ErrorAnswer>('PATCH', `/api/v1/orgs/${branch.id}`, { name: '复活' });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'org_closed']);

    const q = `q=${encodeURIComponent('待撤销党支部')}`;
    expect((await list(q)).body.orgs).toEqual([]);
    expect((await list(`${q}&status=closed`)).body.orgs.map((o) => o.id)).toEqual([branch.id]);
    expect((await list(`${q}&status=all`)).body.orgs.map((o) => o.id)).toEqual([branch.id]);
    expect((await record(ctx.committeeC)).body.children_count).toBe(
      (await one<{ n: number }>('select count(*)::int as n from org where parent_id = $1 and closed_on is null', [ctx.committeeC])).n,
    );

    expect(await tileNames()).not.toContain('待撤销党支部');
    expect(await figures()).toBe(openFigures - 2);
    expect(await found()).toBe(0);
    expect(await one('select action from audit_log order by id desc limit 1')).toEqual({ action: 'org.close' });
  });
});

describe('selectOrgs', () => {
  for (const level of ['community', 'town'] as const) {
    it(`for a ${level}: areas by range on their key, then each area's open organizations by org_open_area_idx`, async () => {
      await server.db.query('analyze org; analyze area');
      const scope = Scope.of([level === 'community' ? ctx.communityC : ctx.townA]);
      const { result, plan } = await withPlans(server.db, (client) => selectOrgs(client, { status: 'open', limit: 100 }, scope));
      expect(result.length).toBeGreaterThan(0);
      expect(plan).toMatch(rangeCondition('area_\\w+ on area a', 'code', scope));
      expect(plan).toMatch(/Index Scan using org_open_area_idx on org o[^\n]*\n\s*Index Cond: \(area_code = a\.code\)/);
      expect(plan).not.toMatch(/Seq Scan on org o\b/);
    });
  }
});
