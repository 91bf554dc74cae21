import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListItem, PairingArcs, PairingList, PairingRecord } from '../../server/src/contract/regional.ts';
import { signInAs, wallClient, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * 结对共建: pairings of an organization with a village or community, a new-type organization or
 * another organization, their three lists, and their arcs on the map. C is the community with the
 * most households (the secretary's scope), A its town, B the town farthest from A.
 */
const database = usePrivateDatabase('regional_pairings');
let server: TestServer;
let secretary: ApiClient;
const ctx = {} as {
  communityC: string;
  townA: string;
  townB: string;
  committeeC: number;
  branchC: number;
  otherBranchC: number;
  newOrgC: number;
  orgB: number;
  villageB: string;
};

type ErrorAnswer = { error: { code: string; message: string } };
const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query(sql, params)).rows[0] as T;
/** Today in China Standard Time, in SQL. */
const today = `(now() at time zone 'Asia/Shanghai')::date`;
const auditCount = async () => (await one<{ n: number }>('select count(*)::int as n from audit_log')).n;
const pairingCount = async () => (await one<{ n: number }>('select count(*)::int as n from pairing')).n;

async function newPairing(body: Record<string, unknown>, client: ApiClient = server.admin): Promise<PairingRecord> {
  const answer = await client.send<PairingRecord>('POST', '/api/v1/pairings', { org_id: ctx.branchC, started_on: '2025-03-01', ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  const c = await one<{ code: string; parent_code: string }>("select code, parent_code from area where level = 'community' order by households desc limit 1");
  const b = await one<{ code: string }>(
    `select code from area where level = 'town' and code <> $1
     order by st_distance(geom, (select geom from area where code = $1)) desc, code limit 1`,
    [c.parent_code],
  );
  const orgsC = (
    await server.db.query<{ id: number; kind: string }>('select id, kind::text as kind from org where area_code = $1 and closed_on is null order by id', [
      c.code,
    ])
  ).rows;
  const branches = orgsC.filter((o) => o.kind === 'branch');
  Object.assign(ctx, {
    communityC: c.code,
    townA: c.parent_code,
    townB: b.code,
    committeeC: orgsC.find((o) => o.kind === 'committee')!.id,
    branchC: branches[0]!.id,
    otherBranchC: branches[1]!.id,
    newOrgC: (await one<{ id: number }>('select min(id) as id from new_org where area_code = $1', [c.code])).id,
    orgB: (await one<{ id: number }>('select min(id) as id from org where area_code like $1 and closed_on is null', [`${b.code.slice(0, 9)}%`])).id,
    villageB: (await one<{ code: string }>("select min(code) as code from area where parent_code = $1 and level in ('village', 'community')", [b.code])).code,
  });
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', c.code);
});
afterAll(async () => {
  await server.close();
});

describe('POST /api/v1/pairings', () => {
  it('pairs an organization with a community, a new-type organization or another organization, each with its audit record', async () => {
    const before = await auditCount();
    const withArea = await newPairing({ partner: { kind: 'area', area_code: ctx.communityC }, content: '联合开展主题党日活动' });
    expect(withArea).toMatchObject({
      org: { id: ctx.branchC, area_code: ctx.communityC },
      partner: { kind: 'area', id: null, area_code: ctx.communityC },
      started_on: '2025-03-01',
      ended_on: null,
      content: '联合开展主题党日活动',
      active: true,
      lists: { needs: [], resources: [], projects: [] },
    });
    const withNewOrg = await newPairing({ partner: { kind: 'new_org', id: ctx.newOrgC } });
    expect(withNewOrg.partner).toMatchObject({ kind: 'new_org', id: ctx.newOrgC, area_code: ctx.communityC });
    const withOrg = await newPairing({ partner: { kind: 'org', id: ctx.otherBranchC } }, secretary);
    expect(withOrg.partner).toMatchObject({ kind: 'org', id: ctx.otherBranchC });
    expect(await auditCount()).toBe(before + 3);
    const audit = await one<{ action: string; target_kind: string; target_ids: number[]; scope_code: string }>(
      "select action, target_kind, target_ids::float8[] as target_ids, scope_code from audit_log where action = 'pairing.create' order by id desc limit 1",
    );
    expect(audit).toEqual({ action: 'pairing.create', target_kind: 'pairing', target_ids: [withOrg.id], scope_code: ctx.communityC });
  });

  it('refuses bad input with a stable code, and writes nothing', async () => {
    const [pairings, audits] = [await pairingCount(), await auditCount()];
    const partner = { kind: 'area', area_code: ctx.communityC };
    const cases: Array<[Record<string, unknown>, number, string, ApiClient?]> = [
      [{ partner }, 400, 'invalid_body'],
      [{ org_id: ctx.branchC, partner, started_on: '2025-02-30' }, 400, 'invalid_body'],
      [{ org_id: ctx.branchC, partner: { kind: 'village', area_code: ctx.communityC }, started_on: '2025-03-01' }, 400, 'invalid_body'],
      [{ org_id: ctx.branchC, partner: { kind: 'area', id: 1 }, started_on: '2025-03-01' }, 400, 'invalid_body'],
      [{ org_id: ctx.branchC, partner: { kind: 'org', id: ctx.branchC }, started_on: '2025-03-01' }, 400, 'invalid_body'],
      [{ org_id: ctx.branchC, partner, started_on: '2025-03-01', content: 'a\u0000b' }, 400, 'invalid_body'],
      [{ org_id: ctx.branchC, partner, started_on: '2025-03-01', ended_on: '2025-04-01' }, 400, 'invalid_body'],
      [{ org_id: 999_999_999, partner, started_on: '2025-03-01' }, 404, 'not_found'],
      [{ org_id: ctx.branchC, partner: { kind: 'area', area_code: '510703999999' }, started_on: '2025-03-01' }, 404, 'not_found'],
      [{ org_id: ctx.branchC, partner: { kind: 'area', area_code: ctx.townA }, started_on: '2025-03-01' }, 422, 'partner_refused'],
      [{ org_id: ctx.orgB, partner, started_on: '2025-03-01' }, 404, 'not_found', secretary],
      [{ org_id: ctx.branchC, partner: { kind: 'area', area_code: ctx.villageB }, started_on: '2025-03-01' }, 404, 'not_found', secretary],
      [{ org_id: ctx.branchC, partner: { kind: 'org', id: ctx.orgB }, started_on: '2025-03-01' }, 404, 'not_found', secretary],
      // the two pair already (the first test)
      [{ org_id: ctx.branchC, partner, started_on: '2025-03-01' }, 409, 'conflict'],
    ];
    for (const [body, status, code, client = server.admin] of cases) {
      const answer = await client.send<ErrorAnswer>('POST', '/api/v1/pairings', body);
      expect([JSON.stringify(body), answer.status, answer.body.error?.code]).toEqual([JSON.stringify(body), status, code]);
      expect(answer.body.error.message.length).toBeGreaterThan(10);
    }
    expect([await pairingCount(), await auditCount()]).toEqual([pairings, audits]);
  });

  it('refuses a closed organization on either side with 409 org_closed', async () => {
    const closed = await one<{ id: number }>(
      'insert into org (name, kind, sector, parent_id, area_code, closed_on, close_reason) values ($1, $2, $3, $4, $5, $6, $7) returning id',
      ['已撤销支部', 'branch', 'community', ctx.committeeC, ctx.communityC, '2024-01-01', '测试'],
    );
    for (const body of [
      { org_id: closed.id, partner: { kind: 'area', area_code: ctx.communityC }, started_on: '2025-01-01' },
      { org_id: ctx.committeeC, partner: { kind: 'org', id: closed.id }, started_on: '2025-01-01' },
    ]) {
      const answer = await server.admin.send<ErrorAnswer>('POST', '/api/v1/pairings', body);
      expect([answer.status, answer.body.error.code]).toEqual([409, 'org_closed']);
    }
  });
});

describe('editing, ending and deleting a pairing', () => {
  it('edits content and start, ends on a day (not to come, not before the start), then takes no changes', async () => {
    const p = await newPairing({ org_id: ctx.committeeC, partner: { kind: 'new_org', id: ctx.newOrgC }, started_on: '2024-05-01' });
    const edited = await secretary.send<PairingRecord>('PATCH', `/api/v1/pairings/${p.id}`, { content: '共建党员活动阵地', started_on: '2024-06-01' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ content: '共建党员活动阵地', started_on: '2024-06-01' });
    const audits = await auditCount();
    expect((await secretary.send('PATCH', `/api/v1/pairings/${p.id}`, { content: '共建党员活动阵地' })).status).toBe(200);
    expect(await auditCount()).toBe(audits); // nothing changed, nothing written

    const refused: Array<[unknown, number, string]> = [
      [{ ended_on: '2099-01-01' }, 400, 'invalid_body'],
      [{ ended_on: '2024-05-31' }, 400, 'invalid_body'],
      [{ ended_on: '2024-13-01' }, 400, 'invalid_body'],
      [{ reason: 'x' }, 400, 'invalid_body'],
    ];
    for (const [body, status, code] of refused) {
      const answer = await secretary.send<ErrorAnswer>('POST', `/api/v1/pairings/${p.id}/end`, body);
      expect([answer.status, answer.body.error.code]).toEqual([status, code]);
    }
    const ended = await secretary.send<PairingRecord>('POST', `/api/v1/pairings/${p.id}/end`, { ended_on: '2025-06-30' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ ended_on: '2025-06-30', active: false });
    const audit = await one<{ detail: unknown }>("select detail from audit_log where action = 'pairing.end' order by id desc limit 1");
    expect(audit.detail).toEqual({ ended_on: '2025-06-30' });

    for (const [method, path, body] of [
      ['POST', `/api/v1/pairings/${p.id}/end`, {}],
      ['PATCH', `/api/v1/pairings/${p.id}`, { content: '再改' }],
      ['POST', `/api/v1/pairings/${p.id}/items`, { list: 'needs', title: '新需求' }],
    ] as const) {
      const answer = await secretary.send<ErrorAnswer>(method, path, body);
      expect([path, answer.status, answer.body.error.code]).toEqual([path, 409, 'pairing_ended']);
    }
    // ended, the same two may pair again
    await newPairing({ org_id: ctx.committeeC, partner: { kind: 'new_org', id: ctx.newOrgC }, started_on: '2025-07-01' });
  });

  it('ends today when no day is given', async () => {
    const p = await newPairing({ org_id: ctx.committeeC, partner: { kind: 'area', area_code: ctx.communityC } });
    const ended = await server.admin.send<PairingRecord>('POST', `/api/v1/pairings/${p.id}/end`, {});
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(ended.body).toMatchObject({ ended_on: today, active: false });
  });

  it('deletes a pairing with its lists, audited with what it was', async () => {
    const p = await newPairing({ org_id: ctx.otherBranchC, partner: { kind: 'new_org', id: ctx.newOrgC } });
    await server.admin.send('POST', `/api/v1/pairings/${p.id}/items`, { list: 'needs', title: '活动场地' });
    await server.admin.send('POST', `/api/v1/pairings/${p.id}/items`, { list: 'projects', title: '共建项目' });
    expect((await secretary.send('DELETE', `/api/v1/pairings/${p.id}`)).status).toBe(204);
    expect((await server.admin.getJson(`/api/v1/pairings/${p.id}`)).status).toBe(404);
    expect((await one<{ n: number }>('select count(*)::int as n from regional_list_item where pairing_id = $1', [p.id])).n).toBe(0);
    const audit = await one<{ detail: Record<string, unknown> }>("select detail from audit_log where action = 'pairing.delete' order by id desc limit 1");
    expect(audit.detail).toMatchObject({ org_id: ctx.otherBranchC, items: 2 });
    expect((await secretary.send<ErrorAnswer>('DELETE', `/api/v1/pairings/${p.id}`)).status).toBe(404);
  });
});

describe('scope', () => {
  it('reads a pairing from either side, changes it only from its organization’s side, and hides codes outside the scope', async () => {
    // a town-B organization pairs with community C: C's secretary reads it, cannot change it
    const p = await newPairing({ org_id: ctx.orgB, partner: { kind: 'area', area_code: ctx.communityC } });
    const read = await secretary.getJson<PairingRecord>(`/api/v1/pairings/${p.id}`);
    expect(read.status).toBe(200);
    expect(read.body.org.area_code).toBeNull();
    expect(read.body.partner.area_code).toBe(ctx.communityC);
    expect(read.headers.get('cache-control')).toBe('no-store');
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/pairings/${p.id}`, { content: '越权' }],
      ['POST', `/api/v1/pairings/${p.id}/end`, {}],
      ['DELETE', `/api/v1/pairings/${p.id}`, undefined],
    ] as const) {
      const answer = await secretary.send<ErrorAnswer>(method, path, body);
      expect([method, answer.status, answer.body.error.code]).toEqual([method, 404, 'not_found']);
    }
    // both sides keep the lists they share
    const item = await secretary.send<ListItem>('POST', `/api/v1/pairings/${p.id}/items`, { list: 'needs', title: '社区活动经费' });
    expect(item.status).toBe(201);
    const listed = await secretary.getJson<PairingList>(`/api/v1/pairings?org=${ctx.orgB}`);
    expect(listed.body.pairings.map((x) => x.id)).toContain(p.id);

    // a pairing entirely in town B is not there for the secretary
    const far = await newPairing({ org_id: ctx.orgB, partner: { kind: 'area', area_code: ctx.villageB } });
    expect((await secretary.getJson(`/api/v1/pairings/${far.id}`)).status).toBe(404);
    expect((await secretary.getJson(`/api/v1/pairings/${far.id}/items`)).status).toBe(404);
    expect((await secretary.send('POST', `/api/v1/pairings/${far.id}/items`, { list: 'needs', title: '越权' })).status).toBe(404);
    const mine = await secretary.getJson<PairingList>(`/api/v1/pairings?area=${ctx.townB}&limit=500`);
    expect(mine.body.pairings.map((x) => x.id)).not.toContain(far.id);
    expect(mine.body.pairings.map((x) => x.id)).toContain(p.id);
  });

  it('lists with filters and keyset pages', async () => {
    const all = await server.admin.getJson<PairingList>('/api/v1/pairings?limit=500');
    const { rows } = await server.db.query<{ id: number }>('select id from pairing order by id');
    expect(all.body.pairings.map((p) => p.id)).toEqual(rows.map((r) => r.id));
    const first = await server.admin.getJson<PairingList>('/api/v1/pairings?limit=10');
    const second = await server.admin.getJson<PairingList>(`/api/v1/pairings?limit=10&after=${first.body.next_after}`);
    expect([...first.body.pairings, ...second.body.pairings].map((p) => p.id)).toEqual(rows.slice(0, 20).map((r) => r.id));

    const kinds = await server.admin.getJson<PairingList>('/api/v1/pairings?partner_kind=new_org&limit=500');
    expect(kinds.body.pairings.every((p) => p.partner.kind === 'new_org')).toBe(true);
    const active = await server.admin.getJson<PairingList>('/api/v1/pairings?status=active&limit=500');
    const ended = await server.admin.getJson<PairingList>('/api/v1/pairings?status=ended&limit=500');
    expect(active.body.pairings.every((p) => p.active && p.ended_on === null)).toBe(true);
    expect(ended.body.pairings.every((p) => !p.active && p.ended_on !== null)).toBe(true);
    expect(ended.body.pairings.length).toBeGreaterThan(0);

    const on = await server.admin.getJson<PairingList>('/api/v1/pairings?active_on=2019-06-01&limit=500');
    const expected = await server.db.query<{ id: number }>(
      "select id from pairing where started_on <= '2019-06-01' and (ended_on is null or ended_on > '2019-06-01') order by id",
    );
    expect(on.body.pairings.map((p) => p.id)).toEqual(expected.rows.map((r) => r.id));

    const byOrg = await server.admin.getJson<PairingList>(`/api/v1/pairings?org=${ctx.otherBranchC}&limit=500`);
    for (const p of byOrg.body.pairings) expect([p.org.id, p.partner.kind === 'org' ? p.partner.id : null]).toContain(ctx.otherBranchC);
  });

  it('refuses bad filters with 400 invalid_query', async () => {
    for (const query of ['status=done', 'partner_kind=village', 'active_on=2026-02-30', 'area=51', 'limit=0', 'limit=501', 'after=-1', 'org=x']) {
      const answer = await server.admin.getJson<ErrorAnswer>(`/api/v1/pairings?${query}`);
      expect([query, answer.status, answer.body.error.code]).toEqual([query, 400, 'invalid_query']);
    }
  });
});

describe('the three lists', () => {
  it('adds items to each list and moves their status along the flow, each change audited', async () => {
    const p = await newPairing({ org_id: ctx.committeeC, partner: { kind: 'org', id: ctx.branchC } });
    const add = async (list: string, title: string) => {
      const answer = await secretary.send<ListItem>('POST', `/api/v1/pairings/${p.id}/items`, {
        list,
        title,
        detail: '详细说明\n第二行',
        due_on: '2026-12-31',
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body;
    };
    const need = await add('needs', '困难群众帮扶');
    await add('resources', '医疗义诊');
    await add('projects', '文化广场共建');
    expect(need).toMatchObject({ owner: { kind: 'pairing', id: p.id }, list: 'needs', status: 'open', detail: '详细说明\n第二行', due_on: '2026-12-31' });

    const record = await server.admin.getJson<PairingRecord>(`/api/v1/pairings/${p.id}`);
    expect([record.body.lists.needs.length, record.body.lists.resources.length, record.body.lists.projects.length]).toEqual([1, 1, 1]);
    expect(record.body.open_items).toEqual({ needs: 1, resources: 1, projects: 1 });
    const needs = await server.admin.getJson<{ items: ListItem[] }>(`/api/v1/pairings/${p.id}/items?list=needs`);
    expect(needs.body.items.map((i) => i.id)).toEqual([need.id]);

    const move = (status: string) => secretary.send<ListItem & ErrorAnswer>('PATCH', `/api/v1/list-items/${need.id}`, { status });
    expect((await move('in_progress')).body.status).toBe('in_progress');
    expect((await move('done')).body.status).toBe('done');
    const refused = await move('cancelled');
    expect([refused.status, refused.body.error.code]).toEqual([409, 'status_refused']);
    expect((await move('in_progress')).status).toBe(409);
    expect((await move('open')).body.status).toBe('open');
    expect((await move('cancelled')).body.status).toBe('cancelled');
    const moves = await server.db.query<{ detail: { after: { status: string } } }>(
      "select detail from audit_log where action = 'regional_list.update' and target_ids = array[$1::bigint] order by id",
      [need.id],
    );
    expect(moves.rows.map((r) => r.detail.after.status)).toEqual(['in_progress', 'done', 'open', 'cancelled']);
    expect((await server.admin.getJson<PairingRecord>(`/api/v1/pairings/${p.id}`)).body.open_items.needs).toBe(0);

    const edited = await secretary.send<ListItem>('PATCH', `/api/v1/list-items/${need.id}`, {
      title: '困难群众结对帮扶',
      detail: null,
      due_on: null,
      list: 'projects',
    });
    expect(edited.body).toMatchObject({ title: '困难群众结对帮扶', detail: null, due_on: null, list: 'projects', status: 'cancelled' });
    for (const body of [{}, { status: 'finished' }, { title: '' }, { due_on: '2026-02-30' }, { owner: 1 }]) {
      const answer = await secretary.send<ErrorAnswer>('PATCH', `/api/v1/list-items/${need.id}`, body);
      expect([JSON.stringify(body), answer.status, answer.body.error.code]).toEqual([JSON.stringify(body), 400, 'invalid_body']);
    }
    expect((await secretary.send('DELETE', `/api/v1/list-items/${need.id}`)).status).toBe(204);
    expect((await secretary.send<ErrorAnswer>('PATCH', `/api/v1/list-items/${need.id}`, { status: 'open' })).status).toBe(404);
    expect(
      await one<{ n: number }>("select count(*)::int as n from audit_log where action = 'regional_list.delete' and target_ids = array[$1::bigint]", [need.id]),
    ).toEqual({ n: 1 });
  });

  it('hides items of a pairing out of scope behind 404', async () => {
    // the running pairing of two town-B parties made in the scope tests above
    const far = await one<{ id: number }>('select id from pairing where org_id = $1 and partner_area_code = $2 and ended_on is null', [ctx.orgB, ctx.villageB]);
    const item = await server.admin.send<ListItem>('POST', `/api/v1/pairings/${far.id}/items`, { list: 'resources', title: '场地' });
    for (const [method, body] of [
      ['PATCH', { status: 'done' }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await secretary.send<ErrorAnswer>(method, `/api/v1/list-items/${item.body.id}`, body);
      expect([method, answer.status, answer.body.error.code]).toEqual([method, 404, 'not_found']);
    }
    expect((await one<{ status: string }>('select status::text as status from regional_list_item where id = $1', [item.body.id])).status).toBe('open');
  });
});

describe('GET /api/v1/pairings/arcs', () => {
  it('draws each pairing from its organization’s point to its partner’s, as computed apart in SQL', async () => {
    // an organization without a point stands at a point inside its area
    await server.db.query('update org set geom = null where id = (select org_id from pairing order by id limit 1)');
    const { body, headers } = await server.admin.getJson<PairingArcs>('/api/v1/pairings/arcs');
    expect(headers.get('cache-control')).toBe('private, no-cache');
    const orgPoint = async (id: number) =>
      one<{ x: number; y: number }>(
        `select st_x(p) as x, st_y(p) as y from (
           select case when o.geom is null then (select st_pointonsurface(a.geom) from area a where a.code = o.area_code) else o.geom end as p
           from org o where o.id = $1) s`,
        [id],
      );
    const partnerPoint = async (id: number) => {
      const p = await one<{ partner_kind: string; partner_area_code: string | null; partner_new_org_id: number | null; partner_org_id: number | null }>(
        'select partner_kind::text as partner_kind, partner_area_code, partner_new_org_id, partner_org_id from pairing where id = $1',
        [id],
      );
      if (p.partner_kind === 'org') return orgPoint(p.partner_org_id!);
      if (p.partner_kind === 'new_org')
        return one<{ x: number; y: number }>('select st_x(geom) as x, st_y(geom) as y from new_org where id = $1', [p.partner_new_org_id]);
      return one<{ x: number; y: number }>('select st_x(st_pointonsurface(geom)) as x, st_y(st_pointonsurface(geom)) as y from area where code = $1', [
        p.partner_area_code,
      ]);
    };
    const expected = await server.db.query<{ id: number; org_id: number; active: boolean }>(
      `select p.id, p.org_id, (p.started_on <= ${today} and (p.ended_on is null or p.ended_on > ${today})) as active
       from pairing p join org o on o.id = p.org_id left join org po on po.id = p.partner_org_id
       where o.closed_on is null and po.closed_on is null order by p.id`,
    );
    expect(body.features.map((f) => f.id)).toEqual(expected.rows.map((r) => r.id));
    expect(body.features.length).toBeGreaterThan(100);
    for (const [i, f] of body.features.entries()) {
      const from = await orgPoint(expected.rows[i]!.org_id);
      const to = await partnerPoint(f.id);
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates[0][0]).toBeCloseTo(from.x, 9);
      expect(f.geometry.coordinates[0][1]).toBeCloseTo(from.y, 9);
      expect(f.geometry.coordinates[1][0]).toBeCloseTo(to.x, 9);
      expect(f.geometry.coordinates[1][1]).toBeCloseTo(to.y, 9);
      expect(f.properties).toMatchObject({ id: f.id, kind: 'pairing', org_id: expected.rows[i]!.org_id });
      expect(typeof f.properties.org_name).toBe('string');
      expect(typeof f.properties.partner_name).toBe('string');
    }
    expect(body.features.filter((f) => f.properties.active).map((f) => f.id)).toEqual(expected.rows.filter((r) => r.active).map((r) => r.id));
  });

  it('answers 304 while nothing changed, and a new ETag after a pairing changes', async () => {
    const first = await server.admin.get('/api/v1/pairings/arcs?status=active');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"pairing-arcs-/);
    expect((await server.admin.get('/api/v1/pairings/arcs?status=active', undefined, { 'if-none-match': etag })).status).toBe(304);
    // another caller's scope or other filters are another answer
    expect((await secretary.get('/api/v1/pairings/arcs?status=active')).headers.get('etag')).not.toBe(etag);
    expect((await server.admin.get('/api/v1/pairings/arcs?status=ended')).headers.get('etag')).not.toBe(etag);
    await newPairing({ org_id: ctx.committeeC, partner: { kind: 'org', id: ctx.otherBranchC } });
    const after = await server.admin.get('/api/v1/pairings/arcs?status=active', undefined, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('is scoped: the wall and a secretary see the arcs with a side in their scope', async () => {
    const wall = await wallClient(server.baseUrl, server.db, ctx.townA);
    const { body, status } = await wall.getJson<PairingArcs>('/api/v1/pairings/arcs');
    expect(status).toBe(200);
    const ids = body.features.map((f) => f.id);
    const expected = await server.db.query<{ id: number }>(
      `select p.id from pairing p join org o on o.id = p.org_id
       left join new_org n on n.id = p.partner_new_org_id left join org po on po.id = p.partner_org_id
       where o.closed_on is null and po.closed_on is null
         and (o.area_code like $1 or coalesce(p.partner_area_code, n.area_code, po.area_code) like $1)
       order by p.id`,
      [`${ctx.townA.slice(0, 9)}%`],
    );
    expect(ids).toEqual(expected.rows.map((r) => r.id));
    const county = await wallClient(server.baseUrl, server.db, demoCounty);
    expect((await county.getJson<PairingArcs>('/api/v1/pairings/arcs')).body.features.length).toBeGreaterThan(ids.length);
  });
});
