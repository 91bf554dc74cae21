import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeltList, BeltRecord, BeltRoute } from '../../server/src/contract/belts.ts';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import type { PlaceRecord } from '../../server/src/contract/places.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt } from '../support/tiles.ts';

/**
 * 示范带: a belt built from model sites follows the roads between them, and its corridor counts
 * what an independent query counts. The demo county's first belt chains village model sites of one
 * town along its village roads; its first three sites are the acceptance's three sites. Town B is
 * the town of the demo's second belt, outside the town secretary's scope.
 */
const database = usePrivateDatabase('belts');
let server: TestServer;
let secretary: ApiClient;
let planner: ApiClient;
const ctx = {} as {
  town: string;
  /** the first three sites of demo belt 1, in its order */
  sites: [number, number, number];
  /** a model site of town B, and a service center of the town */
  siteB: number;
  center: number;
};

type Watched = 'belt' | 'belt_site' | 'belt_leg' | 'audit_log';
const watched: Watched[] = ['belt', 'belt_site', 'belt_leg', 'audit_log'];
async function counts(): Promise<Record<Watched, number>> {
  const columns = watched.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ');
  return (await server.db.query<Record<Watched, number>>(`select ${columns}`)).rows[0]!;
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await server.db.query(sql, params)).rows[0] as T;
}

const body = (extra: Record<string, unknown> = {}) => ({ name: '测试示范带', area_code: ctx.town, site_ids: ctx.sites, width_m: 500, ...extra });

async function create(as: ApiClient = secretary, extra: Record<string, unknown> = {}): Promise<BeltRecord> {
  const answer = await as.send<BeltRecord>('POST', '/api/v1/belts', body(extra));
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  const sites = await server.db.query<{ place_id: number; area_code: string }>(
    'select s.place_id, p.area_code from belt_site s join place p on p.id = s.place_id where s.belt_id = 1 order by s.seq limit 3',
  );
  ctx.town = `${sites.rows[0]!.area_code.slice(0, 9)}000`;
  ctx.sites = sites.rows.map((r) => r.place_id) as [number, number, number];
  ctx.siteB = (
    await one<{ id: number }>("select id from place where kind = 'model_site' and area_code not like $1 order by id limit 1", [`${ctx.town.slice(0, 9)}%`])
  ).id;
  ctx.center = (
    await one<{ id: number }>("select id from place where kind <> 'model_site' and closed_on is null and area_code like $1 order by id limit 1", [
      `${ctx.town.slice(0, 9)}%`,
    ])
  ).id;
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', ctx.town);
  planner = await signInAs(server.baseUrl, server.db, 'planner', ctx.town);
});
afterAll(async () => {
  await server?.close();
});

describe('a belt built from three model sites', () => {
  it('has a line that follows the roads between them, no shorter than the straight chain', async () => {
    const belt = await create();
    expect(belt.sites.map((s) => s.id)).toEqual(ctx.sites);
    expect(belt.sites.map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(belt.legs.map((l) => [l.from_site_id, l.to_site_id, l.routed])).toEqual([
      [ctx.sites[0], ctx.sites[1], true],
      [ctx.sites[1], ctx.sites[2], true],
    ]);
    const line = belt.line.coordinates;
    expect(line[0]).toEqual(belt.sites[0]!.position);
    expect(line.at(-1)).toEqual(belt.sites[2]!.position);

    // every vertex, and the middle of every segment, lies on a road (within 1 m): the sites stand on
    // their village roads, so the line has no connectors off the roads
    const off = await server.db.query<{ n: number }>(
      `with l as (select geom from belt where id = $1),
       pts as (select (st_dumppoints(geom)).geom as p from l
               union all
               select st_lineinterpolatepoint(s.geom, 0.5) from l, lateral (
                 select st_makeline(st_pointn(l.geom, i), st_pointn(l.geom, i + 1)) as geom from generate_series(1, st_npoints(l.geom) - 1) i) s)
       select n from (select count(*)::int as n from pts where not exists (
         select from road r where st_dwithin(r.geom::geography, pts.p::geography, 1))) c`,
      [belt.id],
    );
    expect(off.rows[0]!.n).toBe(0);
    expect(line.length).toBeGreaterThan(3);

    const straight = await one<{ m: number }>(
      `select st_length(st_makeline(array(select p.geom from unnest($1::bigint[]) with ordinality u(id, n) join place p on p.id = u.id order by u.n))::geography) as m`,
      [ctx.sites],
    );
    expect(belt.length_m).toBeGreaterThanOrEqual(straight.m);
    expect(belt.legs[0]!.length_m + belt.legs[1]!.length_m).toBeCloseTo(belt.length_m, 3);
  });

  it('has a corridor whose counts equal an independent count', async () => {
    const belt = await create(secretary, { width_m: 800 });
    // the buffer computed afresh from the stored line, and every table counted on its own
    const independent = await one<{
      kinds: Record<string, number> | null;
      orgs: number;
      members: number;
      enterprise: number;
      social_org: number;
      near_members: number;
      far_members: number;
    }>(
      `with c as (select st_buffer(geom::geography, 800)::geometry as geom, geom::geography as line from belt where id = $1)
       select (select json_object_agg(kind, n) from (select kind, count(*)::int as n from place, c
                 where st_intersects(c.geom, place.geom) and closed_on is null and area_code like $2 group by kind) k) as kinds,
              (select count(*)::int from org, c where st_intersects(c.geom, org.geom) and closed_on is null and area_code like $2) as orgs,
              (select count(*)::int from member m join org o on o.id = m.org_id, c
                where st_intersects(c.geom, m.home) and m.left_on is null and o.area_code like $2) as members,
              (select count(*)::int from new_org, c where st_intersects(c.geom, new_org.geom) and kind = 'enterprise' and area_code like $2) as enterprise,
              (select count(*)::int from new_org, c where st_intersects(c.geom, new_org.geom) and kind = 'social_org' and area_code like $2) as social_org,
              (select count(*)::int from member m join org o on o.id = m.org_id, c
                where st_dwithin(c.line, m.home::geography, 780) and m.left_on is null and o.area_code like $2) as near_members,
              (select count(*)::int from member m join org o on o.id = m.org_id, c
                where st_dwithin(c.line, m.home::geography, 801) and m.left_on is null and o.area_code like $2) as far_members`,
      [belt.id, `${ctx.town.slice(0, 9)}%`],
    );
    const kinds = independent.kinds ?? {};
    expect(belt.counts.places).toEqual({
      service_center: kinds.service_center ?? 0,
      service_station: kinds.service_station ?? 0,
      center_household: kinds.center_household ?? 0,
      education_site: kinds.education_site ?? 0,
      model_site: kinds.model_site ?? 0,
    });
    expect(belt.counts.places.model_site).toBeGreaterThanOrEqual(3);
    expect(belt.counts.orgs).toBe(independent.orgs);
    expect(belt.counts.members).toBe(independent.members);
    expect(belt.counts.members).toBeGreaterThan(0);
    expect(belt.counts.new_orgs).toEqual({ enterprise: independent.enterprise, social_org: independent.social_org });
    // the buffer's polygon lies within the width of the line and takes nearly all of it
    expect(belt.counts.members).toBeGreaterThanOrEqual(independent.near_members);
    expect(belt.counts.members).toBeLessThanOrEqual(independent.far_members);
  });

  it('previews the same route, corridor and counts without writing anything', async () => {
    const before = await counts();
    const preview = await secretary.send<BeltRoute>('POST', '/api/v1/belts/preview', { area_code: ctx.town, site_ids: ctx.sites, width_m: 500 });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(await counts()).toEqual(before);
    const belt = await create();
    expect(preview.body.line).toEqual(belt.line);
    expect(preview.body.legs.map((l) => l.routed)).toEqual(belt.legs.map((l) => l.routed));
    expect(preview.body.counts).toEqual(belt.counts);
    expect(preview.body.length_m).toBeCloseTo(belt.length_m, 3);
    expect(preview.body.bbox.map((v) => v.toFixed(5))).toEqual(belt.bbox.map((v) => v.toFixed(5)));
  });

  it('writes the belt, its sites and legs and one audit record in one go', async () => {
    const before = await counts();
    const belt = await create(secretary, { description: '沿村道串联三个示范点' });
    expect(await counts()).toEqual({ belt: before.belt + 1, belt_site: before.belt_site + 3, belt_leg: before.belt_leg + 2, audit_log: before.audit_log + 1 });
    expect(belt).toMatchObject({ name: '测试示范带', area_code: ctx.town, width_m: 500, description: '沿村道串联三个示范点' });
    const audit = await one<{ action: string; scope_code: string; detail: { site_ids: number[] } }>(
      "select action, scope_code, detail from audit_log where target_kind = 'belt' and $1 = any(target_ids)",
      [belt.id],
    );
    expect(audit).toMatchObject({ action: 'belt.create', scope_code: ctx.town, detail: { site_ids: ctx.sites } });
  });
});

describe('keeping a belt', () => {
  it('reorders its sites and routes it again', async () => {
    const belt = await create();
    const [a, b, c] = ctx.sites;
    const answer = await secretary.send<BeltRecord>('PUT', `/api/v1/belts/${belt.id}/sites`, { site_ids: [c, a, b] });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.sites.map((s) => s.id)).toEqual([c, a, b]);
    expect(answer.body.legs.map((l) => [l.from_site_id, l.to_site_id])).toEqual([
      [c, a],
      [a, b],
    ]);
    expect(answer.body.line.coordinates[0]).toEqual(answer.body.sites[0]!.position);
    const removed = await secretary.send<BeltRecord>('PUT', `/api/v1/belts/${belt.id}/sites`, { site_ids: [a, c] });
    expect(removed.body.sites.map((s) => s.id)).toEqual([a, c]);
    expect(removed.body.legs).toHaveLength(1);
    const audits = await server.db.query<{ detail: { before: number[]; after: number[] } }>(
      "select detail from audit_log where action = 'belt.sites' and $1 = any(target_ids) order by id",
      [belt.id],
    );
    expect(audits.rows.map((r) => [r.detail.before, r.detail.after])).toEqual([
      [ctx.sites, [c, a, b]],
      [
        [c, a, b],
        [a, c],
      ],
    ]);
  });

  it('widens the corridor with the width, and renames and describes it', async () => {
    const belt = await create();
    const area = async () => (await one<{ a: number }>('select st_area(corridor::geography) as a from belt where id = $1', [belt.id])).a;
    const narrow = await area();
    const wide = await secretary.send<BeltRecord>('PATCH', `/api/v1/belts/${belt.id}`, { width_m: 1500, name: '更名示范带', description: '说明' });
    expect(wide.status).toBe(200);
    expect(wide.body).toMatchObject({ width_m: 1500, name: '更名示范带', description: '说明' });
    expect(await area()).toBeGreaterThan(narrow * 2);
    expect(wide.body.counts.members).toBeGreaterThanOrEqual(belt.counts.members);
    expect(wide.body.line).toEqual(belt.line);
    const cleared = await secretary.send<BeltRecord>('PATCH', `/api/v1/belts/${belt.id}`, { description: null });
    expect(cleared.body.description).toBeNull();
    const before = await counts();
    expect((await secretary.send('PATCH', `/api/v1/belts/${belt.id}`, { width_m: 1500 })).status).toBe(200);
    expect(await counts()).toEqual(before);
    const audits = await server.db.query<{ detail: { changed: string[] } }>(
      "select detail from audit_log where action = 'belt.update' and $1 = any(target_ids) order by id",
      [belt.id],
    );
    expect(audits.rows.map((r) => r.detail.changed)).toEqual([['name', 'width_m', 'description'], ['description']]);
  });

  it('deletes a belt with its sites and legs; the model sites stay', async () => {
    const belt = await create();
    const before = await counts();
    const gone = await secretary.send('DELETE', `/api/v1/belts/${belt.id}`);
    expect(gone.status).toBe(204);
    expect(await counts()).toEqual({ belt: before.belt - 1, belt_site: before.belt_site - 3, belt_leg: before.belt_leg - 2, audit_log: before.audit_log + 1 });
    expect((await secretary.getJson(`/api/v1/belts/${belt.id}`)).status).toBe(404);
    expect((await secretary.getJson<PlaceRecord>(`/api/v1/places/${ctx.sites[0]}`)).status).toBe(200);
    expect((await secretary.send('DELETE', `/api/v1/belts/${belt.id}`)).status).toBe(404);
  });

  it('lists belts in scope by area and name, paged, for the roles that read organizations', async () => {
    const mine = await create(secretary, { name: '列表检索示范带' });
    const listed = await planner.getJson<BeltList>('/api/v1/belts?limit=200');
    expect(listed.status).toBe(200);
    expect(listed.body.belts.every((b) => b.area_code.startsWith(ctx.town.slice(0, 9)))).toBe(true);
    const found = listed.body.belts.find((b) => b.id === mine.id)!;
    expect(found).toMatchObject({ name: '列表检索示范带', site_count: 3, width_m: 500 });
    expect(found.length_m).toBeCloseTo(mine.length_m, 3);
    expect(found.bbox).toEqual(mine.bbox);
    const byName = await planner.getJson<BeltList>(`/api/v1/belts?q=${encodeURIComponent('列表检索')}`);
    expect(byName.body.belts.map((b) => b.id)).toEqual([mine.id]);
    // the demo belts belong to the county: the county admin sees them, the town's roles do not
    const county = await server.getJson<BeltList>('/api/v1/belts?limit=2');
    expect(county.body.belts.map((b) => b.id)).toEqual([1, 2]);
    expect(county.body.next_after).toBe(2);
    const next = await server.getJson<BeltList>('/api/v1/belts?limit=200&after=2');
    expect(next.body.belts[0]!.id).toBe(3);
    expect(listed.body.belts.map((b) => b.id)).not.toContain(1);
    expect((await planner.getJson('/api/v1/belts/1')).status).toBe(404);
    expect((await planner.send('POST', '/api/v1/belts', body())).status).toBe(403);
  });
});

describe('the demo belts', () => {
  it('have a 500 m corridor and straight legs until their sites are saved again, then follow the roads', async () => {
    const demo = await server.getJson<BeltRecord>('/api/v1/belts/1');
    expect(demo.status).toBe(200);
    expect(demo.body.width_m).toBe(500);
    expect(demo.body.corridor.coordinates.length).toBeGreaterThan(0);
    expect(demo.body.legs.length).toBe(demo.body.sites.length - 1);
    expect(demo.body.legs.every((l) => !l.routed)).toBe(true);
    expect(demo.body.line.coordinates).toEqual(demo.body.sites.map((s) => s.position));
    const ids = demo.body.sites.map((s) => s.id);
    const routed = await server.admin.send<BeltRecord>('PUT', '/api/v1/belts/1/sites', { site_ids: ids });
    expect(routed.status, JSON.stringify(routed.body)).toBe(200);
    expect(routed.body.legs.every((l) => l.routed)).toBe(true);
    expect(routed.body.length_m).toBeGreaterThanOrEqual(demo.body.length_m);
  });
});

describe('legs that cannot follow a road', () => {
  it('are straight, and marked so, where a site lies far from every road', async () => {
    // a point of the town more than 600 m from any road, made a model site
    const far = await one<{ code: string; lng: number; lat: number } | undefined>(
      `select a.code, st_x(p.geom) as lng, st_y(p.geom) as lat
       from area a cross join lateral st_dump(st_generatepoints(a.geom, 400, 7)) p
       where a.code like $1 and a.level = 'village'
         and not exists (select from road r where st_dwithin(r.geom::geography, p.geom::geography, 600))
       order by a.code, p.path limit 1`,
      [`${ctx.town.slice(0, 9)}%`],
    );
    expect(far).toBeDefined();
    const site = await secretary.send<PlaceRecord>('POST', '/api/v1/places', {
      kind: 'model_site',
      name: '远离道路的示范点',
      area_code: far!.code,
      position: [far!.lng, far!.lat],
    });
    expect(site.status, JSON.stringify(site.body)).toBe(201);
    const belt = await create(secretary, { site_ids: [site.body.id, ctx.sites[0], ctx.sites[1]] });
    expect(belt.legs.map((l) => l.routed)).toEqual([false, true]);
    expect(belt.legs[0]!.line.coordinates).toEqual([site.body.position, belt.sites[1]!.position]);
  });
});

describe('refusals', () => {
  const refused = async (as: ApiClient, json: unknown, status: number, code: string, path = '/api/v1/belts') => {
    const before = await counts();
    const answer = await as.send<ErrorBody>('POST', path, json);
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(await counts()).toEqual(before);
    return answer.body.error.message;
  };

  it('refuses a place that is not a model site, naming it', async () => {
    const message = await refused(secretary, body({ site_ids: [ctx.sites[0], ctx.center] }), 422, 'not_a_model_site');
    expect(message).toContain(String(ctx.center));
  });

  it('refuses one site, a site twice, a width out of range, and an unknown site', async () => {
    await refused(secretary, body({ site_ids: [ctx.sites[0]] }), 400, 'invalid_body');
    await refused(secretary, body({ site_ids: [ctx.sites[0], ctx.sites[1], ctx.sites[0]] }), 400, 'invalid_body');
    await refused(secretary, body({ width_m: 49 }), 400, 'invalid_body');
    await refused(secretary, body({ width_m: 5001 }), 400, 'invalid_body');
    await refused(secretary, body({ width_m: 500.5 }), 400, 'invalid_body');
    await refused(secretary, body({ site_ids: [ctx.sites[0], 999_999_999] }), 404, 'not_found');
    await refused(secretary, { area_code: ctx.town, site_ids: [ctx.sites[0]], width_m: 500 }, 400, 'invalid_body', '/api/v1/belts/preview');
  });

  it('refuses a site outside the scope (404) or outside the belt area (422)', async () => {
    await refused(secretary, body({ site_ids: [ctx.sites[0], ctx.siteB] }), 404, 'not_found');
    const siteArea = await one<{ area_code: string }>('select area_code from place where id = $1', [ctx.sites[0]]);
    await refused(server.admin, body({ area_code: siteArea.area_code }), 422, 'outside_area');
  });

  it('refuses a closed model site and two consecutive sites at one position', async () => {
    const position = (await secretary.getJson<PlaceRecord>(`/api/v1/places/${ctx.sites[1]}`)).body;
    const twin = await secretary.send<PlaceRecord>('POST', '/api/v1/places', {
      kind: 'model_site',
      name: '同址示范点',
      area_code: position.area_code,
      position: position.position,
    });
    expect(twin.status).toBe(201);
    await refused(secretary, body({ site_ids: [ctx.sites[0], ctx.sites[1], twin.body.id] }), 422, 'belt_sites_coincide');
    expect((await secretary.send('POST', `/api/v1/places/${twin.body.id}/close`, { reason: '测试' })).status).toBe(200);
    await refused(secretary, body({ site_ids: [ctx.sites[0], twin.body.id] }), 409, 'place_closed');
  });
});

describe('the belts tile layer', () => {
  it('draws each belt in scope as its corridor and its line, with id and name only', async () => {
    const belt = await create(secretary, { name: '瓦片示范带' });
    const [lng, lat] = belt.sites[1]!.position;
    const [z, x, y] = tileAt(lng, lat, 13);
    const res = await secretary.get(`/tiles/belts/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    const features = decodeLayer(await res.arrayBuffer(), 'belts').filter((f) => f.properties.id === belt.id);
    expect(features.map((f) => [f.properties.part, f.type]).sort()).toEqual([
      ['corridor', 3],
      ['line', 2],
    ]);
    for (const f of features) expect(Object.keys(f.properties).sort()).toEqual(['id', 'name', 'part']);
    expect(features[0]!.properties.name).toBe('瓦片示范带');
    // the county's demo belts are not the town secretary's
    const demo = await server.getJson<BeltRecord>('/api/v1/belts/1');
    const [dz, dx, dy] = tileAt(...demo.body.sites[0]!.position, 13);
    const theirs = decodeLayer(await (await secretary.get(`/tiles/belts/${dz}/${dx}/${dy}.mvt`)).arrayBuffer(), 'belts');
    expect(theirs.some((f) => f.properties.id === 1)).toBe(false);
    const admins = decodeLayer(await (await server.get(`/tiles/belts/${dz}/${dx}/${dy}.mvt`)).arrayBuffer(), 'belts');
    expect(admins.some((f) => f.properties.id === 1)).toBe(true);
  });

  it('changes its ETag when a belt changes', async () => {
    const belt = await create();
    const [z, x, y] = tileAt(...belt.sites[0]!.position, 12);
    const path = `/tiles/belts/${z}/${x}/${y}.mvt`;
    const first = (await secretary.get(path)).headers.get('etag');
    expect((await secretary.get(path, undefined, { 'if-none-match': first! })).status).toBe(304);
    await secretary.send('PATCH', `/api/v1/belts/${belt.id}`, { width_m: 900 });
    const second = (await secretary.get(path)).headers.get('etag');
    expect(second).not.toBe(first);
  });
});
