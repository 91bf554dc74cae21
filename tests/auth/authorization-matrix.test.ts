import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { Role } from '../../server/src/contract/auth.ts';
import { type ApiClient, signInAs, wallClient, type Answer } from '../support/api-client.ts';
import { currentGridsFile } from '../support/communities.ts';
import { freshGroupC, freshItem, freshPairingC, makeRegionalFixtures, type RegionalFixtures, type RegionalPlaces } from '../support/regional-fixtures.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt as tilePath } from '../support/tiles.ts';

/**
 * Every endpoint × every role × in scope / out of scope. Callers hold their role over town A
 * (the secretary over community C inside it); B is another town. Out of scope answers 404 or an
 * empty set, and no answer ever carries an area or grid code outside the caller's scope.
 * New endpoints add a row to `endpoints`.
 */
let server: TestServer;
const callers = {} as Record<Role | 'anonymous', ApiClient>;
const ctx = {} as {
  townA: string;
  townB: string;
  communityC: string;
  prefix: Record<Role, string>;
  pointC: [number, number];
  pointB: [number, number];
  bboxC: string;
  bboxB: string;
  gridC: string;
  gridB: string;
  communityB: string;
  planC: number;
  planB: number;
  memberC: number;
  memberB: number;
  orgB: number;
  tileC: string;
  tileC12: string;
  tileB: string;
  wallTokenIdA: number;
  wallTokenIdB: number;
  caseA: number;
  caseB: number;
  dispatchB: number;
  idleMemberC: number;
  orgC: number;
};

const tileAt = (lng: number, lat: number, z: number) => tilePath(lng, lat, z).join('/');

beforeAll(async () => {
  server = await startTestServer();
  const q = async <T>(sql: string, params: unknown[] = []) => (await server.db.query<T & pg_row>(sql, params)).rows[0] as T;
  type pg_row = Record<string, unknown>;
  const c = await q<{ code: string; parent_code: string; x: number; y: number; bbox: string }>(
    `select code, parent_code, st_x(p) as x, st_y(p) as y,
            concat_ws(',', st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b)) as bbox
     from (select code, parent_code, st_pointonsurface(geom) as p, st_envelope(st_buffer(st_pointonsurface(geom), 0.002)) as b
           from area where level = 'community' order by households desc limit 1) s`,
  );
  const b = await q<{ code: string; x: number; y: number; bbox: string }>(
    `select t.code, st_x(p) as x, st_y(p) as y, concat_ws(',', st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e)) as bbox
     from (select code, st_pointonsurface(geom) as p, st_envelope(st_buffer(st_pointonsurface(geom), 0.002)) as e
           from area where level = 'town' and code <> $1
           -- the town farthest from A, so that B's tiles hold nothing of A's (members live near their branch)
           order by st_distance(geom, (select geom from area where code = $1)) desc, code limit 1) t`,
    [c.parent_code],
  );
  const memberC = await q<{ id: number }>('select m.id from member m join org o on o.id = m.org_id where o.area_code = $1 order by m.id limit 1', [c.code]);
  const memberB = await q<{ id: number; org_id: number }>(
    'select m.id, m.org_id from member m join org o on o.id = m.org_id where o.area_code like $1 order by m.id limit 1',
    [`${b.code.slice(0, 9)}%`],
  );
  const gridC = await q<{ code: string }>('select min(code) as code from grid where community_code = $1', [c.code]);
  const communityB = await q<{ code: string }>("select min(code) as code from area where parent_code = $1 and level in ('community', 'village')", [b.code]);
  const gridB = await q<{ code: string }>('select min(code) as code from grid where community_code like $1', [`${b.code.slice(0, 9)}%`]);
  const townA = c.parent_code;
  Object.assign(ctx, {
    townA,
    townB: b.code,
    communityC: c.code,
    prefix: { admin: townA.slice(0, 9), planner: townA.slice(0, 9), dispatcher: townA.slice(0, 9), wall: townA.slice(0, 9), secretary: c.code },
    pointC: [c.x, c.y],
    pointB: [b.x, b.y],
    bboxC: c.bbox,
    bboxB: b.bbox,
    gridC: gridC.code,
    gridB: gridB.code,
    communityB: communityB.code,
    memberC: memberC.id,
    memberB: memberB.id,
    orgB: memberB.org_id,
    tileC: tileAt(c.x, c.y, 14),
    tileC12: tileAt(c.x, c.y, 12),
    tileB: tileAt(b.x, b.y, 14),
  });
  callers.anonymous = server.anonymous;
  callers.admin = await signInAs(server.baseUrl, server.db, 'admin', townA);
  callers.planner = await signInAs(server.baseUrl, server.db, 'planner', townA);
  callers.dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', townA);
  callers.secretary = await signInAs(server.baseUrl, server.db, 'secretary', c.code);
  callers.wall = await wallClient(server.baseUrl, server.db, townA);
  ctx.wallTokenIdA = (callers.wall as ApiClient & { tokenId: number }).tokenId;
  ctx.wallTokenIdB = (await wallClient(server.baseUrl, server.db, b.code)).tokenId;
  ctx.planC = (await newPlan(ctx.communityC)).id;
  ctx.planB = (await newPlan(ctx.communityB)).id;
  ctx.caseA = await newCase(ctx.pointC);
  ctx.caseB = await newCase(ctx.pointB);
  ctx.dispatchB = await newDispatch(ctx.caseB);
  ctx.orgC = (await q<{ id: number }>("select min(id) as id from org where area_code = $1 and kind = 'committee'", [c.code])).id;
  ctx.idleMemberC = (
    await q<{ id: number }>('select m.id from member m join org o on o.id = m.org_id where o.area_code = $1 and not m.available order by m.id limit 1', [
      c.code,
    ])
  ).id;
});

/** A fresh case at a point, registered by the county admin. */
/** A plan opened by the county admin in `community`, submitted when asked; its id and ETag. */
async function newPlan(community: string, submitted = false): Promise<{ id: number; tag: string }> {
  const created = await server.admin.send<{ id: number }>('POST', '/api/v1/plans', { community_code: community, title: '权限矩阵' });
  const id = created.body.id;
  let tag = created.headers.get('etag')!;
  if (submitted)
    tag = (await server.admin.send('POST', `/api/v1/plans/${id}/submit`, { warnings_reason: '权限矩阵' }, { 'if-match': tag })).headers.get('etag')!;
  return { id, tag };
}

/** A write to a fresh plan (submitted for reviews) in community C, or in town B. */
const planWrite = (c: ApiClient, inScope: boolean, path: string, body?: unknown, submitted = false) =>
  newPlan(inScope ? ctx.communityC : ctx.communityB, submitted).then(({ id, tag }) => c.send('POST', `/api/v1/plans/${id}${path}`, body, { 'if-match': tag }));

/** A fresh plan in `community` replaced by a file of the community's current grids. */
async function planImport(c: ApiClient, community: string): Promise<Answer<unknown>> {
  const { id, tag } = await newPlan(community);
  return c.send('POST', `/api/v1/plans/${id}/import`, await currentGridsFile(server.db, community), {
    'if-match': tag,
    'content-type': 'application/geo+json',
  });
}

/** The community's current grids loaded as its governance grid layer. */
async function governanceImport(c: ApiClient, community: string): Promise<Answer<unknown>> {
  return c.send('PUT', `/api/v1/communities/${community}/governance-grids`, await currentGridsFile(server.db, community), {
    'content-type': 'application/geo+json',
  });
}

/** Removes a governance layer the county admin has just loaded. */
async function governanceRemove(c: ApiClient, community: string): Promise<Answer<unknown>> {
  expect((await governanceImport(server.admin, community)).status).toBe(200);
  return c.send('DELETE', `/api/v1/communities/${community}/governance-grids`);
}

/** A new dispatcher account over `scope`: its id. */
async function freshDispatcher(scope: string): Promise<number> {
  return createUser(server.db, {
    username: `t_sw_${randomUUID().slice(0, 8)}`,
    display_name: '停用测试',
    password: 'switch me off please',
    role: 'dispatcher',
    scope,
  });
}

async function newCase(point: [number, number]): Promise<number> {
  const created = await server.admin.send<{ id: number }>(
    'POST',
    '/api/v1/cases',
    { kind: 'test', title: '权限矩阵', lng: point[0], lat: point[1] },
    { 'idempotency-key': randomUUID() },
  );
  return created.body.id;
}

async function newDispatch(caseId: number): Promise<number> {
  return (await server.admin.send<{ id: number }>('POST', `/api/v1/cases/${caseId}/dispatch`, { radius: 1000, waveSize: 2, target: 1 })).body.id;
}

async function freshDispatchA(): Promise<{ id: number; firstMember: number }> {
  const id = await newDispatch(await newCase(ctx.pointC));
  const { rows } = await server.db.query<{ member_id: number }>('select member_id from dispatch_alert where dispatch_id = $1 order by member_id limit 1', [id]);
  return { id, firstMember: rows[0]!.member_id };
}

/** Opens the event stream, reads the status and headers, and hangs up. */
async function openStream(client: ApiClient): Promise<Answer<unknown>> {
  const controller = new AbortController();
  const res = await client.get('/api/v1/live', controller.signal);
  const body = res.headers.get('content-type')?.startsWith('text/event-stream') ? { stream: true } : await res.json();
  controller.abort();
  return { status: res.status, body, headers: res.headers };
}
/** A CSV sent as the body, as the registry import takes it (ApiClient.send sends JSON). */
async function sendCsv(c: ApiClient, path: string, csv: string): Promise<Answer<unknown>> {
  const headers = (c as unknown as { headers: Record<string, string> }).headers;
  const res = await fetch(`${c.baseUrl}${path}`, {
    method: 'POST',
    headers: { ...headers, ...(c.csrfToken ? { 'x-csrf-token': c.csrfToken } : {}), 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** A dry run of a one-member file naming an open organization of community C, or town B's. */
async function registryDryRun(c: ApiClient, inScope: boolean): Promise<Answer<unknown>> {
  const { rows } = await server.db.query<{ id: number }>('select id from org where closed_on is null and area_code = $1 order by id limit 1', [ctx.communityC]);
  const org = inScope ? rows[0]!.id : ctx.orgB;
  const [lng, lat] = inScope ? ctx.pointC : ctx.pointB;
  return sendCsv(c, '/api/v1/registry/imports?entity=members&mode=dry_run', `name,gender,org_id,lng,lat\r\n矩阵,男,${org},${lng},${lat}\r\n`);
}

/** The caller's own latest import (a dry run made for it), or the county admin's. */
async function registryJob(c: ApiClient, own: boolean): Promise<Answer<unknown>> {
  await registryDryRun(own ? c : server.admin, true);
  const username = own ? (c as { username?: string }).username : server.admin.username;
  const { rows } = await server.db.query<{ id: number | null }>(
    'select max(r.id)::int as id from registry_import r join app_user u on u.id = r.actor_id where u.username = $1',
    [username ?? ''],
  );
  return c.getJson(`/api/v1/registry/imports/${rows[0]?.id ?? 1}`);
}

/** An export read as text: the status and how many rows or features it holds. */
async function registryExport(c: ApiClient, file: string, area: string): Promise<Answer<unknown>> {
  const res = await c.get(`/api/v1/registry/exports/${file}?area=${area}`);
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, body: JSON.parse(text), headers: res.headers };
  const count = file.endsWith('.csv') ? text.trimEnd().split('\r\n').length - 1 : (JSON.parse(text) as { features: unknown[] }).features.length;
  return { status: 200, body: { count }, headers: res.headers };
}
afterAll(async () => {
  await server.close();
});

type Call = (client: ApiClient) => Promise<Answer<unknown>>;

/** A grid tile decoded to the codes it carries (scope is checked on them like any answer). */
async function tileCodes(client: ApiClient, tile: string): Promise<Answer<unknown>> {
  const res = await client.get(`/tiles/grids/${tile}.mvt`);
  if (res.status !== 200) return { status: res.status, body: await res.json(), headers: res.headers };
  const codes = decodeLayer(await res.arrayBuffer(), 'grids').map((f) => String(f.properties.code));
  return { status: 200, body: { codes }, headers: res.headers };
}
/** Any layer's tile decoded to its feature count and the area codes its features carry. */
async function layerFeatures(client: ApiClient, layer: string, tile: string): Promise<Answer<unknown>> {
  const res = await client.get(`/tiles/${layer}/${tile}.mvt`);
  if (res.status !== 200) return { status: res.status, body: await res.json(), headers: res.headers };
  const features = decodeLayer(await res.arrayBuffer(), layer).map((f) => f.properties);
  return {
    status: 200,
    body: {
      count: features.length,
      codes: features
        .map((f) => f.area_code)
        .filter((c) => c !== undefined)
        .map(String),
    },
    headers: res.headers,
  };
}
const tileCount = (a: Answer<never>) => (a.body as { count: number }).count;

type Endpoint = {
  name: string;
  allowed: Role[];
  inScope: Call;
  outOfScope: Call;
  /** what an allowed caller gets in scope, beyond the status */
  expectIn?: (a: Answer<never>, role: Role) => void | Promise<void>;
  /** 'empty' when out of scope answers 200 with nothing in it, else the status (404) */
  outcome: 'empty' | 404;
  isEmpty?: (a: Answer<never>) => boolean;
  /** further checks on an out-of-scope answer */
  checkOut?: (a: Answer<never>, role: Role) => Promise<void>;
  inStatus?: number;
  /** the in-scope status of an allowed role where it differs from inStatus */
  inStatusFor?: Partial<Record<Role, number>>;
};

/** An area's name, to search for it (names are unique enough in the demo county: one community each). */
const areaName = async (code: string) => (await server.db.query<{ name: string }>('select name from area where code = $1', [code])).rows[0]!.name;

const territory: Role[] = ['admin', 'planner', 'dispatcher', 'secretary', 'wall'];
const orgCount = (a: Answer<never>) => (a.body as { orgs: unknown[] }).orgs.length;

/** A fresh empty organization under community C's committee, made by the county admin: its id. */
async function freshOrgC(kind: 'branch' | 'general_branch' = 'branch'): Promise<number> {
  const body = { name: '权限矩阵党组织', kind, sector: 'community', parent_id: ctx.orgC, area_code: ctx.communityC };
  return (await server.admin.send<{ id: number }>('POST', '/api/v1/orgs', body)).body.id;
}
const featureCount = (a: Answer<never>) => (a.body as { features: unknown[] }).features.length;

const endpoints: Endpoint[] = [
  {
    name: 'GET /api/v1/areas',
    allowed: territory,
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/areas?parent=${ctx.townA}`),
    outOfScope: (c) => c.getJson(`/api/v1/areas?parent=${ctx.townB}`),
    expectIn: (a) => expect(featureCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => featureCount(a) === 0,
  },
  {
    name: 'GET /api/v1/grids',
    allowed: territory,
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/grids?bbox=${ctx.bboxC}`),
    outOfScope: (c) => c.getJson(`/api/v1/grids?bbox=${ctx.bboxB}`),
    expectIn: (a) => expect(featureCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => featureCount(a) === 0,
  },
  {
    name: 'GET /api/v1/grids/:code/history',
    allowed: territory,
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/grids/${ctx.gridC}/history`),
    outOfScope: (c) => c.getJson(`/api/v1/grids/${ctx.gridB}/history`),
    expectIn: (a) => expect((a.body as { versions: { features: unknown[] } }).versions.features.length).toBeGreaterThan(0),
  },
  {
    name: 'GET /api/v1/locate',
    allowed: territory,
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/locate?lng=${ctx.pointC[0]}&lat=${ctx.pointC[1]}`),
    outOfScope: (c) => c.getJson(`/api/v1/locate?lng=${ctx.pointB[0]}&lat=${ctx.pointB[1]}`),
  },
  {
    name: 'GET /api/v1/locate/search',
    allowed: territory,
    outcome: 'empty',
    inScope: async (c) => c.getJson(`/api/v1/locate/search?q=${encodeURIComponent(await areaName(ctx.communityC))}`),
    outOfScope: async (c) => c.getJson(`/api/v1/locate/search?q=${encodeURIComponent(await areaName(ctx.communityB))}`),
    expectIn: (a) => expect((a.body as { results: unknown[] }).results.length).toBeGreaterThan(0),
    isEmpty: (a) => (a.body as { results: unknown[] }).results.length === 0,
  },
  {
    name: 'GET /tiles/grids',
    allowed: territory,
    outcome: 'empty',
    inScope: (c) => tileCodes(c, ctx.tileC),
    outOfScope: (c) => tileCodes(c, ctx.tileB),
    expectIn: (a) => expect((a.body as { codes: string[] }).codes.length).toBeGreaterThan(0),
    isEmpty: () => true,
  },
  ...(['orgs', 'places', 'cases', 'density', 'blind_spots', 'reach'] as const).map((layer): Endpoint => ({
    name: `GET /tiles/${layer}`,
    allowed: territory,
    outcome: 'empty',
    inScope: (c) => layerFeatures(c, layer, layer === 'density' ? ctx.tileC12 : ctx.tileC),
    outOfScope: (c) => layerFeatures(c, layer, ctx.tileB),
    ...(['orgs', 'cases', 'density'].includes(layer) ? { expectIn: (a: Answer<never>) => expect(tileCount(a)).toBeGreaterThan(0) } : {}),
    isEmpty: (a) => tileCount(a) === 0,
  })),
  {
    name: 'GET /api/v1/stats/summary',
    allowed: territory,
    outcome: 404,
    inScope: (c) => c.getJson('/api/v1/stats/summary'),
    outOfScope: (c) => c.getJson(`/api/v1/stats/summary?area=${ctx.townB}`),
    expectIn: (a) => expect((a.body as { members: { total: number } }).members.total).toBeGreaterThan(0),
  },
  {
    name: 'GET /api/v1/cases/feed',
    allowed: territory,
    outcome: 'empty',
    inScope: (c) => c.getJson('/api/v1/cases/feed?limit=100'),
    outOfScope: (c) => c.getJson(`/api/v1/cases/feed?area=${ctx.townB}`),
    expectIn: (a) => {
      const ids = (a.body as { cases: Array<{ id: number }> }).cases.map((x) => x.id);
      expect(ids).toContain(ctx.caseA);
      expect(ids).not.toContain(ctx.caseB);
    },
    isEmpty: (a) => (a.body as { cases: unknown[] }).cases.length === 0,
  },
  {
    name: 'GET /api/v1/members',
    allowed: ['admin', 'dispatcher', 'secretary'],
    outcome: 'empty',
    inScope: (c) => c.getJson('/api/v1/members?limit=50'),
    outOfScope: (c) => c.getJson(`/api/v1/members?org=${ctx.orgB}`),
    expectIn: (a) => expect((a.body as { members: unknown[] }).members.length).toBeGreaterThan(0),
    isEmpty: (a) => (a.body as { members: unknown[] }).members.length === 0,
  },
  {
    name: 'GET /api/v1/members/:id',
    allowed: ['admin', 'dispatcher', 'secretary'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/members/${ctx.memberC}`),
    outOfScope: (c) => c.getJson(`/api/v1/members/${ctx.memberB}`),
    expectIn: (a, role) => {
      const body = a.body as { precision: string; position: unknown; phone: unknown };
      expect(body.precision).toBe(role === 'dispatcher' ? 'generalized' : 'exact');
      if (role === 'dispatcher') expect([body.position, body.phone]).toEqual([null, null]);
    },
  },
  {
    name: 'GET /api/v1/members/density',
    allowed: territory,
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/members/density?bbox=${ctx.bboxC}&level=13`),
    outOfScope: (c) => c.getJson(`/api/v1/members/density?bbox=${ctx.bboxB}&level=13`),
    expectIn: (a) => expect((a.body as { cells: unknown[] }).cells.length).toBeGreaterThan(0),
    isEmpty: (a) => (a.body as { cells: unknown[] }).cells.length === 0,
  },
  {
    name: 'GET /api/v1/audit',
    allowed: ['admin'],
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/audit?action=auth.sign_in`),
    outOfScope: (c) => c.getJson(`/api/v1/audit?action=wall_token.revoke&user=999999`),
    expectIn: (a) => expect((a.body as { entries: unknown[] }).entries.length).toBeGreaterThan(0),
    isEmpty: (a) => (a.body as { entries: unknown[] }).entries.length === 0,
  },
  {
    name: 'GET /api/v1/users',
    allowed: ['admin'],
    outcome: 'empty',
    inScope: (c) => c.getJson('/api/v1/users'),
    outOfScope: (c) => c.getJson('/api/v1/users'),
    expectIn: (a) => {
      const users = (a.body as { users: Array<{ grants: Array<{ scope: string }> }> }).users;
      expect(users.length).toBeGreaterThan(0);
      for (const u of users) expect(u.grants.some((g) => g.scope.startsWith(ctx.prefix.admin))).toBe(true);
    },
    isEmpty: () => true,
  },
  {
    name: 'POST /api/v1/users',
    allowed: ['admin'],
    outcome: 404,
    inStatus: 201,
    inScope: (c) =>
      c.send('POST', '/api/v1/users', {
        username: `m_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
        display_name: '新用户',
        password: 'a long enough password',
        role: 'planner',
        scope: ctx.townA,
      }),
    outOfScope: (c) =>
      c.send('POST', '/api/v1/users', {
        username: `o_${Date.now().toString(36)}`,
        display_name: '越权',
        password: 'a long enough password',
        role: 'planner',
        scope: ctx.townB,
      }),
  },
  {
    name: 'GET /api/v1/wall-tokens',
    allowed: ['admin'],
    outcome: 'empty',
    inScope: (c) => c.getJson('/api/v1/wall-tokens'),
    outOfScope: (c) => c.getJson('/api/v1/wall-tokens'),
    expectIn: (a) => {
      const tokens = (a.body as { tokens: Array<{ id: number; scope: string }> }).tokens;
      expect(tokens.map((t) => t.id)).toContain(ctx.wallTokenIdA);
      expect(tokens.map((t) => t.id)).not.toContain(ctx.wallTokenIdB);
    },
    isEmpty: () => true,
  },
  {
    name: 'POST /api/v1/wall-tokens',
    allowed: ['admin'],
    outcome: 404,
    inStatus: 201,
    inScope: (c) => c.send('POST', '/api/v1/wall-tokens', { name: '二号大屏', scope: ctx.townA }),
    outOfScope: (c) => c.send('POST', '/api/v1/wall-tokens', { name: '越权大屏', scope: ctx.townB }),
  },
  {
    name: 'PATCH /api/v1/users/:id',
    allowed: ['admin'],
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `/api/v1/users/${await freshDispatcher(ctx.townA)}`, { disabled: true }),
    outOfScope: async (c) => c.send('PATCH', `/api/v1/users/${await freshDispatcher(ctx.townB)}`, { disabled: true }),
    expectIn: (a) => expect((a.body as { disabled: boolean }).disabled).toBe(true),
  },
  {
    name: 'DELETE /api/v1/wall-tokens/:id',
    allowed: ['admin'],
    outcome: 404,
    inScope: async (c) => c.send('DELETE', `/api/v1/wall-tokens/${(await wallClient(server.baseUrl, server.db, ctx.townA)).tokenId}`),
    outOfScope: (c) => c.send('DELETE', `/api/v1/wall-tokens/${ctx.wallTokenIdB}`),
  },
  {
    name: 'POST /api/v1/cases',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inStatus: 201,
    inScope: (c) =>
      c.send('POST', '/api/v1/cases', { kind: 'test', title: '范围内', lng: ctx.pointC[0], lat: ctx.pointC[1] }, { 'idempotency-key': randomUUID() }),
    outOfScope: (c) =>
      c.send('POST', '/api/v1/cases', { kind: 'test', title: '范围外', lng: ctx.pointB[0], lat: ctx.pointB[1] }, { 'idempotency-key': randomUUID() }),
  },
  {
    name: 'GET /api/v1/cases',
    allowed: ['admin', 'dispatcher'],
    outcome: 'empty',
    inScope: (c) => c.getJson('/api/v1/cases?status=all'),
    outOfScope: (c) => c.getJson('/api/v1/cases?status=all'),
    expectIn: (a) => {
      const ids = (a.body as { cases: Array<{ id: number }> }).cases.map((x) => x.id);
      expect(ids).toContain(ctx.caseA);
      expect(ids).not.toContain(ctx.caseB);
    },
    isEmpty: () => true,
  },
  {
    name: 'GET /api/v1/plans',
    allowed: ['admin', 'planner'],
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/plans?community=${ctx.communityC}`),
    outOfScope: (c) => c.getJson(`/api/v1/plans?community=${ctx.communityB}`),
    expectIn: (a) => expect((a.body as { plans: unknown[] }).plans.length).toBeGreaterThan(0),
    isEmpty: (a) => (a.body as { plans: unknown[] }).plans.length === 0,
  },
  {
    name: 'POST /api/v1/plans',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inStatus: 201,
    inScope: (c) => c.send('POST', '/api/v1/plans', { community_code: ctx.communityC, title: '权限矩阵' }),
    outOfScope: (c) => c.send('POST', '/api/v1/plans', { community_code: ctx.communityB, title: '权限矩阵' }),
  },
  {
    name: 'GET /api/v1/plans/:id',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/plans/${ctx.planC}`),
    outOfScope: (c) => c.getJson(`/api/v1/plans/${ctx.planB}`),
    expectIn: (a) => expect((a.body as { grids: { features: unknown[] } }).grids.features.length).toBeGreaterThan(0),
  },
  {
    name: 'GET /api/v1/plans/:id/history',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/plans/${ctx.planC}/history`),
    outOfScope: (c) => c.getJson(`/api/v1/plans/${ctx.planB}/history`),
  },
  {
    name: 'POST /api/v1/plans/:id/edits',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inScope: (c) => planWrite(c, true, '/edits', { kind: 'rename', grid: ctx.gridC, name: '更名网格' }),
    outOfScope: (c) => planWrite(c, false, '/edits', { kind: 'rename', grid: ctx.gridB, name: '更名网格' }),
  },
  {
    name: 'POST /api/v1/plans/:id/undo',
    allowed: ['admin', 'planner'],
    outcome: 404,
    // a fresh plan has nothing to undo: 409 says the caller got past scope and role
    inStatus: 409,
    inScope: (c) => planWrite(c, true, '/undo'),
    outOfScope: (c) => planWrite(c, false, '/undo'),
  },
  {
    name: 'POST /api/v1/plans/:id/redo',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inStatus: 409,
    inScope: (c) => planWrite(c, true, '/redo'),
    outOfScope: (c) => planWrite(c, false, '/redo'),
  },
  {
    name: 'POST /api/v1/plans/:id/submit',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inScope: (c) => planWrite(c, true, '/submit', { warnings_reason: '权限矩阵' }),
    outOfScope: (c) => planWrite(c, false, '/submit', { warnings_reason: '权限矩阵' }),
  },
  {
    name: 'POST /api/v1/plans/:id/approve',
    allowed: ['admin'],
    outcome: 404,
    // approved for a day to come, so the grids stay as they are for the other checks
    inScope: (c) => planWrite(c, true, '/approve', { effective_on: '2099-01-01' }, true),
    outOfScope: (c) => planWrite(c, false, '/approve', { effective_on: '2099-01-01' }, true),
  },
  {
    name: 'POST /api/v1/plans/:id/reject',
    allowed: ['admin'],
    outcome: 404,
    inScope: (c) => planWrite(c, true, '/reject', { reason: '权限矩阵' }, true),
    outOfScope: (c) => planWrite(c, false, '/reject', { reason: '权限矩阵' }, true),
  },
  {
    name: 'POST /api/v1/plans/:id/import',
    allowed: ['admin', 'planner'],
    outcome: 404,
    // the file is the community's own grids, as GeoJSON: a good file, so an allowed caller gets 200
    inScope: (c) => planImport(c, ctx.communityC),
    outOfScope: (c) => planImport(c, ctx.communityB),
    expectIn: (a) => expect((a.body as { grids: { features: unknown[] } }).grids.features.length).toBeGreaterThan(0),
  },
  {
    name: 'GET /api/v1/plans/:id/export',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/plans/${ctx.planC}/export?format=geojson`),
    outOfScope: (c) => c.getJson(`/api/v1/plans/${ctx.planB}/export?format=geojson`),
    expectIn: (a) => expect((a.body as { features: unknown[] }).features.length).toBeGreaterThan(0),
  },
  {
    name: 'GET /api/v1/communities/:code/governance-grids',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/communities/${ctx.communityC}/governance-grids`),
    outOfScope: (c) => c.getJson(`/api/v1/communities/${ctx.communityB}/governance-grids`),
  },
  {
    name: 'PUT /api/v1/communities/:code/governance-grids',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inScope: (c) => governanceImport(c, ctx.communityC),
    outOfScope: (c) => governanceImport(c, ctx.communityB),
    expectIn: (a) => expect((a.body as { grids: { features: unknown[] } }).grids.features.length).toBeGreaterThan(0),
  },
  {
    name: 'DELETE /api/v1/communities/:code/governance-grids',
    allowed: ['admin', 'planner'],
    outcome: 404,
    inStatus: 204,
    inScope: (c) => governanceRemove(c, ctx.communityC),
    outOfScope: (c) => governanceRemove(c, ctx.communityB),
  },
  {
    name: 'GET /api/v1/cases/:id',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/cases/${ctx.caseA}`),
    outOfScope: (c) => c.getJson(`/api/v1/cases/${ctx.caseB}`),
  },
  {
    name: 'POST /api/v1/cases/:id/close',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/cases/${await newCase(ctx.pointC)}/close`),
    outOfScope: (c) => c.send('POST', `/api/v1/cases/${ctx.caseB}/close`),
  },
  {
    name: 'POST /api/v1/cases/:id/dispatch',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', `/api/v1/cases/${await newCase(ctx.pointC)}/dispatch`, { waveSize: 1, target: 1 }),
    outOfScope: (c) => c.send('POST', `/api/v1/cases/${ctx.caseB}/dispatch`, { waveSize: 1, target: 1 }),
  },
  {
    name: 'GET /api/v1/members/nearby',
    allowed: ['admin', 'dispatcher', 'secretary'],
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/members/nearby?lng=${ctx.pointC[0]}&lat=${ctx.pointC[1]}&radius=3000&limit=20`),
    outOfScope: (c) => c.getJson(`/api/v1/members/nearby?lng=${ctx.pointB[0]}&lat=${ctx.pointB[1]}&radius=3000&limit=200`),
    expectIn: (a) => expect((a.body as { members: unknown[] }).members.length).toBeGreaterThan(0),
    checkOut: async (a, role) => {
      const ids = (a.body as { members: Array<{ id: number }> }).members.map((m) => m.id);
      const { rows } = await server.db.query<{ area_code: string }>(
        'select o.area_code from member m join org o on o.id = m.org_id where m.id = any($1::bigint[])',
        [ids],
      );
      for (const r of rows) expect(r.area_code.startsWith(ctx.prefix[role])).toBe(true);
    },
  },
  {
    name: 'GET /api/v1/dispatches/:id',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inScope: async (c) => c.getJson(`/api/v1/dispatches/${(await freshDispatchA()).id}`),
    outOfScope: (c) => c.getJson(`/api/v1/dispatches/${ctx.dispatchB}`),
  },
  {
    name: 'POST /api/v1/dispatches/:id/members',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', `/api/v1/dispatches/${(await freshDispatchA()).id}/members`, { member_id: ctx.idleMemberC }),
    outOfScope: (c) => c.send('POST', `/api/v1/dispatches/${ctx.dispatchB}/members`, { member_id: ctx.idleMemberC }),
  },
  {
    name: 'DELETE /api/v1/dispatches/:id/members/:memberId',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inScope: async (c) => {
      const d = await freshDispatchA();
      return c.send('DELETE', `/api/v1/dispatches/${d.id}/members/${d.firstMember}`);
    },
    outOfScope: (c) => c.send('DELETE', `/api/v1/dispatches/${ctx.dispatchB}/members/${ctx.memberB}`),
  },
  {
    name: 'GET /api/v1/dispatches/:id/members/:memberId/link',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inScope: async (c) => {
      const d = await freshDispatchA();
      return c.getJson(`/api/v1/dispatches/${d.id}/members/${d.firstMember}/link`);
    },
    outOfScope: (c) => c.getJson(`/api/v1/dispatches/${ctx.dispatchB}/members/${ctx.memberB}/link`),
    expectIn: (a) => expect((a.body as { path: string }).path).toMatch(/^\/m\/[\w-]+\.[\w-]+$/),
  },
  {
    name: 'POST /api/v1/dispatches/:id/close',
    allowed: ['admin', 'dispatcher'],
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/dispatches/${(await freshDispatchA()).id}/close`),
    outOfScope: (c) => c.send('POST', `/api/v1/dispatches/${ctx.dispatchB}/close`),
  },
  { name: 'GET /api/v1/live', allowed: territory, outcome: 'empty', inScope: openStream, outOfScope: openStream, isEmpty: () => true },
  {
    name: 'GET /api/v1/auth/me',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 'empty',
    inScope: (c) => c.getJson('/api/v1/auth/me'),
    outOfScope: (c) => c.getJson('/api/v1/auth/me'),
    isEmpty: () => true,
  },
  {
    name: 'GET /api/v1/orgs',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/orgs?area=${ctx.communityC}`),
    outOfScope: (c) => c.getJson(`/api/v1/orgs?area=${ctx.townB}`),
    expectIn: (a) => expect(orgCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => orgCount(a) === 0,
  },
  {
    name: 'GET /api/v1/orgs/:id',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/orgs/${ctx.orgC}`),
    outOfScope: (c) => c.getJson(`/api/v1/orgs/${ctx.orgB}`),
  },
  {
    name: 'POST /api/v1/orgs',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inStatus: 201,
    inScope: (c) => c.send('POST', '/api/v1/orgs', { name: '矩阵党支部', kind: 'branch', sector: 'community', parent_id: ctx.orgC, area_code: ctx.communityC }),
    outOfScope: (c) =>
      c.send('POST', '/api/v1/orgs', { name: '越权党支部', kind: 'branch', sector: 'community', parent_id: ctx.orgB, area_code: ctx.communityB }),
  },
  {
    name: 'PATCH /api/v1/orgs/:id',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `/api/v1/orgs/${await freshOrgC()}`, { secretary_name: '矩阵书记' }),
    outOfScope: (c) => c.send('PATCH', `/api/v1/orgs/${ctx.orgB}`, { secretary_name: '越权书记' }),
  },
  {
    name: 'POST /api/v1/orgs/:id/move',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/orgs/${await freshOrgC()}/move`, { parent_id: await freshOrgC('general_branch') }),
    outOfScope: (c) => c.send('POST', `/api/v1/orgs/${ctx.orgB}/move`, { parent_id: ctx.orgC }),
  },
  {
    name: 'POST /api/v1/orgs/:id/merge',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/orgs/${await freshOrgC()}/merge`, { into_id: await freshOrgC(), reason: '权限矩阵' }),
    outOfScope: (c) => c.send('POST', `/api/v1/orgs/${ctx.orgB}/merge`, { into_id: ctx.orgC, reason: '越权' }),
  },
  {
    name: 'POST /api/v1/orgs/:id/close',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/orgs/${await freshOrgC()}/close`, { reason: '权限矩阵' }),
    outOfScope: (c) => c.send('POST', `/api/v1/orgs/${ctx.orgB}/close`, { reason: '越权' }),
  },
  {
    name: 'GET /api/v1/places',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/places?area=${ctx.communityC}&status=all`),
    outOfScope: (c) => c.getJson(`/api/v1/places?area=${ctx.townB}&status=all`),
    expectIn: (a) => expect((a.body as { places: unknown[] }).places.length).toBeGreaterThan(0),
    isEmpty: (a) => (a.body as { places: unknown[] }).places.length === 0,
  },
  {
    name: 'GET /api/v1/places/:id',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.getJson(`/api/v1/places/${await newPlaceC('center_household')}`),
    outOfScope: async (c) => c.getJson(`/api/v1/places/${await placeB()}`),
    expectIn: (a, role) => {
      const body = a.body as { precision: string; households: unknown };
      const exact = role === 'admin' || role === 'secretary';
      expect(body.precision).toBe(exact ? 'exact' : 'generalized');
      expect(body.households === null).toBe(!exact);
    },
  },
  {
    name: 'POST /api/v1/places',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inStatus: 201,
    inScope: (c) => c.send('POST', '/api/v1/places', { kind: 'model_site', name: '权限矩阵', area_code: ctx.communityC, position: ctx.pointC }),
    outOfScope: (c) => c.send('POST', '/api/v1/places', { kind: 'model_site', name: '权限矩阵', area_code: ctx.townB, position: ctx.pointB }),
  },
  {
    name: 'PATCH /api/v1/places/:id',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `/api/v1/places/${await newPlaceC('model_site')}`, { name: '权限矩阵改名' }),
    outOfScope: async (c) => c.send('PATCH', `/api/v1/places/${await placeB()}`, { name: '权限矩阵改名' }),
  },
  {
    name: 'POST /api/v1/places/:id/close',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/places/${await newPlaceC('model_site')}/close`, { reason: '权限矩阵' }),
    outOfScope: async (c) => c.send('POST', `/api/v1/places/${await placeB()}/close`, { reason: '权限矩阵' }),
  },
  {
    name: 'PUT /api/v1/places/:id/households',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.send('PUT', `/api/v1/places/${await newPlaceC('center_household')}/households`, [{ label: '权限矩阵', position: ctx.pointC }]),
    outOfScope: async (c) => c.send('PUT', `/api/v1/places/${await placeB()}/households`, []),
    expectIn: (a) => expect((a.body as { linked_households: number }).linked_households).toBe(1),
  },
  {
    name: 'POST /api/v1/registry/imports',
    allowed: ['admin', 'secretary'],
    outcome: 'empty',
    inScope: (c) => registryDryRun(c, true),
    outOfScope: (c) => registryDryRun(c, false),
    expectIn: (a) => expect(a.body).toMatchObject({ rows: 1, good: 1 }),
    isEmpty: (a) =>
      (a.body as { good: number; bad: Array<{ code: string }> }).good === 0 && (a.body as { bad: Array<{ code: string }> }).bad[0]?.code === 'not_in_scope',
  },
  {
    name: 'GET /api/v1/registry/imports/:id',
    allowed: ['admin', 'secretary'],
    outcome: 404,
    inScope: (c) => registryJob(c, true),
    outOfScope: (c) => registryJob(c, false),
    expectIn: (a) => expect(a.body).toMatchObject({ entity: 'members', mode: 'dry_run', status: 'done' }),
  },
  ...(['members', 'orgs', 'places'] as const).flatMap((entity) =>
    (['csv', 'geojson'] as const).map((format): Endpoint => ({
      name: `GET /api/v1/registry/exports/${entity}.${format}`,
      allowed: ['admin', 'secretary'],
      outcome: 'empty',
      inScope: (c) => registryExport(c, `${entity}.${format}`, ctx.communityC),
      outOfScope: (c) => registryExport(c, `${entity}.${format}`, ctx.townB),
      expectIn: (a) => {
        if (entity !== 'places') expect((a.body as { count: number }).count).toBeGreaterThan(0);
      },
      isEmpty: (a) => (a.body as { count: number }).count === 0,
    })),
  ),
  {
    name: 'GET /api/v1/areas/:code/panel',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/areas/${ctx.communityC}/panel`),
    outOfScope: (c) => c.getJson(`/api/v1/areas/${ctx.townB}/panel`),
    expectIn: (a) => expect((a.body as { orgs: { total: number } }).orgs.total).toBeGreaterThan(0),
  },
  {
    name: 'GET /api/v1/grids/:code/panel',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/grids/${ctx.gridC}/panel`),
    outOfScope: (c) => c.getJson(`/api/v1/grids/${ctx.gridB}/panel`),
    expectIn: (a) => expect((a.body as { code: string }).code).toBe(ctx.gridC),
  },
];

/** A fresh service position in community C, made by the county admin: a center household at the home of a member who keeps none. */
async function newPlaceC(kind: 'model_site' | 'center_household'): Promise<number> {
  const body: Record<string, unknown> = { kind, name: '权限矩阵', area_code: ctx.communityC, position: ctx.pointC };
  if (kind === 'center_household') {
    const { rows } = await server.db.query<{ id: number }>(
      `select m.id from member m join org o on o.id = m.org_id
       where o.area_code = $1 and m.left_on is null and not exists (select from place p where p.member_id = m.id and p.closed_on is null)
       order by m.id limit 1`,
      [ctx.communityC],
    );
    body.member_id = rows[0]!.id;
  }
  const created = await server.admin.send<{ id: number }>('POST', '/api/v1/places', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

/** An open service position of town B. */
async function placeB(): Promise<number> {
  const { rows } = await server.db.query<{ id: number }>('select id from place where area_code like $1 and closed_on is null order by id limit 1', [
    `${ctx.townB.slice(0, 9)}%`,
  ]);
  return rows[0]!.id;
}

/** Two open organizations of community C (members are created and moved there), made once. */
let registryOrgs: Promise<{ c1: number; c2: number }> | undefined;
const orgsOfC = () =>
  (registryOrgs ??= server.db
    .query<{ id: number }>('select id from org where area_code = $1 and closed_on is null order by id limit 2', [ctx.communityC])
    .then(({ rows }) => ({ c1: rows[0]!.id, c2: rows[1]!.id })));

/**
 * A new member's home: beside C's point, never on it — the point is where places, cases and
 * locate are asked, and a member living exactly there would make every such answer look like a
 * leak of her home to tests/auth/member-privacy.test.ts, which shares this database.
 */
const homeC = (): [number, number] => [ctx.pointC[0] + 0.00031, ctx.pointC[1] + 0.00017];

/** A fresh member of community C, created by the county admin, and made ready for a movement (registered, mobile). */
async function freshMemberC(ready?: 'registered' | 'mobile'): Promise<number> {
  const { c1 } = await orgsOfC();
  const body = { name: '矩阵党员', gender: 'male', org_id: c1, position: homeC(), phone: '13800000000' };
  const id = (await server.admin.send<{ id: number }>('POST', '/api/v1/members', body)).body.id;
  if (ready === 'registered') await server.admin.send('POST', `/api/v1/members/${id}/registration`, { community_code: ctx.communityC });
  if (ready === 'mobile') await server.admin.send('POST', `/api/v1/members/${id}/mobile`, { whereabouts: '外地' });
  return id;
}

const registryWriters: Role[] = ['admin', 'secretary'];
/** A movement of a fresh member of C in scope; out of scope, the same movement of member B. */
const movement = (path: string, body: () => unknown, ready?: 'registered' | 'mobile'): Pick<Endpoint, 'inScope' | 'outOfScope'> => ({
  inScope: async (c) => c.send('POST', `/api/v1/members/${await freshMemberC(ready)}/${path}`, body()),
  outOfScope: (c) => c.send('POST', `/api/v1/members/${ctx.memberB}/${path}`, body()),
});

endpoints.push(
  {
    name: 'POST /api/v1/members',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', '/api/v1/members', { name: '新党员', gender: 'female', org_id: (await orgsOfC()).c1, position: homeC() }),
    outOfScope: (c) => c.send('POST', '/api/v1/members', { name: '越权党员', gender: 'female', org_id: ctx.orgB, position: ctx.pointB }),
    expectIn: (a) => expect((a.body as { precision: string }).precision).toBe('exact'),
  },
  {
    name: 'PATCH /api/v1/members/:id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `/api/v1/members/${await freshMemberC()}`, { skills: ['driving'] }),
    outOfScope: (c) => c.send('PATCH', `/api/v1/members/${ctx.memberB}`, { skills: ['driving'] }),
  },
  {
    name: 'POST /api/v1/members/:id/transfer',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/members/${await freshMemberC()}/transfer`, { org_id: (await orgsOfC()).c2 }),
    // a member in scope moved into an organization outside it: 404, and nothing written
    outOfScope: async (c) => {
      const id = await freshMemberC();
      const answer = await c.send('POST', `/api/v1/members/${id}/transfer`, { org_id: ctx.orgB });
      const { rows } = await server.db.query<{ org_id: number }>('select org_id from member where id = $1', [id]);
      expect(rows[0]!.org_id).toBe((await orgsOfC()).c1);
      return answer;
    },
  },
  {
    name: 'POST /api/v1/members/:id/registration',
    allowed: registryWriters,
    outcome: 404,
    ...movement('registration', () => ({ community_code: ctx.communityC })),
  },
  {
    name: 'POST /api/v1/members/:id/registration/end',
    allowed: registryWriters,
    outcome: 404,
    ...movement('registration/end', () => ({ reason: '权限矩阵' }), 'registered'),
  },
  { name: 'POST /api/v1/members/:id/mobile', allowed: registryWriters, outcome: 404, ...movement('mobile', () => ({ whereabouts: '外地' })) },
  { name: 'POST /api/v1/members/:id/mobile/end', allowed: registryWriters, outcome: 404, ...movement('mobile/end', () => ({}), 'mobile') },
  { name: 'POST /api/v1/members/:id/leave', allowed: registryWriters, outcome: 404, ...movement('leave', () => ({ reason: '权限矩阵' })) },
  {
    name: 'GET /api/v1/members/:id/points',
    allowed: ['admin', 'dispatcher', 'secretary'],
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/members/${ctx.memberC}/points`),
    outOfScope: (c) => c.getJson(`/api/v1/members/${ctx.memberB}/points`),
  },
  { name: 'POST /api/v1/members/:id/points', allowed: registryWriters, outcome: 404, inStatus: 201, ...movement('points', () => ({ kind: 'activity' })) },
  {
    name: 'POST /api/v1/members/star-review',
    allowed: registryWriters,
    outcome: 'empty',
    // a preview: it reviews the caller's own scope only, so the answer holds no member outside it
    inScope: (c) => c.send('POST', '/api/v1/members/star-review', { year: 2026, apply: false }),
    outOfScope: (c) => c.send('POST', '/api/v1/members/star-review', { year: 2026, apply: false }),
    expectIn: (a) => expect((a.body as { reviewed: number }).reviewed).toBeGreaterThan(0),
    isEmpty: () => true,
    checkOut: async (a, role) => {
      const ids = (a.body as { changes: Array<{ member_id: number }> }).changes.map((m) => m.member_id);
      const { rows } = await server.db.query<{ area_code: string }>('select org_area_code as area_code from member where id = any($1::bigint[])', [ids]);
      for (const r of rows) expect(r.area_code.startsWith(ctx.prefix[role])).toBe(true);
    },
  },
  {
    name: 'GET /api/v1/registry/rules',
    allowed: registryWriters,
    outcome: 'empty',
    inScope: (c) => c.getJson('/api/v1/registry/rules'),
    outOfScope: (c) => c.getJson('/api/v1/registry/rules'),
    isEmpty: () => true,
  },
  {
    name: 'PUT /api/v1/registry/rules',
    allowed: ['admin'],
    outcome: 'empty',
    // the rules as they are: a write that changes nothing the other rows rely on
    inScope: async (c) => c.send('PUT', '/api/v1/registry/rules', (await server.admin.getJson('/api/v1/registry/rules')).body),
    outOfScope: async (c) => c.send('PUT', '/api/v1/registry/rules', (await server.admin.getJson('/api/v1/registry/rules')).body),
    isEmpty: () => true,
  },
);

/** 两新组织: a fresh uncovered organization of community C made by the county admin (covered first when asked), and one of town B. */
async function newOrgC(covered = false): Promise<number> {
  const body = { kind: 'enterprise', name: '权限矩阵企业', area_code: ctx.communityC, staff_count: 10, member_count: 1, position: ctx.pointC };
  const created = await server.admin.send<{ id: number }>('POST', '/api/v1/new-orgs', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  if (covered) await server.admin.send('POST', `/api/v1/new-orgs/${created.body.id}/cover`, { mode: 'instructor', instructor_name: '矩阵指导员' });
  return created.body.id;
}
const newOrgB = async (covered: boolean) =>
  Number(
    (
      await server.db.query<{ id: string }>(`select min(id) as id from new_org where area_code like $1 and (coverage_mode is not null) = $2`, [
        `${ctx.townB.slice(0, 9)}%`,
        covered,
      ])
    ).rows[0]!.id,
  );
const orgReaders: Role[] = ['admin', 'planner', 'dispatcher', 'secretary'];
const newOrgCount = (a: Answer<never>) => (a.body as { new_orgs: unknown[] }).new_orgs.length;
const entryCount = (a: Answer<never>) => (a.body as { entries: unknown[] }).entries.length;

endpoints.push(
  {
    name: 'GET /tiles/new_orgs',
    allowed: territory,
    outcome: 'empty',
    inScope: (c) => layerFeatures(c, 'new_orgs', ctx.tileC),
    outOfScope: (c) => layerFeatures(c, 'new_orgs', ctx.tileB),
    isEmpty: (a) => tileCount(a) === 0,
  },
  {
    name: 'GET /api/v1/new-orgs',
    allowed: orgReaders,
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/new-orgs?area=${ctx.communityC}`),
    outOfScope: (c) => c.getJson(`/api/v1/new-orgs?area=${ctx.townB}`),
    expectIn: (a) => expect(newOrgCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => newOrgCount(a) === 0,
  },
  {
    name: 'GET /api/v1/new-orgs/:id',
    allowed: orgReaders,
    outcome: 404,
    inScope: async (c) => c.getJson(`/api/v1/new-orgs/${await newOrgC()}`),
    outOfScope: async (c) => c.getJson(`/api/v1/new-orgs/${await newOrgB(false)}`),
    expectIn: (a) => expect((a.body as { tracking: unknown }).tracking).not.toBeNull(),
  },
  {
    name: 'GET /api/v1/new-orgs/rates',
    allowed: orgReaders,
    outcome: 404,
    inScope: (c) => c.getJson(`/api/v1/new-orgs/rates?area=${ctx.communityC}`),
    outOfScope: (c) => c.getJson(`/api/v1/new-orgs/rates?area=${ctx.townB}`),
    expectIn: (a) => expect((a.body as { totals: { enterprise: { total: number } } }).totals.enterprise.total).toBeGreaterThan(0),
  },
  {
    name: 'GET /api/v1/new-orgs/tracking',
    allowed: orgReaders,
    outcome: 'empty',
    inScope: (c) => c.getJson(`/api/v1/new-orgs/tracking?area=${ctx.communityC}`),
    outOfScope: (c) => c.getJson(`/api/v1/new-orgs/tracking?area=${ctx.townB}`),
    expectIn: (a) => expect(entryCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => entryCount(a) === 0,
  },
  {
    name: 'PUT /api/v1/new-orgs/targets/:town',
    allowed: registryWriters,
    outcome: 404,
    // a secretary over a community holds no town: her own town is above her scope
    inStatusFor: { secretary: 404 },
    inScope: (c) => c.send('PUT', `/api/v1/new-orgs/targets/${ctx.townA}`, { target_on: '2027-12-31' }),
    outOfScope: (c) => c.send('PUT', `/api/v1/new-orgs/targets/${ctx.townB}`, { target_on: '2027-12-31' }),
  },
  {
    name: 'GET /api/v1/new-orgs/rule',
    allowed: orgReaders,
    outcome: 'empty',
    inScope: (c) => c.getJson('/api/v1/new-orgs/rule'),
    outOfScope: (c) => c.getJson('/api/v1/new-orgs/rule'),
    isEmpty: () => true,
  },
  {
    name: 'PUT /api/v1/new-orgs/rule',
    allowed: ['admin'],
    outcome: 'empty',
    // the rule as it is: a write that changes nothing the other rows rely on
    inScope: (c) => c.send('PUT', '/api/v1/new-orgs/rule', { own_branch_min_members: 3 }),
    outOfScope: (c) => c.send('PUT', '/api/v1/new-orgs/rule', { own_branch_min_members: 3 }),
    isEmpty: () => true,
  },
  {
    name: 'POST /api/v1/new-orgs',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: (c) =>
      c.send('POST', '/api/v1/new-orgs', {
        kind: 'social_org',
        name: '矩阵协会',
        area_code: ctx.communityC,
        staff_count: 5,
        member_count: 0,
        position: ctx.pointC,
      }),
    outOfScope: (c) =>
      c.send('POST', '/api/v1/new-orgs', {
        kind: 'social_org',
        name: '越权协会',
        area_code: ctx.communityB,
        staff_count: 5,
        member_count: 0,
        position: ctx.pointB,
      }),
  },
  {
    name: 'PATCH /api/v1/new-orgs/:id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `/api/v1/new-orgs/${await newOrgC()}`, { staff_count: 20 }),
    outOfScope: async (c) => c.send('PATCH', `/api/v1/new-orgs/${await newOrgB(false)}`, { staff_count: 20 }),
  },
  {
    name: 'POST /api/v1/new-orgs/:id/cover',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/new-orgs/${await newOrgC()}/cover`, { mode: 'instructor', instructor_name: '矩阵指导员' }),
    outOfScope: async (c) => c.send('POST', `/api/v1/new-orgs/${await newOrgB(false)}/cover`, { mode: 'instructor', instructor_name: '越权指导员' }),
    expectIn: (a) => expect((a.body as { tracking: unknown }).tracking).toBeNull(),
  },
  {
    name: 'POST /api/v1/new-orgs/:id/uncover',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/new-orgs/${await newOrgC(true)}/uncover`, { reason: '权限矩阵' }),
    outOfScope: async (c) => c.send('POST', `/api/v1/new-orgs/${await newOrgB(true)}/uncover`, { reason: '越权' }),
  },
);

/** 区域化党建: a pairing, list item, group, meeting and follow-up in community C and in town B, made once. */
let regionalMade: Promise<RegionalFixtures> | undefined;
const regionalPlaces = async (): Promise<RegionalPlaces> => ({ communityC: ctx.communityC, committeeC: ctx.orgC, townB: ctx.townB, orgB: ctx.orgB });
const regional = async () => (regionalMade ??= makeRegionalFixtures(server.admin, await regionalPlaces()));
const pairingCount = (a: Answer<never>) => (a.body as { pairings: unknown[] }).pairings.length;
const groupCount = (a: Answer<never>) => (a.body as { groups: unknown[] }).groups.length;
const itemCount = (a: Answer<never>) => (a.body as { items: unknown[] }).items.length;
const groupPath = (id: number) => `/api/v1/regional-groups/${id}`;
const meetingPath = async (side: 'C' | 'B') => {
  const r = await regional();
  return side === 'C' ? `${groupPath(r.groupC)}/meetings/${r.meetingC}` : `${groupPath(r.groupB)}/meetings/${r.meetingB}`;
};

endpoints.push(
  {
    name: 'GET /api/v1/pairings',
    allowed: orgReaders,
    outcome: 'empty',
    inScope: async (c) => c.getJson(`/api/v1/pairings?org=${(await regional()).orgC}`),
    outOfScope: (c) => c.getJson(`/api/v1/pairings?org=${ctx.orgB}`),
    expectIn: (a) => expect(pairingCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => pairingCount(a) === 0,
  },
  {
    name: 'GET /api/v1/pairings/arcs',
    allowed: territory,
    outcome: 'empty',
    inScope: async (c) => c.getJson(`/api/v1/pairings/arcs?org=${(await regional()).orgC}`),
    outOfScope: (c) => c.getJson(`/api/v1/pairings/arcs?org=${ctx.orgB}`),
    expectIn: (a) => expect(featureCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => featureCount(a) === 0,
  },
  {
    name: 'GET /api/v1/pairings/:id',
    allowed: orgReaders,
    outcome: 404,
    inScope: async (c) => c.getJson(`/api/v1/pairings/${(await regional()).pairingC}`),
    outOfScope: async (c) => c.getJson(`/api/v1/pairings/${(await regional()).pairingB}`),
  },
  {
    name: 'POST /api/v1/pairings',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) =>
      c.send('POST', '/api/v1/pairings', { org_id: await freshOrgC(), partner: { kind: 'area', area_code: ctx.communityC }, started_on: '2025-01-01' }),
    outOfScope: (c) => c.send('POST', '/api/v1/pairings', { org_id: ctx.orgB, partner: { kind: 'area', area_code: ctx.communityC }, started_on: '2025-01-01' }),
  },
  {
    name: 'PATCH /api/v1/pairings/:id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `/api/v1/pairings/${await freshPairingC(server.admin, await regionalPlaces())}`, { content: '权限矩阵' }),
    outOfScope: async (c) => c.send('PATCH', `/api/v1/pairings/${(await regional()).pairingB}`, { content: '越权' }),
  },
  {
    name: 'POST /api/v1/pairings/:id/end',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/pairings/${await freshPairingC(server.admin, await regionalPlaces())}/end`, {}),
    outOfScope: async (c) => c.send('POST', `/api/v1/pairings/${(await regional()).pairingB}/end`, {}),
  },
  {
    name: 'DELETE /api/v1/pairings/:id',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 204,
    inScope: async (c) => c.send('DELETE', `/api/v1/pairings/${await freshPairingC(server.admin, await regionalPlaces())}`),
    outOfScope: async (c) => c.send('DELETE', `/api/v1/pairings/${(await regional()).pairingB}`),
  },
  {
    name: 'GET /api/v1/pairings/:id/items',
    allowed: orgReaders,
    outcome: 404,
    inScope: async (c) => c.getJson(`/api/v1/pairings/${(await regional()).pairingC}/items`),
    outOfScope: async (c) => c.getJson(`/api/v1/pairings/${(await regional()).pairingB}/items`),
    expectIn: (a) => expect(itemCount(a)).toBeGreaterThan(0),
  },
  {
    name: 'POST /api/v1/pairings/:id/items',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', `/api/v1/pairings/${(await regional()).pairingC}/items`, { list: 'resources', title: '权限矩阵' }),
    outOfScope: async (c) => c.send('POST', `/api/v1/pairings/${(await regional()).pairingB}/items`, { list: 'resources', title: '越权' }),
  },
  {
    name: 'PATCH /api/v1/list-items/:id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) =>
      c.send('PATCH', `/api/v1/list-items/${await freshItem(server.admin, `/api/v1/pairings/${(await regional()).pairingC}`)}`, { status: 'done' }),
    outOfScope: async (c) => c.send('PATCH', `/api/v1/list-items/${(await regional()).itemB}`, { status: 'done' }),
  },
  {
    name: 'DELETE /api/v1/list-items/:id',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 204,
    inScope: async (c) => c.send('DELETE', `/api/v1/list-items/${await freshItem(server.admin, groupPath((await regional()).groupC))}`),
    outOfScope: async (c) => c.send('DELETE', `/api/v1/list-items/${(await regional()).itemB}`),
  },
  {
    name: 'GET /api/v1/regional-groups',
    allowed: orgReaders,
    outcome: 'empty',
    inScope: async (c) => c.getJson(`/api/v1/regional-groups?org=${(await regional()).orgC}`),
    outOfScope: (c) => c.getJson(`/api/v1/regional-groups?org=${ctx.orgB}`),
    expectIn: (a) => expect(groupCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => groupCount(a) === 0,
  },
  {
    name: 'GET /api/v1/regional-groups/outlines',
    allowed: territory,
    outcome: 'empty',
    inScope: async (c) => c.getJson(`/api/v1/regional-groups/outlines?org=${(await regional()).orgC}`),
    outOfScope: (c) => c.getJson(`/api/v1/regional-groups/outlines?org=${ctx.orgB}`),
    expectIn: (a) => expect(featureCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => featureCount(a) === 0,
  },
  {
    name: 'GET /api/v1/regional-groups/:id',
    allowed: orgReaders,
    outcome: 404,
    inScope: async (c) => c.getJson(groupPath((await regional()).groupC)),
    outOfScope: async (c) => c.getJson(groupPath((await regional()).groupB)),
    expectIn: (a) => expect((a.body as { meetings: unknown[] }).meetings.length).toBeGreaterThan(0),
  },
  {
    name: 'POST /api/v1/regional-groups',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: (c) => c.send('POST', '/api/v1/regional-groups', { name: '权限矩阵组团', area_code: ctx.communityC }),
    outOfScope: (c) => c.send('POST', '/api/v1/regional-groups', { name: '越权组团', area_code: ctx.communityB }),
  },
  {
    name: 'PATCH /api/v1/regional-groups/:id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PATCH', groupPath((await regional()).groupC), { name: '权限矩阵组团' }),
    outOfScope: async (c) => c.send('PATCH', groupPath((await regional()).groupB), { name: '越权' }),
  },
  {
    name: 'POST /api/v1/regional-groups/:id/members',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', `${groupPath((await freshGroupC(server.admin, await regionalPlaces())).id)}/members`, { org_id: ctx.orgC }),
    outOfScope: async (c) => c.send('POST', `${groupPath((await regional()).groupB)}/members`, { org_id: ctx.orgC }),
  },
  {
    name: 'DELETE /api/v1/regional-groups/:id/members/:org_id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => {
      const group = await freshGroupC(server.admin, await regionalPlaces());
      return c.send('DELETE', `${groupPath(group.id)}/members/${group.lead}`);
    },
    outOfScope: async (c) => c.send('DELETE', `${groupPath((await regional()).groupB)}/members/${ctx.orgB}`),
  },
  {
    name: 'PUT /api/v1/regional-groups/:id/lead',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PUT', `${groupPath((await regional()).groupC)}/lead`, { org_id: (await regional()).orgC }),
    outOfScope: async (c) => c.send('PUT', `${groupPath((await regional()).groupB)}/lead`, { org_id: ctx.orgB }),
  },
  {
    name: 'GET /api/v1/regional-groups/:id/items',
    allowed: orgReaders,
    outcome: 404,
    inScope: async (c) => c.getJson(`${groupPath((await regional()).groupC)}/items`),
    outOfScope: async (c) => c.getJson(`${groupPath((await regional()).groupB)}/items`),
  },
  {
    name: 'POST /api/v1/regional-groups/:id/items',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', `${groupPath((await regional()).groupC)}/items`, { list: 'projects', title: '权限矩阵' }),
    outOfScope: async (c) => c.send('POST', `${groupPath((await regional()).groupB)}/items`, { list: 'projects', title: '越权' }),
  },
  {
    name: 'GET /api/v1/regional-groups/:id/meetings',
    allowed: orgReaders,
    outcome: 404,
    inScope: async (c) => c.getJson(`${groupPath((await regional()).groupC)}/meetings`),
    outOfScope: async (c) => c.getJson(`${groupPath((await regional()).groupB)}/meetings`),
    expectIn: (a) => expect((a.body as { meetings: unknown[] }).meetings.length).toBeGreaterThan(0),
  },
  {
    name: 'POST /api/v1/regional-groups/:id/meetings',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) =>
      c.send('POST', `${groupPath((await regional()).groupC)}/meetings`, { held_on: '2026-06-02', place_text: '会议室', topic: '权限矩阵' }),
    outOfScope: async (c) => c.send('POST', `${groupPath((await regional()).groupB)}/meetings`, { held_on: '2026-06-02', place_text: '会议室', topic: '越权' }),
  },
  {
    name: 'PATCH /api/v1/regional-groups/:id/meetings/:meeting_id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PATCH', await meetingPath('C'), { topic: '权限矩阵' }),
    outOfScope: async (c) => c.send('PATCH', await meetingPath('B'), { topic: '越权' }),
  },
  {
    name: 'POST /api/v1/regional-groups/:id/meetings/:meeting_id/follow-ups',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', `${await meetingPath('C')}/follow-ups`, { title: '权限矩阵' }),
    outOfScope: async (c) => c.send('POST', `${await meetingPath('B')}/follow-ups`, { title: '越权' }),
  },
  {
    name: 'PATCH /api/v1/regional-groups/:id/meetings/:meeting_id/follow-ups/:follow_up_id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `${await meetingPath('C')}/follow-ups/${(await regional()).followUpC}`, { title: '权限矩阵' }),
    outOfScope: async (c) => c.send('PATCH', `${await meetingPath('B')}/follow-ups/${(await regional()).followUpB}`, { title: '越权' }),
  },
);

/** A fresh open wish posted by the county admin at C's point, or at B's: its id. */
async function newWish(inScope: boolean): Promise<number> {
  const position = inScope ? ctx.pointC : ctx.pointB;
  const created = await server.admin.send<{ id: number }>('POST', '/api/v1/wishes', { title: '权限矩阵心愿', resident_name: '赵六', position });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}
/** One wish of C and one of B, made once (reads only). */
let matrixWishes: Promise<{ c: number; b: number }> | undefined;
const wishesCB = () => (matrixWishes ??= Promise.all([newWish(true), newWish(false)]).then(([c, b]) => ({ c, b })));
const wishCount = (a: Answer<never>) => (a.body as { wishes: unknown[] }).wishes.length;
const wishReaders: Role[] = ['admin', 'planner', 'dispatcher', 'secretary'];

endpoints.push(
  {
    name: 'GET /tiles/wishes',
    allowed: territory,
    outcome: 'empty',
    inScope: async (c) => {
      await wishesCB();
      return layerFeatures(c, 'wishes', ctx.tileC);
    },
    outOfScope: async (c) => {
      await wishesCB();
      return layerFeatures(c, 'wishes', ctx.tileB);
    },
    expectIn: (a) => expect(tileCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => tileCount(a) === 0,
  },
  {
    name: 'GET /api/v1/wishes',
    allowed: wishReaders,
    outcome: 'empty',
    inScope: async (c) => {
      await wishesCB();
      return c.getJson(`/api/v1/wishes?area=${ctx.communityC}`);
    },
    outOfScope: (c) => c.getJson(`/api/v1/wishes?area=${ctx.townB}`),
    expectIn: (a) => expect(wishCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => wishCount(a) === 0,
  },
  {
    name: 'GET /api/v1/wishes/:id',
    allowed: wishReaders,
    outcome: 404,
    inScope: async (c) => c.getJson(`/api/v1/wishes/${(await wishesCB()).c}`),
    outOfScope: async (c) => c.getJson(`/api/v1/wishes/${(await wishesCB()).b}`),
    // the resident's name only for those who post wishes (or read members exactly)
    expectIn: (a, role) => expect((a.body as { resident_name: string | null }).resident_name).toBe(role === 'admin' || role === 'secretary' ? '赵六' : null),
  },
  {
    name: 'POST /api/v1/wishes',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: (c) => c.send('POST', '/api/v1/wishes', { title: '权限矩阵', position: ctx.pointC }),
    outOfScope: (c) => c.send('POST', '/api/v1/wishes', { title: '权限矩阵', position: ctx.pointB }),
  },
  {
    name: 'PATCH /api/v1/wishes/:id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `/api/v1/wishes/${await newWish(true)}`, { title: '权限矩阵改' }),
    outOfScope: async (c) => c.send('PATCH', `/api/v1/wishes/${(await wishesCB()).b}`, { title: '权限矩阵改' }),
  },
  {
    name: 'POST /api/v1/wishes/:id/withdraw',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('POST', `/api/v1/wishes/${await newWish(true)}/withdraw`, {}),
    outOfScope: async (c) => c.send('POST', `/api/v1/wishes/${(await wishesCB()).b}/withdraw`, {}),
  },
  {
    name: 'POST /api/v1/members/:id/link',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', `/api/v1/members/${await freshMemberC()}/link`),
    outOfScope: (c) => c.send('POST', `/api/v1/members/${ctx.memberB}/link`),
  },
);

/** Two model sites at points of the area, made by the county admin: their ids and where the first stands (the same points each time). */
async function modelSitesIn(code: string): Promise<{ ids: [number, number]; at: [number, number] }> {
  const { rows } = await server.db.query<{ lng: number; lat: number }>(
    'select st_x(p.geom) as lng, st_y(p.geom) as lat from st_dump(st_generatepoints((select geom from area where code = $1), 2, 1)) p order by p.path',
    [code],
  );
  const ids: number[] = [];
  for (const p of rows) {
    const created = await server.admin.send<{ id: number }>('POST', '/api/v1/places', {
      kind: 'model_site',
      name: '权限矩阵示范带站点',
      area_code: code,
      position: [p.lng, p.lat],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.push(created.body.id);
  }
  return { ids: ids as [number, number], at: [rows[0]!.lng, rows[0]!.lat] };
}

/** Model sites of community C and of a community of town B, made once, and a belt of town B. */
let beltFixtures: Promise<{ sitesC: [number, number]; sitesB: [number, number]; beltB: number; tileC: string }> | undefined;
const belts = () =>
  (beltFixtures ??= (async () => {
    const c = await modelSitesIn(ctx.communityC);
    const b = await modelSitesIn(ctx.communityB);
    const beltB = (await server.admin.send<{ id: number }>('POST', '/api/v1/belts', { name: '越权示范带', area_code: ctx.communityB, site_ids: b.ids })).body
      .id;
    return { sitesC: c.ids, sitesB: b.ids, beltB, tileC: tileAt(c.at[0], c.at[1], 14) };
  })());

/** A fresh belt of community C, made by the county admin: its id. */
async function freshBeltC(): Promise<number> {
  const created = await server.admin.send<{ id: number }>('POST', '/api/v1/belts', {
    name: '权限矩阵示范带',
    area_code: ctx.communityC,
    site_ids: (await belts()).sitesC,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

endpoints.push(
  {
    name: 'GET /api/v1/belts',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 'empty',
    inScope: async (c) => (await freshBeltC(), c.getJson(`/api/v1/belts?area=${ctx.communityC}`)),
    outOfScope: async (c) => (await belts(), c.getJson(`/api/v1/belts?area=${ctx.townB}`)),
    expectIn: (a) => expect((a.body as { belts: unknown[] }).belts.length).toBeGreaterThan(0),
    isEmpty: (a) => (a.body as { belts: unknown[] }).belts.length === 0,
  },
  {
    name: 'GET /api/v1/belts/:id',
    allowed: ['admin', 'planner', 'dispatcher', 'secretary'],
    outcome: 404,
    inScope: async (c) => c.getJson(`/api/v1/belts/${await freshBeltC()}`),
    outOfScope: async (c) => c.getJson(`/api/v1/belts/${(await belts()).beltB}`),
    expectIn: (a) => expect((a.body as { sites: unknown[] }).sites).toHaveLength(2),
  },
  {
    name: 'POST /api/v1/belts/preview',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('POST', '/api/v1/belts/preview', { area_code: ctx.communityC, site_ids: (await belts()).sitesC }),
    outOfScope: async (c) => c.send('POST', '/api/v1/belts/preview', { area_code: ctx.communityB, site_ids: (await belts()).sitesB }),
  },
  {
    name: 'POST /api/v1/belts',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 201,
    inScope: async (c) => c.send('POST', '/api/v1/belts', { name: '权限矩阵示范带', area_code: ctx.communityC, site_ids: (await belts()).sitesC }),
    outOfScope: async (c) => c.send('POST', '/api/v1/belts', { name: '越权示范带', area_code: ctx.communityB, site_ids: (await belts()).sitesB }),
  },
  {
    name: 'PATCH /api/v1/belts/:id',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PATCH', `/api/v1/belts/${await freshBeltC()}`, { width_m: 800 }),
    outOfScope: async (c) => c.send('PATCH', `/api/v1/belts/${(await belts()).beltB}`, { width_m: 800 }),
    expectIn: (a) => expect((a.body as { width_m: number }).width_m).toBe(800),
  },
  {
    name: 'PUT /api/v1/belts/:id/sites',
    allowed: registryWriters,
    outcome: 404,
    inScope: async (c) => c.send('PUT', `/api/v1/belts/${await freshBeltC()}/sites`, { site_ids: [...(await belts()).sitesC].reverse() }),
    outOfScope: async (c) => c.send('PUT', `/api/v1/belts/${(await belts()).beltB}/sites`, { site_ids: [...(await belts()).sitesB].reverse() }),
  },
  {
    name: 'DELETE /api/v1/belts/:id',
    allowed: registryWriters,
    outcome: 404,
    inStatus: 204,
    inScope: async (c) => c.send('DELETE', `/api/v1/belts/${await freshBeltC()}`),
    outOfScope: async (c) => c.send('DELETE', `/api/v1/belts/${(await belts()).beltB}`),
  },
  {
    name: 'GET /tiles/belts',
    allowed: territory,
    outcome: 'empty',
    inScope: async (c) => (await freshBeltC(), layerFeatures(c, 'belts', (await belts()).tileC)),
    outOfScope: async (c) => (await belts(), layerFeatures(c, 'belts', ctx.tileB)),
    expectIn: (a) => expect(tileCount(a)).toBeGreaterThan(0),
    isEmpty: (a) => tileCount(a) === 0,
  },
);

const roles: Role[] = ['admin', 'planner', 'dispatcher', 'secretary', 'wall'];

/** Every 12- or 15-digit code in an answer lies in the caller's scope, or is the county/town above it. */
function assertNoCodeOutside(body: unknown, role: Role) {
  const codes = JSON.stringify(body).match(/"\d{12}(\d{3})?"/g) ?? [];
  for (const quoted of codes) {
    const code = quoted.slice(1, -1);
    const ancestor = code === `${ctx.townA.slice(0, 6)}000000` || code === ctx.townA;
    expect(code.startsWith(ctx.prefix[role]) || ancestor, `${code} outside the ${role}'s scope`).toBe(true);
  }
}

describe.each(endpoints)('$name', (endpoint) => {
  it('refuses anonymous callers with 401 unauthenticated', async () => {
    const answer = await endpoint.inScope(callers.anonymous);
    expect(answer.status).toBe(401);
    expect((answer.body as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it.each(roles)('as %s: allowed in scope, 404 or empty out of scope, or refused', async (role) => {
    const client = callers[role];
    const inside = await endpoint.inScope(client);
    if (!endpoint.allowed.includes(role)) {
      const expected = role === 'wall' && endpoint.name.includes('auth/me') ? 401 : 403;
      expect(inside.status, JSON.stringify(inside.body)).toBe(expected);
      return;
    }
    expect(inside.status, JSON.stringify(inside.body)).toBe(endpoint.inStatusFor?.[role] ?? endpoint.inStatus ?? 200);
    await endpoint.expectIn?.(inside as Answer<never>, role);
    assertNoCodeOutside(inside.body, role);

    const outside = await endpoint.outOfScope(client);
    if (endpoint.outcome === 404) {
      expect(outside.status, JSON.stringify(outside.body)).toBe(404);
    } else {
      expect(outside.status).toBe(200);
      expect(endpoint.isEmpty?.(outside as Answer<never>) ?? true).toBe(true);
      await endpoint.checkOut?.(outside as Answer<never>, role);
      assertNoCodeOutside(outside.body, role);
    }
  });
});

describe('the matrix', () => {
  it('covers every endpoint in the OpenAPI document', async () => {
    const { body } = await server.anonymous.getJson<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    const documented = Object.entries(body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    // public, or tested on their own (sign-in/out in sign-in.test.ts); tiles are covered layer by layer above
    // the member's link answers by its signed token, not a session (tests/dispatch/scenario.test.ts)
    const exempt = [
      'GET /api/health',
      'POST /api/v1/auth/sign-in',
      'POST /api/v1/auth/sign-out',
      'GET /tiles/:layer/:z/:x/:y.mvt',
      'GET /api/m/:token',
      'POST /api/m/:token/:answer',
      // the member's wishes, by the same signed link (tests/wishes/wishes.test.ts)
      'GET /api/m/:token/wishes',
      'POST /api/m/:token/wishes/:id/claim',
      'POST /api/m/:token/wishes/:id/fulfil',
    ];
    const covered = new Set(endpoints.map((e) => e.name));
    expect(documented.filter((d) => !covered.has(d) && !exempt.includes(d))).toEqual([]);
  });
});
