import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceKind, PlaceList, PlaceRecord } from '../../server/src/contract/places.ts';
import { signInAs, wallClient, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt } from '../support/tiles.ts';

/**
 * 阵地: secretaries keep service centers, stations, center households and sites current in their
 * scope. Community C (the one with most households) and its town A; town B, the farthest from A,
 * is outside everyone's scope but the county admin's.
 */
const database = usePrivateDatabase('places');
let server: TestServer;
let secretary: ApiClient & { userId: number };
let planner: ApiClient;
let dispatcher: ApiClient;
const ctx = {} as {
  communityC: string;
  townA: string;
  townB: string;
  pointC: [number, number];
  pointB: [number, number];
  memberC: number;
  memberB: number;
  buildingC: number;
  buildingB: number;
  placeB: number;
};

type Watched = 'place' | 'place_household' | 'registry_history' | 'audit_log';
const watched: Watched[] = ['place', 'place_household', 'registry_history', 'audit_log'];

async function counts(): Promise<Record<Watched, number>> {
  const columns = watched.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ');
  return (await server.db.query<Record<Watched, number>>(`select ${columns}`)).rows[0]!;
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await server.db.query(sql, params)).rows[0] as T;
}

/** A point inside community C, `i` steps of about 10 m from its point on surface (kept inside). */
async function pointInC(i = 0): Promise<[number, number]> {
  const p = await one<{ lng: number; lat: number }>(
    `select st_x(q) as lng, st_y(q) as lat from (
       select case when st_contains(geom, moved) then moved else st_pointonsurface(geom) end as q
       from (select geom, st_translate(st_pointonsurface(geom), $2::float8 * 0.0001, 0) as moved from area where code = $1) a) s`,
    [ctx.communityC, i],
  );
  return [p.lng, p.lat];
}

let memberSerial = 0;
/** A current member of an organization in C who keeps no center household yet. */
async function freeMemberC(): Promise<number> {
  const m = await one<{ id: number }>(
    `select m.id from member m join org o on o.id = m.org_id
     where o.area_code = $1 and m.left_on is null
       and not exists (select from place p where p.member_id = m.id and p.closed_on is null)
     order by m.id offset $2 limit 1`,
    [ctx.communityC, memberSerial++],
  );
  return m.id;
}

const bodies: Record<PlaceKind, () => Promise<Record<string, unknown>>> = {
  service_center: async () => ({ kind: 'service_center', name: '新建党群服务中心', tier: 'community', area_code: ctx.communityC, position: await pointInC(1) }),
  service_station: async () => ({
    kind: 'service_station',
    name: '新建党群服务站',
    tier: 'community',
    area_code: ctx.communityC,
    address: '幸福路 8 号',
    position: await pointInC(2),
    opening_hours: '周一至周五 9:00-17:00',
    services: ['政策咨询', '代办服务'],
    contact_name: '王站长',
    contact_phone: '0816-2345678',
  }),
  center_household: async () => ({
    kind: 'center_household',
    name: '测试党员中心户',
    area_code: ctx.communityC,
    address: '幸福小区 3 栋 2 单元 501',
    position: await pointInC(3),
    member_id: await freeMemberC(),
    contact_phone: '13900001111',
  }),
  education_site: async () => ({ kind: 'education_site', name: '远程教育站点', area_code: ctx.communityC, position: await pointInC(4) }),
  model_site: async () => ({ kind: 'model_site', name: '示范点', area_code: ctx.communityC, position: await pointInC(5) }),
};

async function create(kind: PlaceKind, as: ApiClient = secretary, extra: Record<string, unknown> = {}): Promise<PlaceRecord> {
  const answer = await as.send<PlaceRecord>('POST', '/api/v1/places', { ...(await bodies[kind]()), ...extra });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

const list = (as: ApiClient, query: string) => as.getJson<PlaceList>(`/api/v1/places?${query}`);

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  const c = await one<{ code: string; parent_code: string }>("select code, parent_code from area where level = 'community' order by households desc limit 1");
  const b = await one<{ code: string; lng: number; lat: number }>(
    `select code, st_x(st_pointonsurface(geom)) as lng, st_y(st_pointonsurface(geom)) as lat from area
     where level = 'town' and code <> $1 order by st_distance(geom, (select geom from area where code = $1)) desc, code limit 1`,
    [c.parent_code],
  );
  Object.assign(ctx, { communityC: c.code, townA: c.parent_code, townB: b.code, pointB: [b.lng, b.lat] });
  ctx.pointC = await pointInC();
  ctx.memberB = (
    await one<{ id: number }>('select m.id from member m join org o on o.id = m.org_id where o.area_code like $1 order by m.id limit 1', [
      `${b.code.slice(0, 9)}%`,
    ])
  ).id;
  ctx.buildingC = (await one<{ id: number }>('select id from building where community_code = $1 order by id limit 1', [c.code])).id;
  ctx.buildingB = (await one<{ id: number }>('select id from building where community_code like $1 order by id limit 1', [`${b.code.slice(0, 9)}%`])).id;
  ctx.placeB = (await one<{ id: number }>('select id from place where area_code like $1 order by id limit 1', [`${b.code.slice(0, 9)}%`])).id;
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', c.code);
  planner = await signInAs(server.baseUrl, server.db, 'planner', c.parent_code);
  dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', c.parent_code);
});
afterAll(async () => {
  await server?.close();
});

describe('creating service positions', () => {
  it.each(['service_center', 'service_station', 'center_household', 'education_site', 'model_site'] as const)(
    'creates a %s in scope with its created history and audit record',
    async (kind) => {
      const before = await counts();
      const place = await create(kind);
      expect(place).toMatchObject({ kind, area_code: ctx.communityC, closed_on: null, precision: 'exact' });
      expect(place.tier).toBe(kind === 'service_center' || kind === 'service_station' ? 'community' : null);
      expect(place.linked_households).toBe(kind === 'center_household' ? 0 : null);
      expect(place.households).toEqual(kind === 'center_household' ? [] : null);
      expect(place.history.map((h) => h.action)).toEqual(['created']);
      expect(place.history[0]!.actor).toBe('测试secretary');
      const after = await counts();
      expect(after.place).toBe(before.place + 1);
      expect(after.registry_history).toBe(before.registry_history + 1);
      const actions = await server.db.query<{ action: string }>('select action from audit_log where target_kind = $1 and $2 = any(target_ids) order by id', [
        'place',
        place.id,
      ]);
      expect(actions.rows.map((r) => r.action)).toEqual(kind === 'center_household' ? ['place.create', 'place.read_households'] : ['place.create']);
    },
  );

  it('keeps the opening hours, services and contact of a station and names the member of a center household', async () => {
    const station = await create('service_station');
    expect(station).toMatchObject({
      address: '幸福路 8 号',
      opening_hours: '周一至周五 9:00-17:00',
      services: ['政策咨询', '代办服务'],
      contact_name: '王站长',
      contact_phone: '0816-2345678',
      member: null,
    });
    const household = await create('center_household');
    const member = await one<{ id: number; name: string }>('select m.id, m.name from member m join place p on p.member_id = m.id where p.id = $1', [
      household.id,
    ]);
    expect(household.member).toEqual({ id: member.id, name: member.name });
  });
});

describe('reading and listing', () => {
  it('lists by kind, area, name or address, status and bbox, paged by id', async () => {
    const station = await create('service_station', secretary, { name: '检索用服务站甲' });
    const ofKind = await list(secretary, 'kind=service_station&limit=500');
    expect(ofKind.status).toBe(200);
    expect(ofKind.body.places.every((p) => p.kind === 'service_station')).toBe(true);
    expect(ofKind.body.places.map((p) => p.id)).toContain(station.id);
    const byName = await list(secretary, `q=${encodeURIComponent('检索用服务站')}`);
    expect(byName.body.places.map((p) => p.id)).toEqual([station.id]);
    const byAddress = await list(secretary, `q=${encodeURIComponent('幸福路 8')}&kind=service_station`);
    expect(byAddress.body.places.map((p) => p.id)).toContain(station.id);
    const [lng, lat] = station.position;
    const byBox = await list(secretary, `bbox=${lng - 0.0001},${lat - 0.0001},${lng + 0.0001},${lat + 0.0001}`);
    expect(byBox.body.places.map((p) => p.id)).toContain(station.id);
    const byArea = await server.getJson<PlaceList>(`/api/v1/places?area=${ctx.townA}&limit=500`);
    expect(byArea.body.places.length).toBeGreaterThan(0);
    expect(byArea.body.places.every((p) => p.area_code.startsWith(ctx.townA.slice(0, 9)))).toBe(true);
    const otherArea = await server.getJson<PlaceList>(`/api/v1/places?area=${ctx.townB}&q=${encodeURIComponent('检索用服务站')}`);
    expect(otherArea.body.places).toEqual([]);

    const pages: number[] = [];
    let after: number | null = null;
    do {
      const page: { body: PlaceList } = await server.getJson<PlaceList>(`/api/v1/places?area=${ctx.townA}&limit=7${after ? `&after=${after}` : ''}`);
      pages.push(...page.body.places.map((p) => p.id));
      after = page.body.next_after;
    } while (after !== null);
    expect(pages).toEqual(byArea.body.places.map((p) => p.id));
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  });

  it('reads one place with its history; out of scope it answers 404', async () => {
    const place = await create('education_site');
    const read = await secretary.getJson<PlaceRecord>(`/api/v1/places/${place.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: place.id, name: '远程教育站点', area_name: expect.any(String) });
    for (const as of [secretary, planner, dispatcher]) {
      const away = await as.getJson<{ error: { code: string } }>(`/api/v1/places/${ctx.placeB}`);
      expect(away.status).toBe(404);
      expect(away.body.error.code).toBe('not_found');
    }
    expect((await server.getJson(`/api/v1/places/${ctx.placeB}`)).status).toBe(200);
  });

  it('refuses a wall token: service positions are not for the wall', async () => {
    const wall = await wallClient(server.baseUrl, server.db, ctx.townA);
    expect((await wall.getJson('/api/v1/places')).status).toBe(403);
    expect((await wall.getJson(`/api/v1/places/${ctx.placeB}`)).status).toBe(403);
  });
});

describe('editing and moving', () => {
  it("records changed fields as 'edited' and a new position as 'moved'", async () => {
    const place = await create('service_center');
    const edited = await secretary.send<PlaceRecord>('PATCH', `/api/v1/places/${place.id}`, {
      name: '更名后的服务中心',
      services: ['党员教育'],
      contact_phone: '13800138000',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: '更名后的服务中心', services: ['党员教育'], contact_phone: '13800138000' });
    const edit = edited.body.history.at(-1)!;
    expect(edit.action).toBe('edited');
    expect(edit.detail.changed).toEqual(['name', 'services', 'contact_phone']);

    const to = await pointInC(7);
    const moved = await secretary.send<PlaceRecord>('PATCH', `/api/v1/places/${place.id}`, { position: to, opening_hours: '全天' });
    expect(moved.status).toBe(200);
    expect(moved.body.position[0]).toBeCloseTo(to[0], 9);
    expect(moved.body.position[1]).toBeCloseTo(to[1], 9);
    expect(moved.body.history.map((h) => h.action)).toEqual(['created', 'edited', 'moved', 'edited']);
    expect(moved.body.history[2]!.detail).toEqual({ from: place.position, to });
    expect(moved.body.history[3]!.detail.changed).toEqual(['opening_hours']);

    const audits = await server.db.query<{ detail: { changed: string[] } }>(
      "select detail from audit_log where action = 'place.update' and $1 = any(target_ids) order by id",
      [place.id],
    );
    expect(audits.rows.map((r) => r.detail.changed)).toEqual([
      ['name', 'services', 'contact_phone'],
      ['position', 'opening_hours'],
    ]);

    const before = await counts();
    const same = await secretary.send<PlaceRecord>('PATCH', `/api/v1/places/${place.id}`, { name: '更名后的服务中心' });
    expect(same.status).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it('clears a field with null', async () => {
    const place = await create('service_station');
    const cleared = await secretary.send<PlaceRecord>('PATCH', `/api/v1/places/${place.id}`, { contact_name: null, address: null });
    expect(cleared.body).toMatchObject({ contact_name: null, address: null });
  });
});

describe('closing', () => {
  it('closes with a day and a reason: off the default list and off the places tiles, kept in history', async () => {
    const place = await create('service_station');
    const [z, x, y] = tileAt(place.position[0], place.position[1], 14);
    const tileIds = async () => {
      const res = await server.get(`/tiles/places/${z}/${x}/${y}.mvt`);
      expect(res.status).toBe(200);
      return decodeLayer(await res.arrayBuffer(), 'places').map((f) => Number(f.properties.id));
    };
    expect(await tileIds()).toContain(place.id);

    const closed = await secretary.send<PlaceRecord>('POST', `/api/v1/places/${place.id}/close`, { effective_on: '2026-01-15', reason: '社区合并' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ closed_on: '2026-01-15', close_reason: '社区合并' });
    expect(closed.body.history.at(-1)).toMatchObject({ action: 'closed', effective_on: '2026-01-15', reason: '社区合并' });

    const open = await list(secretary, 'kind=service_station&limit=500');
    expect(open.body.places.map((p) => p.id)).not.toContain(place.id);
    const closedList = await list(secretary, 'status=closed&limit=500');
    expect(closedList.body.places.map((p) => p.id)).toContain(place.id);
    expect(closedList.body.places.every((p) => p.closed_on !== null)).toBe(true);
    const all = await list(secretary, 'status=all&kind=service_station&limit=500');
    expect(all.body.places.map((p) => p.id)).toContain(place.id);
    expect(await tileIds()).not.toContain(place.id);
    expect((await secretary.getJson(`/api/v1/places/${place.id}`)).status).toBe(200);

    const before = await counts();
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/places/${place.id}`, { name: '再改' }],
      ['POST', `/api/v1/places/${place.id}/close`, { reason: '再撤' }],
    ] as const) {
      const again = await secretary.send<{ error: { code: string } }>(method, path, body);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('place_closed');
    }
    expect(await counts()).toEqual(before);
  });

  it('closes today when no day is given, and refuses a day to come', async () => {
    const place = await create('model_site');
    const future = await secretary.send<{ error: { code: string } }>('POST', `/api/v1/places/${place.id}/close`, {
      effective_on: '2099-01-01',
      reason: '未来',
    });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('invalid_body');
    const closed = await secretary.send<PlaceRecord>('POST', `/api/v1/places/${place.id}/close`, { reason: '撤销' });
    expect(closed.body.closed_on).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
  });
});

describe("a center household's linked households", () => {
  it('replaces the list, counts it, and places a building household at the building', async () => {
    const place = await create('center_household');
    const first = await secretary.send<PlaceRecord>('PUT', `/api/v1/places/${place.id}/households`, [
      { label: '张家', position: await pointInC(8) },
      { label: '李家', building_id: ctx.buildingC },
      { label: '王家', position: await pointInC(9) },
    ]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.linked_households).toBe(3);
    expect(first.body.households!.map((h) => h.label)).toEqual(['张家', '李家', '王家']);
    const building = await one<{ lng: number; lat: number }>(
      'select st_x(st_pointonsurface(geom)) as lng, st_y(st_pointonsurface(geom)) as lat from building where id = $1',
      [ctx.buildingC],
    );
    expect(first.body.households![1]).toMatchObject({ building_id: ctx.buildingC, position: [building.lng, building.lat] });
    expect(first.body.history.at(-1)).toMatchObject({ action: 'households_replaced', detail: { before: 0, after: 3 } });

    const second = await secretary.send<PlaceRecord>('PUT', `/api/v1/places/${place.id}/households`, [{ label: '赵家', position: await pointInC(10) }]);
    expect(second.body.linked_households).toBe(1);
    expect(second.body.households!.map((h) => h.label)).toEqual(['赵家']);
    const rows = await one<{ n: number; linked: number }>(
      'select (select count(*) from place_household where place_id = $1)::int as n, (select linked_households from place where id = $1) as linked',
      [place.id],
    );
    expect(rows).toEqual({ n: 1, linked: 1 });
    const audits = await server.db.query<{ detail: unknown }>(
      "select detail from audit_log where action = 'place.households' and $1 = any(target_ids) order by id",
      [place.id],
    );
    expect(audits.rows.map((r) => r.detail)).toEqual([
      { before: 0, after: 3 },
      { before: 3, after: 1 },
    ]);

    const emptied = await secretary.send<PlaceRecord>('PUT', `/api/v1/places/${place.id}/households`, []);
    expect(emptied.body).toMatchObject({ linked_households: 0, households: [] });
  });

  it('audits each read of the households as place.read_households, in scope', async () => {
    const place = await create('center_household');
    await secretary.send('PUT', `/api/v1/places/${place.id}/households`, [{ label: '张家', position: await pointInC(8) }]);
    const reads = async () =>
      (
        await one<{ n: number }>("select count(*)::int as n from audit_log where action = 'place.read_households' and $1 = any(target_ids) and user_id = $2", [
          place.id,
          secretary.userId,
        ])
      ).n;
    const before = await reads();
    const read = await secretary.getJson<PlaceRecord>(`/api/v1/places/${place.id}`);
    expect(read.body.households).toHaveLength(1);
    expect(await reads()).toBe(before + 1);
    const station = await create('service_station');
    await secretary.getJson(`/api/v1/places/${station.id}`);
    expect(await reads()).toBe(before + 1);
  });

  it('shows planners and dispatchers a center household at a ~100 m cell centre, without its address or households', async () => {
    const place = await create('center_household');
    await secretary.send('PUT', `/api/v1/places/${place.id}/households`, [{ label: '张家', position: await pointInC(8) }]);
    expect(place).toMatchObject({ precision: 'exact', contact_phone: '13900001111', address: '幸福小区 3 栋 2 单元 501' });
    const [lng, lat] = place.position;
    const box = `${lng - 0.00002},${lat - 0.00002},${lng + 0.00002},${lat + 0.00002}`;
    for (const as of [planner, dispatcher]) {
      const auditBefore = (await counts()).audit_log;
      const read = await as.getJson<PlaceRecord>(`/api/v1/places/${place.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ precision: 'generalized', address: null, contact_phone: null, households: null, linked_households: 1 });
      expect(read.body.position).not.toEqual(place.position);
      const cell = await one<{ x: number; y: number }>(
        'select st_x(p) as x, st_y(p) as y from st_transform(st_setsrid(st_point($1::float8, $2::float8), 4326), 3857) p',
        read.body.position,
      );
      const home = await one<{ x: number; y: number }>(
        'select st_x(p) as x, st_y(p) as y from st_transform(st_setsrid(st_point($1::float8, $2::float8), 4326), 3857) p',
        place.position,
      );
      expect(Math.abs(cell.x - home.x)).toBeLessThanOrEqual(50.01);
      expect(Math.abs(cell.y - home.y)).toBeLessThanOrEqual(50.01);
      expect(((cell.x % 100) + 100) % 100).toBeCloseTo(50, 1);
      expect((await counts()).audit_log).toBe(auditBefore);

      const listed = await list(as, `kind=center_household&area=${ctx.communityC}&limit=500`);
      const summary = listed.body.places.find((p) => p.id === place.id)!;
      expect(summary).toMatchObject({ precision: 'generalized', address: null, position: read.body.position });
      // neither the address nor a box around the exact home finds it
      expect((await list(as, `q=${encodeURIComponent('幸福小区 3 栋')}&kind=center_household`)).body.places.map((p) => p.id)).not.toContain(place.id);
      const inBox = (await list(as, `bbox=${box}`)).body.places.map((p) => p.id);
      expect(inBox).not.toContain(place.id);
    }
    expect((await list(secretary, `bbox=${box}`)).body.places.map((p) => p.id)).toContain(place.id);
    const history = (await planner.getJson<PlaceRecord>(`/api/v1/places/${place.id}`)).body.history;
    expect(history.map((h) => h.action)).toEqual(['created', 'households_replaced']);
  });

  it('hides the moves and address edits of a center household from a planner', async () => {
    const place = await create('center_household');
    await secretary.send('PATCH', `/api/v1/places/${place.id}`, { position: await pointInC(11), address: '新地址 1 号' });
    const history = (await planner.getJson<PlaceRecord>(`/api/v1/places/${place.id}`)).body.history;
    expect(history.map((h) => [h.action, h.detail])).toEqual([
      ['created', { kind: 'center_household', name: '测试党员中心户', area_code: ctx.communityC }],
      ['moved', {}],
      ['edited', { changed: ['address'] }],
    ]);
  });
});

describe('scope and bad input: 4xx with a stable code, nothing written', () => {
  const refusals: Array<[string, () => Promise<[string, string, unknown]>, number, string]> = [
    ['a station without a tier', async () => ['POST', '/api/v1/places', { ...(await bodies.service_station()), tier: undefined }], 400, 'invalid_body'],
    ['a model site with a tier', async () => ['POST', '/api/v1/places', { ...(await bodies.model_site()), tier: 'town' }], 400, 'invalid_body'],
    [
      'a center household without a member',
      async () => ['POST', '/api/v1/places', { ...(await bodies.center_household()), member_id: undefined }],
      400,
      'invalid_body',
    ],
    ['a station with a member', async () => ['POST', '/api/v1/places', { ...(await bodies.service_station()), member_id: ctx.memberB }], 400, 'invalid_body'],
    ['an unknown kind', async () => ['POST', '/api/v1/places', { ...(await bodies.model_site()), kind: 'bar' }], 400, 'invalid_body'],
    ['an unknown field', async () => ['POST', '/api/v1/places', { ...(await bodies.model_site()), closed_on: '2026-01-01' }], 400, 'invalid_body'],
    ['a bad phone', async () => ['POST', '/api/v1/places', { ...(await bodies.model_site()), contact_phone: '12345' }], 400, 'invalid_body'],
    ['a position outside the area', async () => ['POST', '/api/v1/places', { ...(await bodies.model_site()), position: ctx.pointB }], 422, 'outside_area'],
    [
      'an area out of scope',
      async () => ['POST', '/api/v1/places', { ...(await bodies.model_site()), area_code: ctx.townB, position: ctx.pointB }],
      404,
      'not_found',
    ],
    ['a member out of scope', async () => ['POST', '/api/v1/places', { ...(await bodies.center_household()), member_id: ctx.memberB }], 404, 'not_found'],
    ['an edit out of scope', async () => ['PATCH', `/api/v1/places/${ctx.placeB}`, { name: '越权' }], 404, 'not_found'],
    ['a close out of scope', async () => ['POST', `/api/v1/places/${ctx.placeB}/close`, { reason: '越权' }], 404, 'not_found'],
    ['households out of scope', async () => ['PUT', `/api/v1/places/${ctx.placeB}/households`, []], 404, 'not_found'],
    ['an empty edit', async () => ['PATCH', `/api/v1/places/${ctx.placeB}`, {}], 400, 'invalid_body'],
    ['a close without a reason', async () => ['POST', `/api/v1/places/${ctx.placeB}/close`, {}], 400, 'invalid_body'],
    ['a close on 2026-02-30', async () => ['POST', `/api/v1/places/${ctx.placeB}/close`, { reason: 'x', effective_on: '2026-02-30' }], 400, 'invalid_body'],
  ];
  it.each(refusals)('refuses %s', async (_name, build, status, code) => {
    const [method, path, body] = await build();
    const before = await counts();
    const answer = await secretary.send<{ error: { code: string } }>(method, path, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('refuses a tier on an edit of a kind without one, a move out of its area, and households of another kind or area', async () => {
    const site = await create('model_site');
    const household = await create('center_household');
    const station = await create('service_station');
    const before = await counts();
    const cases: Array<[string, string, unknown, number, string]> = [
      ['PATCH', `/api/v1/places/${site.id}`, { tier: 'town' }, 400, 'invalid_body'],
      ['PATCH', `/api/v1/places/${site.id}`, { position: ctx.pointB }, 422, 'outside_area'],
      ['PUT', `/api/v1/places/${station.id}/households`, [{ label: '张家', position: ctx.pointC }], 422, 'not_a_center_household'],
      ['PUT', `/api/v1/places/${household.id}/households`, [{ label: '张家', building_id: ctx.buildingB }], 422, 'outside_area'],
      ['PUT', `/api/v1/places/${household.id}/households`, [{ label: '张家', building_id: 999_999_999 }], 422, 'outside_area'],
      ['PUT', `/api/v1/places/${household.id}/households`, [{ label: '张家', position: ctx.pointB }], 422, 'outside_area'],
      ['PUT', `/api/v1/places/${household.id}/households`, [{ label: '张家', position: ctx.pointC, building_id: ctx.buildingC }], 400, 'invalid_body'],
      ['PUT', `/api/v1/places/${household.id}/households`, [{ label: '张家' }], 400, 'invalid_body'],
      [
        'PUT',
        `/api/v1/places/${household.id}/households`,
        Array.from({ length: 101 }, (_, i) => ({ label: `户${i}`, position: ctx.pointC })),
        400,
        'invalid_body',
      ],
      ['PUT', `/api/v1/places/${household.id}/households`, { label: '张家', position: ctx.pointC }, 400, 'invalid_body'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const answer = await secretary.send<{ error: { code: string } }>(method, path, body);
      expect(answer.status, `${method} ${path} ${JSON.stringify(answer.body)}`).toBe(status);
      expect(answer.body.error.code).toBe(code);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a second open center household for one member', async () => {
    const first = await create('center_household');
    const before = await counts();
    const again = await secretary.send<{ error: { code: string } }>('POST', '/api/v1/places', {
      ...(await bodies.center_household()),
      member_id: first.member!.id,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect(await counts()).toEqual(before);
  });

  it('lets planners and dispatchers read but not write', async () => {
    for (const as of [planner, dispatcher]) {
      const answer = await as.send<{ error: { code: string } }>('POST', '/api/v1/places', await bodies.model_site());
      expect(answer.status).toBe(403);
    }
  });
});
