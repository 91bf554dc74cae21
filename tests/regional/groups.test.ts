import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupList, GroupOutlines, GroupRecord, ListItem, Meeting, MeetingList } from '../../server/src/contract/regional.ts';
import { signInAs, wallClient, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * 区域化党建: regional groups (党建组团) with their member organizations and one lead, joint
 * meetings (联席会议) with resolutions and follow-ups, their lists, and their outlines on the map.
 * C is the community with the most households (the secretary's scope), A its town (a street with a
 * demo group), B the town farthest from A.
 */
const database = usePrivateDatabase('regional_groups');
let server: TestServer;
let secretary: ApiClient;
let townSecretary: ApiClient;
const ctx = {} as {
  communityC: string;
  townA: string;
  townB: string;
  groupA: number;
  orgsC: number[];
  orgsA: number[];
  orgB: number;
  placeC: number;
  placeB: number;
};

type ErrorAnswer = { error: { code: string; message: string } };
const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query(sql, params)).rows[0] as T;
const auditCount = async () => (await one<{ n: number }>('select count(*)::int as n from audit_log')).n;

async function newGroup(body: Record<string, unknown>, client: ApiClient = townSecretary): Promise<GroupRecord> {
  const answer = await client.send<GroupRecord>('POST', '/api/v1/regional-groups', { name: '测试党建联盟', area_code: ctx.townA, ...body });
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
  const ids = async (sql: string, params: unknown[]) => (await server.db.query<{ id: number }>(sql, params)).rows.map((r) => r.id);
  Object.assign(ctx, {
    communityC: c.code,
    townA: c.parent_code,
    townB: b.code,
    groupA: (await one<{ id: number }>('select min(id) as id from regional_group where area_code = $1', [c.parent_code])).id,
    orgsC: await ids('select id from org where area_code = $1 and closed_on is null order by id limit 4', [c.code]),
    orgsA: await ids("select id from org where area_code like $1 and area_code <> $2 and kind = 'committee' and closed_on is null order by id limit 3", [
      `${c.parent_code.slice(0, 9)}%`,
      c.code,
    ]),
    orgB: (await one<{ id: number }>('select min(id) as id from org where area_code like $1 and closed_on is null', [`${b.code.slice(0, 9)}%`])).id,
    placeC: (await one<{ id: number }>('select min(id) as id from place where area_code = $1', [c.code])).id,
    placeB: (await one<{ id: number }>('select min(id) as id from place where area_code like $1', [`${b.code.slice(0, 9)}%`])).id,
  });
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', c.code);
  townSecretary = await signInAs(server.baseUrl, server.db, 'secretary', c.parent_code);
});
afterAll(async () => {
  await server.close();
});

describe('regional groups', () => {
  it('creates a group with its lead and members, audited', async () => {
    const before = await auditCount();
    const [lead, ...others] = [...ctx.orgsA, ctx.orgsC[0]!];
    const group = await newGroup({ lead_org_id: lead, org_ids: others });
    expect(group).toMatchObject({ name: '测试党建联盟', area_code: ctx.townA, member_count: 4, lead: { id: lead }, meeting_count: 0, last_meeting_on: null });
    expect(group.members[0]).toMatchObject({ org_id: lead, is_lead: true });
    expect(group.members.filter((m) => m.is_lead)).toHaveLength(1);
    expect(group.members.map((m) => m.org_id).sort()).toEqual([lead, ...others].sort());
    expect(await auditCount()).toBe(before + 1);
    const audit = await one<{ action: string; target_kind: string; scope_code: string }>(
      "select action, target_kind, scope_code from audit_log where action = 'regional_group.create' order by id desc limit 1",
    );
    expect(audit).toEqual({ action: 'regional_group.create', target_kind: 'regional_group', scope_code: ctx.townA });
  });

  it('keeps at most one lead: setting another moves the lead, and the database refuses a second', async () => {
    const group = await newGroup({ lead_org_id: ctx.orgsA[0], org_ids: [ctx.orgsA[1]] });
    const moved = await townSecretary.send<GroupRecord>('PUT', `/api/v1/regional-groups/${group.id}/lead`, { org_id: ctx.orgsA[1] });
    expect(moved.status).toBe(200);
    expect(moved.body.lead?.id).toBe(ctx.orgsA[1]);
    expect(moved.body.members.filter((m) => m.is_lead).map((m) => m.org_id)).toEqual([ctx.orgsA[1]]);
    const audit = await one<{ detail: unknown }>("select detail from audit_log where action = 'regional_group.set_lead' order by id desc limit 1");
    expect(audit.detail).toEqual({ from: ctx.orgsA[0], to: ctx.orgsA[1] });

    const stranger = await townSecretary.send<ErrorAnswer>('PUT', `/api/v1/regional-groups/${group.id}/lead`, { org_id: ctx.orgsC[2] });
    expect([stranger.status, stranger.body.error.code]).toEqual([422, 'not_a_group_member']);
    await expect(server.db.query('update regional_group_org set is_lead = true where group_id = $1', [group.id])).rejects.toMatchObject({ code: '23505' });

    // a member added as lead takes it over; the former lead stays a member
    const added = await townSecretary.send<GroupRecord>('POST', `/api/v1/regional-groups/${group.id}/members`, { org_id: ctx.orgsA[2], is_lead: true });
    expect(added.status).toBe(201);
    expect(added.body.members.filter((m) => m.is_lead).map((m) => m.org_id)).toEqual([ctx.orgsA[2]]);
    expect(added.body.member_count).toBe(3);
    const again = await townSecretary.send<ErrorAnswer>('POST', `/api/v1/regional-groups/${group.id}/members`, { org_id: ctx.orgsA[2] });
    expect([again.status, again.body.error.code]).toEqual([409, 'conflict']);

    // removing the lead leaves the group without one
    const removed = await townSecretary.send<GroupRecord>('DELETE', `/api/v1/regional-groups/${group.id}/members/${ctx.orgsA[2]}`);
    expect(removed.status).toBe(200);
    expect(removed.body.lead).toBeNull();
    const gone = await townSecretary.send<ErrorAnswer>('DELETE', `/api/v1/regional-groups/${group.id}/members/${ctx.orgsA[2]}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'not_found']);
  });

  it('refuses bad input with a stable code, and writes nothing', async () => {
    const [groups, audits] = [(await one<{ n: number }>('select count(*)::int as n from regional_group')).n, await auditCount()];
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ name: '' }, 400, 'invalid_body'],
      [{ area_code: '5107' }, 400, 'invalid_body'],
      [{ org_ids: [ctx.orgsA[0], ctx.orgsA[0]] }, 400, 'invalid_body'],
      [{ lead_org_id: ctx.orgsA[0], org_ids: [ctx.orgsA[0]] }, 400, 'invalid_body'],
      [{ org_ids: [1.5] }, 400, 'invalid_body'],
      [{ members: [] }, 400, 'invalid_body'],
      [{ area_code: ctx.townB }, 404, 'not_found'],
      [{ org_ids: [999_999_999] }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await townSecretary.send<ErrorAnswer>('POST', '/api/v1/regional-groups', { name: '坏', area_code: ctx.townA, ...body });
      expect([JSON.stringify(body), answer.status, answer.body.error.code]).toEqual([JSON.stringify(body), status, code]);
    }
    expect([(await one<{ n: number }>('select count(*)::int as n from regional_group')).n, await auditCount()]).toEqual([groups, audits]);
  });

  it('edits a group’s name and area in scope', async () => {
    const group = await newGroup({});
    const edited = await townSecretary.send<GroupRecord>('PATCH', `/api/v1/regional-groups/${group.id}`, { name: '改名联盟', area_code: ctx.communityC });
    expect(edited.body).toMatchObject({ name: '改名联盟', area_code: ctx.communityC });
    const far = await townSecretary.send<ErrorAnswer>('PATCH', `/api/v1/regional-groups/${group.id}`, { area_code: ctx.townB });
    expect([far.status, far.body.error.code]).toEqual([404, 'not_found']);
    expect((await townSecretary.send<ErrorAnswer>('PATCH', `/api/v1/regional-groups/${group.id}`, {})).status).toBe(400);
  });
});

describe('scope', () => {
  it('reads a group from its area or a member’s, changes it only from its area', async () => {
    // the demo street group has members in community C
    const read = await secretary.getJson<GroupRecord>(`/api/v1/regional-groups/${ctx.groupA}`);
    expect(read.status).toBe(200);
    expect(read.body.area_code).toBe(ctx.townA); // the town above the secretary's community
    expect(read.body.lead).not.toBeNull();
    const listed = await secretary.getJson<GroupList>('/api/v1/regional-groups');
    expect(listed.body.groups.map((g) => g.id)).toContain(ctx.groupA);
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/regional-groups/${ctx.groupA}`, { name: '越权' }],
      ['POST', `/api/v1/regional-groups/${ctx.groupA}/members`, { org_id: ctx.orgsC[3] }],
      ['PUT', `/api/v1/regional-groups/${ctx.groupA}/lead`, { org_id: read.body.members.at(-1)!.org_id }],
      ['POST', `/api/v1/regional-groups/${ctx.groupA}/meetings`, { held_on: '2026-01-01', place_text: '会议室', topic: '越权' }],
    ] as const) {
      const answer = await secretary.send<ErrorAnswer>(method, path, body);
      expect([method, path, answer.status, answer.body.error.code]).toEqual([method, path, 404, 'not_found']);
    }
    // a member's secretary keeps the group's lists with it
    const item = await secretary.send<ListItem>('POST', `/api/v1/regional-groups/${ctx.groupA}/items`, { list: 'resources', title: '社区活动室' });
    expect(item.status).toBe(201);
    expect(item.body.owner).toEqual({ kind: 'regional_group', id: ctx.groupA });

    const groupB = await newGroup({ area_code: ctx.townB, lead_org_id: ctx.orgB }, server.admin);
    for (const path of [
      `/api/v1/regional-groups/${groupB.id}`,
      `/api/v1/regional-groups/${groupB.id}/meetings`,
      `/api/v1/regional-groups/${groupB.id}/items`,
    ]) {
      const answer = await secretary.getJson<ErrorAnswer>(path);
      expect([path, answer.status]).toEqual([path, 404]);
    }
    expect((await secretary.getJson<GroupList>(`/api/v1/regional-groups?area=${ctx.townB}`)).body.groups).toEqual([]);
    expect((await secretary.send('POST', `/api/v1/regional-groups/${groupB.id}/items`, { list: 'needs', title: '越权' })).status).toBe(404);
    // organizations out of the secretary's read scope cannot be named
    const own = await newGroup({ area_code: ctx.communityC, lead_org_id: ctx.orgsC[0] }, secretary);
    const named = await secretary.send<ErrorAnswer>('POST', `/api/v1/regional-groups/${own.id}/members`, { org_id: ctx.orgB });
    expect([named.status, named.body.error.code]).toEqual([404, 'not_found']);
  });

  it('filters the list by area, member and name', async () => {
    const all = await server.admin.getJson<GroupList>('/api/v1/regional-groups');
    expect(all.body.groups.length).toBeGreaterThanOrEqual(5);
    const inA = await server.admin.getJson<GroupList>(`/api/v1/regional-groups?area=${ctx.townA}`);
    expect(inA.body.groups.every((g) => g.area_code!.startsWith(ctx.townA.slice(0, 9)))).toBe(true);
    const byOrg = await server.admin.getJson<GroupList>(`/api/v1/regional-groups?org=${ctx.orgB}`);
    expect(byOrg.body.groups.length).toBeGreaterThan(0);
    const byName = await server.admin.getJson<GroupList>(`/api/v1/regional-groups?q=${encodeURIComponent('区域化党建联盟')}`);
    expect(byName.body.groups.length).toBe(5);
    for (const query of ['area=1', 'org=-1', `q=${'a'.repeat(101)}`]) {
      expect((await server.admin.getJson(`/api/v1/regional-groups?${query}`)).status).toBe(400);
    }
  });
});

describe('joint meetings', () => {
  it('records a meeting with its place, attendance, resolutions and follow-ups, and moves a follow-up along', async () => {
    const [lead, second] = ctx.orgsC as [number, number];
    const group = await newGroup({ area_code: ctx.communityC, lead_org_id: lead, org_ids: [second] }, secretary);
    const before = await auditCount();
    const created = await secretary.send<Meeting>('POST', `/api/v1/regional-groups/${group.id}/meetings`, {
      held_on: '2026-06-18',
      place_id: ctx.placeC,
      topic: '第二季度联席会议',
      attendee_count: 23,
      attending_org_ids: [second, lead],
      resolutions: ['共建文化广场', '开展义诊进社区'],
      follow_ups: [{ title: '落实广场选址', responsible_org_id: second, due_on: '2026-07-31' }, { title: '联系医院' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const m = created.body;
    expect(m).toMatchObject({ group_id: group.id, held_on: '2026-06-18', place: { place_id: ctx.placeC }, topic: '第二季度联席会议', attendee_count: 23 });
    expect(m.place.name.length).toBeGreaterThan(0);
    expect(m.attending_orgs.map((o) => o.id).sort()).toEqual([lead, second].sort());
    expect(m.resolutions).toEqual(['共建文化广场', '开展义诊进社区']);
    expect(m.follow_ups.map((f) => [f.title, f.responsible_org?.id ?? null, f.due_on, f.status])).toEqual([
      ['落实广场选址', second, '2026-07-31', 'open'],
      ['联系医院', null, null, 'open'],
    ]);
    expect(await auditCount()).toBe(before + 1);

    const followUp = m.follow_ups[0]!;
    const path = `/api/v1/regional-groups/${group.id}/meetings/${m.id}/follow-ups/${followUp.id}`;
    expect((await secretary.send<Meeting>('PATCH', path, { status: 'in_progress' })).body.follow_ups[0]!.status).toBe('in_progress');
    expect((await secretary.send<Meeting>('PATCH', path, { status: 'done' })).body.follow_ups[0]!.status).toBe('done');
    const refused = await secretary.send<ErrorAnswer>('PATCH', path, { status: 'cancelled' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'status_refused']);
    const stranger = await secretary.send<ErrorAnswer>('PATCH', path, { responsible_org_id: ctx.orgsC[3] });
    expect([stranger.status, stranger.body.error.code]).toEqual([422, 'not_a_group_member']);
    const statuses = await server.db.query<{ detail: { after: { status: string } } }>(
      "select detail from audit_log where action = 'joint_meeting.update_follow_up' and target_ids = array[$1::bigint] order by id",
      [followUp.id],
    );
    expect(statuses.rows.map((r) => r.detail.after.status)).toEqual(['in_progress', 'done']);

    const added = await secretary.send<Meeting>('POST', `/api/v1/regional-groups/${group.id}/meetings/${m.id}/follow-ups`, {
      title: '通报进展',
      responsible_org_id: lead,
    });
    expect(added.status).toBe(201);
    expect(added.body.follow_ups.map((f) => f.title)).toEqual(['落实广场选址', '联系医院', '通报进展']);

    const edited = await secretary.send<Meeting>('PATCH', `/api/v1/regional-groups/${group.id}/meetings/${m.id}`, {
      place_text: '社区二楼会议室',
      attending_org_ids: [lead],
      attendee_count: null,
    });
    expect(edited.body).toMatchObject({ place: { place_id: null, name: '社区二楼会议室' }, attendee_count: null });
    expect(edited.body.attending_orgs.map((o) => o.id)).toEqual([lead]);

    const record = await secretary.getJson<GroupRecord>(`/api/v1/regional-groups/${group.id}`);
    expect(record.body).toMatchObject({ meeting_count: 1, last_meeting_on: '2026-06-18' });
    expect(record.body.meetings[0]!.follow_ups).toHaveLength(3);
    const listed = await secretary.getJson<MeetingList>(`/api/v1/regional-groups/${group.id}/meetings`);
    expect(listed.body.meetings.map((x) => x.id)).toEqual([m.id]);
  });

  it('refuses a meeting without one place, with a stranger attending, or at a place out of scope', async () => {
    const group = await newGroup({ area_code: ctx.communityC, lead_org_id: ctx.orgsC[0] }, secretary);
    const path = `/api/v1/regional-groups/${group.id}/meetings`;
    const base = { held_on: '2026-03-01', topic: '联席会议' };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [base, 400, 'invalid_body'],
      [{ ...base, place_id: ctx.placeC, place_text: '会议室' }, 400, 'invalid_body'],
      [{ ...base, place_text: '会议室', held_on: '2026-02-29' }, 400, 'invalid_body'],
      [{ ...base, place_text: '会议室', attendee_count: -1 }, 400, 'invalid_body'],
      [{ ...base, place_text: '会议室', resolutions: ['ok', 'a\u0000'] }, 400, 'invalid_body'],
      [{ ...base, place_text: '会议室', follow_ups: [{ title: '' }] }, 400, 'invalid_body'],
      [{ ...base, place_id: ctx.placeB }, 404, 'not_found'],
      [{ ...base, place_text: '会议室', attending_org_ids: [ctx.orgsC[1]] }, 422, 'not_a_group_member'],
      [{ ...base, place_text: '会议室', follow_ups: [{ title: '跟进', responsible_org_id: ctx.orgsC[1] }] }, 422, 'not_a_group_member'],
    ];
    const meetings = async () => (await one<{ n: number }>('select count(*)::int as n from regional_meeting')).n;
    const before = await meetings();
    for (const [body, status, code] of cases) {
      const answer = await secretary.send<ErrorAnswer>('POST', path, body);
      expect([JSON.stringify(body), answer.status, answer.body.error.code]).toEqual([JSON.stringify(body), status, code]);
    }
    expect(await meetings()).toBe(before);
    const other = await newGroup({ area_code: ctx.communityC }, secretary);
    const created = await secretary.send<Meeting>('POST', path, { ...base, place_text: '会议室' });
    const wrongGroup = await secretary.send<ErrorAnswer>('PATCH', `/api/v1/regional-groups/${other.id}/meetings/${created.body.id}`, { topic: '张冠李戴' });
    expect([wrongGroup.status, wrongGroup.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('GET /api/v1/regional-groups/outlines', () => {
  it('outlines each group around every open member organization’s point, at least ~300 m beyond it', async () => {
    const { body, status, headers } = await server.admin.getJson<GroupOutlines>('/api/v1/regional-groups/outlines');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('private, no-cache');
    expect(body.features.length).toBeGreaterThanOrEqual(5);
    for (const f of body.features) {
      expect(f.geometry.type).toBe('Polygon');
      expect(f.properties).toMatchObject({ id: f.id, kind: 'regional_group' });
      const { rows } = await server.db.query<{ inside: boolean; margin: number; members: number }>(
        `select st_contains(g, o.geom) as inside,
                st_distance(st_exteriorring(g)::geography, o.geom::geography) as margin,
                count(*) over ()::int as members
         from (select st_setsrid(st_geomfromgeojson($2), 4326) as g) s,
              regional_group_org r join org o on o.id = r.org_id
         where r.group_id = $1 and o.closed_on is null`,
        [f.id, JSON.stringify(f.geometry)],
      );
      expect(rows.length).toBe(f.properties.member_count);
      for (const r of rows) {
        expect(r.inside).toBe(true);
        expect(r.margin).toBeGreaterThan(250);
      }
    }
  });

  it('is scoped, and readable by the wall', async () => {
    const wall = await wallClient(server.baseUrl, server.db, ctx.townA);
    const { body } = await wall.getJson<GroupOutlines>('/api/v1/regional-groups/outlines');
    const ids = body.features.map((f) => f.id);
    expect(ids).toContain(ctx.groupA);
    const groupB = await one<{ id: number }>('select max(id) as id from regional_group where area_code = $1', [ctx.townB]);
    expect(ids).not.toContain(groupB.id);
    const etag = (await wall.get('/api/v1/regional-groups/outlines')).headers.get('etag')!;
    expect((await wall.get('/api/v1/regional-groups/outlines', undefined, { 'if-none-match': etag })).status).toBe(304);
  });
});
