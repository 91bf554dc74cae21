import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { tileAt } from '../support/tiles.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function decode(path: string) {
  const res = await server.get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
  return new VectorTile(new Pbf(new Uint8Array(await res.arrayBuffer())));
}

async function centerOfTerritory(): Promise<[number, number]> {
  const {
    rows: [c],
  } = await server.db.query<{ lng: number; lat: number }>(
    "select st_x(p) as lng, st_y(p) as lat from (select st_pointonsurface(geom) as p from area where level = 'community' order by households desc limit 1) s",
  );
  return [c!.lng, c!.lat];
}

describe('basemap vector tiles', () => {
  it('carry areas with code, name and level', async () => {
    const [lng, lat] = await centerOfTerritory();
    const tile = await decode(`/tiles/areas/${tileAt(lng, lat, 12).join('/')}.mvt`);
    const layer = tile.layers.areas!;
    expect(layer.length).toBeGreaterThan(0);
    const levels = new Set(Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.level));
    expect(levels).toContain('community');
    expect(String(layer.feature(0).properties.code)).toMatch(/^[0-9]{12}$/);
  });

  it('carry grids from zoom 10 and buildings from zoom 14 only', async () => {
    const [lng, lat] = await centerOfTerritory();
    expect((await decode(`/tiles/grids/${tileAt(lng, lat, 9).join('/')}.mvt`)).layers.grids).toBeUndefined();
    expect((await decode(`/tiles/grids/${tileAt(lng, lat, 10).join('/')}.mvt`)).layers.grids!.length).toBeGreaterThan(0);
    const grids = (await decode(`/tiles/grids/${tileAt(lng, lat, 13).join('/')}.mvt`)).layers.grids!;
    expect(grids.length).toBeGreaterThan(0);
    expect(String(grids.feature(0).properties.code)).toMatch(/^[0-9]{15}$/);
    expect((await decode(`/tiles/buildings/${tileAt(lng, lat, 13).join('/')}.mvt`)).layers.buildings).toBeUndefined();
    const buildings = (await decode(`/tiles/buildings/${tileAt(lng, lat, 15).join('/')}.mvt`)).layers.buildings!;
    expect(buildings.length).toBeGreaterThan(0);
  });

  it('carry roads by class', async () => {
    const [lng, lat] = await centerOfTerritory();
    const roads = (await decode(`/tiles/roads/${tileAt(lng, lat, 14).join('/')}.mvt`)).layers.roads!;
    expect(roads.length).toBeGreaterThan(0);
    const classes = new Set(Array.from({ length: roads.length }, (_, i) => roads.feature(i).properties.class));
    for (const c of classes) expect(['primary', 'secondary', 'tertiary', 'residential']).toContain(c);
  });

  it('answer an empty tile far from the territory', async () => {
    const res = await server.get(`/tiles/areas/${tileAt(0, 0, 12).join('/')}.mvt`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it.each([
    ['/tiles/members/12/3255/1681.mvt', 'unknown layer'],
    ['/tiles/areas/23/0/0.mvt', 'zoom above 22'],
    ['/tiles/areas/2/4/0.mvt', 'x beyond 2^z'],
    ['/tiles/areas/2/0/-1.mvt', 'negative y'],
    ['/tiles/areas/a/0/0.mvt', 'non-numeric zoom'],
  ])('refuse %s (%s) with 400 invalid_path', async (path) => {
    const { status, body } = await server.getJson<ErrorBody>(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_path');
  });
});

describe('the new_orgs tile layer', () => {
  it('carries each new-type organization as a point with id, name, kind, status and area, from zoom 10', async () => {
    const {
      rows: [o],
    } = await server.db.query<{ id: string; name: string; lng: number; lat: number; status: string }>(
      'select n.id, n.name, st_x(n.geom) as lng, st_y(n.geom) as lat, c.status from new_org n join new_org_coverage c on c.id = n.id order by n.id limit 1',
    );
    const layer = (await decode(`/tiles/new_orgs/${tileAt(o!.lng, o!.lat, 14).join('/')}.mvt`)).layers.new_orgs!;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const mine = features.find((f) => Number(f.properties.id) === Number(o!.id))!;
    expect(mine.type).toBe(1);
    expect(mine.properties).toMatchObject({ name: o!.name, status: o!.status });
    for (const f of features) expect(['as_rule', 'otherwise', 'members_no_org', 'no_members']).toContain(f.properties.status);
    expect((await decode(`/tiles/new_orgs/${tileAt(o!.lng, o!.lat, 9).join('/')}.mvt`)).layers.new_orgs).toBeUndefined();
  });
});

describe('wish tiles', () => {
  it('carry each wish not withdrawn as a point with its id and status only', async () => {
    const {
      rows: [w],
    } = await server.db.query<{ id: number; lng: number; lat: number }>(
      "select id, st_x(geom) as lng, st_y(geom) as lat from wish where status = 'open' order by id limit 1",
    );
    const layer = (await decode(`/tiles/wishes/${tileAt(w!.lng, w!.lat, 14).join('/')}.mvt`)).layers.wishes!;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    expect(features.map((f) => Number(f.properties.id))).toContain(w!.id);
    for (const f of features) {
      expect(f.type).toBe(1);
      expect(Object.keys(f.properties).sort()).toEqual(['id', 'status']);
      expect(['open', 'claimed', 'fulfilled']).toContain(f.properties.status);
    }
  });
});
