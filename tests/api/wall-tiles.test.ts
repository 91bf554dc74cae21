import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { wallClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bruteForcePyramid, loadMembers, publishedCells } from '../support/density.ts';
import { decodeLayer, tileAt, tilesCovering } from '../support/tiles.ts';

/**
 * The wall's tile layers, decoded and checked against the raw tables: member density against
 * the published counts recomputed from the members in JavaScript, blind spots and reach against brute-force distances; ETags and 304.
 * A private database, because the tests change members, settings and cases.
 */
const database = usePrivateDatabase('wall_tiles');
let server: TestServer;
let wall: ApiClient;
let centre: [number, number];
const county = '510703000000';

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  wall = await wallClient(server.baseUrl, server.db, county);
  const {
    rows: [c],
  } = await server.db.query<{ lng: number; lat: number }>(
    "select st_x(p) as lng, st_y(p) as lat from (select st_pointonsurface(geom) as p from area where level = 'community' order by households desc limit 1) s",
  );
  centre = [c!.lng, c!.lat];
});
afterAll(async () => {
  await server.close();
});

async function tile(client: ApiClient, layer: string, z: number, x: number, y: number, headers: Record<string, string> = {}) {
  const res = await client.get(`/tiles/${layer}/${z}/${x}/${y}.mvt`, undefined, headers);
  return { status: res.status, etag: res.headers.get('etag'), cacheControl: res.headers.get('cache-control'), bytes: await res.arrayBuffer() };
}

type Counts = { total: number; available: number; skilled: number };

/**
 * The published counts (sql/000009) of the level-(z+1) cells the tile is drawn with, 32 to a
 * side, recomputed from all members in JavaScript, by cell number inside the tile.
 */
async function expectedCells(z: number, x: number, y: number): Promise<Map<string, Counts>> {
  const level = Math.min(z + 1, 14);
  const perSide = 16 * 2 ** (level - z);
  const published = publishedCells(bruteForcePyramid(await loadMembers(server.db)), level, ['%']);
  const cells = new Map<string, Counts>();
  for (const [key, c] of published) {
    const [, cx, cy] = key.split('/').map(Number) as [number, number, number];
    const col = cx - x * perSide;
    const row = cy - y * perSide;
    if (col >= 0 && col < perSide && row >= 0 && row < perSide) cells.set(`${col},${row}`, c);
  }
  return cells;
}

/** Decoded density cells by their cell number inside the tile (from the polygon's north-west corner). */
function decodedCells(bytes: ArrayBuffer, z: number): Map<string, Counts> {
  const perSide = 16 * 2 ** (Math.min(z + 1, 14) - z);
  const cells = new Map<string, Counts>();
  for (const f of decodeLayer(bytes, 'density')) {
    expect(f.type).toBe(3);
    const points = f.rings.flat();
    const unit = f.extent / perSide;
    const key = `${Math.round(Math.min(...points.map((p) => p.x)) / unit)},${Math.round(Math.min(...points.map((p) => p.y)) / unit)}`;
    cells.set(key, { total: Number(f.properties.total), available: Number(f.properties.available), skilled: Number(f.properties.skilled) });
  }
  return cells;
}

describe('member density tiles', () => {
  it.each([12, 13, 14])('at zoom %i equal the published counts recomputed from the members, for the wall and the admin alike', async (z) => {
    const [, x, y] = tileAt(centre[0], centre[1], z);
    const expected = await expectedCells(z, x, y);
    expect(expected.size).toBeGreaterThan(10);
    for (const client of [wall, server.admin]) {
      const got = decodedCells((await tile(client, 'density', z, x, y)).bytes, z);
      expect(got).toEqual(expected);
      for (const c of got.values()) {
        expect(c.total).toBeGreaterThanOrEqual(5);
        expect(c.available).toBeLessThanOrEqual(c.total);
        expect(c.skilled).toBeLessThanOrEqual(c.total);
      }
    }
  });

  it('carry no member: only cell polygons with counts', async () => {
    const [z, x, y] = tileAt(centre[0], centre[1], 16);
    const features = decodeLayer((await tile(wall, 'density', z, x, y)).bytes, 'density');
    for (const f of features) expect(Object.keys(f.properties).sort()).toEqual(['available', 'skilled', 'total']);
  });

  it('follow member changes at once: a new ETag, new counts, and the old ETag no longer answers 304', async () => {
    const [z, x, y] = tileAt(centre[0], centre[1], 13);
    const before = await tile(wall, 'density', z, x, y);
    expect(before.status).toBe(200);
    expect(before.cacheControl).toContain('no-cache');
    expect((await tile(wall, 'density', z, x, y, { 'if-none-match': before.etag! })).status).toBe(304);

    await server.db.query(`update member set available = not available where home && st_expand(st_setsrid(st_point($1, $2), 4326), 0.01)`, centre);
    const after = await tile(wall, 'density', z, x, y);
    expect(after.etag).not.toBe(before.etag);
    expect((await tile(wall, 'density', z, x, y, { 'if-none-match': before.etag! })).status).toBe(200);
    expect(decodedCells(after.bytes, z)).toEqual(await expectedCells(z, x, y));
    expect(decodedCells(after.bytes, z)).not.toEqual(decodedCells(before.bytes, z));
  });

  it('are read through the pyramid index, never by scanning members', async () => {
    const [z, x, y] = tileAt(centre[0], centre[1], 12);
    const client = await server.db.connect();
    try {
      await client.query("load 'auto_explain'");
      await client.query('set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on; set client_min_messages = log');
      const plans: string[] = [];
      client.on('notice', (n) => plans.push(n.message ?? ''));
      await client.query("select tile_density($1, $2, $3, '{\"\"}', '{9999999999999999}')", [z, x, y]);
      const plan = plans.join('\n');
      expect(plan).toContain('member_density_pkey');
      expect(plan).not.toMatch(/on member\b/);
    } finally {
      client.release();
    }
  });
});

describe('coverage tiles', () => {
  it('blind spots: each cell counts the available members within the radius exactly (brute force, up to k)', async () => {
    const { rows } = await server.db.query<{ nearby: number; brute: number; k: number }>(
      `select c.available_nearby as nearby, s.k,
              (select count(*) from member m where m.available
                 and st_distance(m.home::geography, st_transform(st_centroid(cell_envelope(13, c.cx, c.cy)), 4326)::geography) <= s.radius_m)::integer as brute
       from coverage_cell c, coverage_setting s order by c.available_nearby, c.cx, c.cy limit 20`,
    );
    expect(rows.length).toBe(20);
    for (const r of rows) expect(r.nearby).toBe(Math.min(r.brute, r.k));
  });

  it('blind spots: the tiles hold every blind cell once, after k is raised', async () => {
    await server.db.query('update coverage_setting set k = 40');
    await server.db.query('select refresh_coverage()');
    const {
      rows: [c],
    } = await server.db.query<{ blind: number; none: number }>(
      'select count(*) filter (where available_nearby < 40)::integer as blind, count(*) filter (where available_nearby = 0)::integer as none from coverage_cell',
    );
    expect(c!.blind).toBeGreaterThan(0);
    // from zoom 11 on the tiles draw the analysis cells themselves (share 1), each in one tile
    const {
      rows: [box],
    } = await server.db.query<{ b: [number, number, number, number] }>(
      "select array[st_xmin(geom), st_ymin(geom), st_xmax(geom), st_ymax(geom)] as b from area where level = 'county'",
    );
    let drawn = 0;
    for (const [z, x, y] of tilesCovering(box!.b, 11)) {
      for (const f of decodeLayer((await tile(wall, 'blind_spots', z, x, y)).bytes, 'blind_spots')) {
        expect(f.properties.share).toBe(1);
        drawn += 1;
      }
    }
    expect(drawn).toBe(c!.blind);
    // below, coarser cells carry the blind part as a share
    const [z, x, y] = tileAt(centre[0], centre[1], 9);
    for (const f of decodeLayer((await tile(wall, 'blind_spots', z, x, y)).bytes, 'blind_spots')) {
      expect(Number(f.properties.share)).toBeGreaterThan(0);
      expect(Number(f.properties.few_share)).toBeLessThanOrEqual(Number(f.properties.share));
    }
  });

  it('blind spots: a lone available member in an empty stretch changes no cell of the tiles (no disk around her home)', async () => {
    const {
      rows: [spot],
    } = await server.db.query<{ lng: number; lat: number }>(
      `select st_x(p) as lng, st_y(p) as lat
       from coverage_cell c, st_transform(st_centroid(cell_envelope(13, c.cx, c.cy)), 4326) p
       order by c.available_nearby, c.cx, c.cy limit 1`,
    );
    // nobody available within 3 km, then one member moves in
    await server.db.query('update member set available = false where st_dwithin(home::geography, st_setsrid(st_point($1, $2), 4326)::geography, 3000)', [
      spot!.lng,
      spot!.lat,
    ]);
    await server.db.query('select refresh_coverage()');
    const tiles = [11, 12, 13].map((z) => tileAt(spot!.lng, spot!.lat, z));
    const draw = async () =>
      Promise.all(
        tiles.map(async ([z, x, y]) =>
          decodeLayer((await tile(wall, 'blind_spots', z, x, y)).bytes, 'blind_spots')
            .map((f) => JSON.stringify([f.properties, f.rings]))
            .sort(),
        ),
      );
    const before = await draw();
    expect(before.flat().length).toBeGreaterThan(0);
    await server.db.query(
      `insert into member (county_code, name, gender, org_id, home, available)
       select '510703000000', '孤身党员', 'female', (select id from org order by id limit 1), st_setsrid(st_point($1, $2), 4326), true`,
      [spot!.lng, spot!.lat],
    );
    await server.db.query('select refresh_coverage()');
    const {
      rows: [n],
    } = await server.db.query<{ near: number }>('select count(*)::integer as near from coverage_cell where available_nearby = 1');
    expect(n!.near).toBeGreaterThan(5);
    expect(await draw()).toEqual(before);
  });

  it("reach: each building's distance is the nearest service center or station (brute force)", async () => {
    const { rows } = await server.db.query<{ stored: number; brute: number }>(
      `select r.distance_m as stored,
              (select min(st_distance(p.geom::geography, st_pointonsurface(b.geom)::geography)) from place p
                where p.kind in ('service_center', 'service_station')) as brute
       from building_reach r join building b on b.id = r.building_id order by r.building_id limit 200`,
    );
    for (const r of rows) expect(r.stored).toBeCloseTo(r.brute, 3);
  });

  it('reach: tiles show the households beyond the distance, as cells below zoom 14 and buildings from it', async () => {
    const {
      rows: [far],
    } = await server.db.query<{ lng: number; lat: number; households: number }>(
      `select st_x(st_pointonsurface(b.geom)) as lng, st_y(st_pointonsurface(b.geom)) as lat, r.households
       from building_reach r join building b on b.id = r.building_id, coverage_setting s
       where r.distance_m > s.reach_distance_m and r.households > 0 order by r.distance_m desc limit 1`,
    );
    expect(far).toBeDefined();
    const [z, x, y] = tileAt(far!.lng, far!.lat, 15);
    const buildings = decodeLayer((await tile(wall, 'reach', z, x, y)).bytes, 'reach');
    expect(buildings.some((f) => Number(f.properties.households) === far!.households)).toBe(true);
    const [z2, x2, y2] = tileAt(far!.lng, far!.lat, 11);
    const cells = decodeLayer((await tile(wall, 'reach', z2, x2, y2)).bytes, 'reach');
    expect(cells.reduce((s, f) => s + Number(f.properties.households), 0)).toBeGreaterThanOrEqual(far!.households);
  });
});

describe('other layers', () => {
  it("places: the wall gets no center household (a member's home); the admin does", async () => {
    const {
      rows: [h],
    } = await server.db.query<{ lng: number; lat: number }>("select st_x(geom) as lng, st_y(geom) as lat from place where kind = 'center_household' limit 1");
    const [z, x, y] = tileAt(h!.lng, h!.lat, 15);
    const kinds = async (client: ApiClient) => decodeLayer((await tile(client, 'places', z, x, y)).bytes, 'places').map((f) => f.properties.kind);
    expect(await kinds(wall)).not.toContain('center_household');
    expect(await kinds(server.admin)).toContain('center_household');
  });

  it('cases: an open case appears with its properties and a new ETag; the ETag differs by scope', async () => {
    const [z, x, y] = tileAt(centre[0], centre[1], 14);
    const before = await tile(wall, 'cases', z, x, y);
    const created = await server.admin.send<{ id: number }>(
      'POST',
      '/api/v1/cases',
      { kind: 'fire', title: '大屏测试火情', lng: centre[0], lat: centre[1], severity: 'high' },
      { 'idempotency-key': `wall-tiles-${Date.now()}` },
    );
    expect(created.status).toBe(201);
    const after = await tile(wall, 'cases', z, x, y);
    expect(after.etag).not.toBe(before.etag);
    const feature = decodeLayer(after.bytes, 'cases').find((f) => f.properties.id === created.body.id);
    expect(feature?.properties).toMatchObject({ kind: 'fire', title: '大屏测试火情', severity: 'high', status: 'reported' });
    const town = await wallClient(server.baseUrl, server.db, '510703001000');
    expect((await tile(town, 'cases', z, x, y)).etag).not.toBe(after.etag);
  });

  it('orgs: Party organizations as points with kind and sector', async () => {
    const [z, x, y] = tileAt(centre[0], centre[1], 13);
    const features = decodeLayer((await tile(wall, 'orgs', z, x, y)).bytes, 'orgs');
    expect(features.length).toBeGreaterThan(0);
    for (const f of features) {
      expect(f.type).toBe(1);
      expect(f.properties).toHaveProperty('kind');
      expect(f.properties).toHaveProperty('sector');
    }
  });
});
