import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, MultiPolygon } from 'geojson';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import type { LocateResult } from '../../server/src/contract/locate.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Polygon = Feature<MultiPolygon, { code: string }>;

async function polygons(sql: string): Promise<Polygon[]> {
  const { rows } = await server.db.query<{ code: string; geojson: string }>(sql);
  return rows.map((r) => ({ type: 'Feature', geometry: JSON.parse(r.geojson) as MultiPolygon, properties: { code: r.code } }));
}

describe('GET /api/v1/locate', () => {
  it('agrees with an independent point-in-polygon check on 1,000 random points', async () => {
    // Full-precision geometries straight from the tables; turf decides containment, not PostGIS.
    const communities = await polygons("select code, st_asgeojson(geom, 15) as geojson from area where level in ('community', 'village')");
    const grids = await polygons('select grid_code as code, st_asgeojson(geom, 15) as geojson from grid_version where valid_to is null');
    const {
      rows: [extent],
    } = await server.db.query<{ xmin: number; ymin: number; xmax: number; ymax: number }>(
      "select st_xmin(e) as xmin, st_ymin(e) as ymin, st_xmax(e) as xmax, st_ymax(e) as ymax from (select st_extent(geom)::geometry as e from area where level = 'county') s",
    );
    const random = seedrandom('locate-1000');
    const points = Array.from(
      { length: 1000 },
      () => [extent!.xmin + random() * (extent!.xmax - extent!.xmin), extent!.ymin + random() * (extent!.ymax - extent!.ymin)] as [number, number],
    );

    let inside = 0;
    const located: Array<[number, number]> = [];
    const centerIds: number[] = [];
    for (const p of points) {
      const pt = point(p);
      const community = communities.find((c) => booleanPointInPolygon(pt, c));
      const grid = grids.find((g) => booleanPointInPolygon(pt, g));
      const res = await server.get(`/api/v1/locate?lng=${p[0]}&lat=${p[1]}`);
      if (!community) {
        expect(res.status, `point ${p} lies outside every community`).toBe(404);
        expect(((await res.json()) as ErrorBody).error.code).toBe('outside_territory');
        continue;
      }
      inside += 1;
      expect(res.status).toBe(200);
      const body = (await res.json()) as LocateResult;
      expect(body.community.code, `community at ${p}`).toBe(community.properties.code);
      expect(body.grid?.code, `grid at ${p}`).toBe(grid?.properties.code);
      expect(body.town.code).toBe(`${community.properties.code.slice(0, 9)}000`);
      expect(body.county.code).toBe(`${community.properties.code.slice(0, 6)}000000`);
      expect(body.grid?.leader?.name).toMatch(/[\u4e00-\u9fff]/);
      located.push(p);
      centerIds.push(body.nearest_service_center!.id);
    }
    // the county is irregular: a fair share of its bounding box lies outside it, the most inside
    expect(inside).toBeGreaterThan(500);
    expect(inside).toBeLessThan(1000);

    // the nearest service center is the brute-force geodesic nearest (no index, spheroid distance)
    const { rows } = await server.db.query<{ id: number }>(
      `select (select pl.id from place pl where pl.kind in ('service_center', 'service_station')
               order by st_distance(pl.geom::geography, st_setsrid(st_makepoint(p.lng, p.lat), 4326)::geography), pl.id
               limit 1) as id
       from unnest($1::float8[], $2::float8[]) with ordinality as p(lng, lat, i) order by i`,
      [located.map((p) => p[0]), located.map((p) => p[1])],
    );
    expect(centerIds).toEqual(rows.map((r) => r.id));
  });

  it('gives the distance to the nearest service center in meters, geodesic', async () => {
    const {
      rows: [c],
    } = await server.db.query<{ lng: number; lat: number }>(
      "select st_x(st_centroid(geom)) as lng, st_y(st_centroid(geom)) as lat from area where level = 'community' order by code limit 1",
    );
    const { body } = await server.getJson<LocateResult>(`/api/v1/locate?lng=${c!.lng}&lat=${c!.lat}`);
    const center = body.nearest_service_center!;
    const {
      rows: [d],
    } = await server.db.query<{ m: number }>(
      'select st_distance(geom::geography, st_setsrid(st_makepoint($1, $2), 4326)::geography, true) as m from place where id = $3',
      [c!.lng, c!.lat, center.id],
    );
    expect(Math.abs(center.distance_m - d!.m)).toBeLessThan(0.1);
    expect(body.grid?.branch?.name).toMatch(/支部/);
  });

  it('answers 404 outside_territory for a point outside every community', async () => {
    const { status, body } = await server.getJson<ErrorBody>('/api/v1/locate?lng=116.39&lat=39.9');
    expect(status).toBe(404);
    expect(body.error.code).toBe('outside_territory');
    expect(body.error.message).toMatch(/outside the territory/);
  });

  it.each([
    ['', 'lng'],
    ['?lng=104.74', 'lat'],
    ['?lng=abc&lat=31.46', 'lng'],
    ['?lng=&lat=31.46', 'lng'],
    ['?lng=104.74&lat=1e999', 'lat'],
    ['?lng=181&lat=31.46', 'lng'],
    ['?lng=104.74&lat=-90.5', 'lat'],
    ['?lng=104.74,1&lat=31.46', 'lng'],
    ['?lng=104.74&lng=104.75&lat=31.46', 'lng'],
    ['?lng=0x10&lat=31.46', 'lng'],
  ])('refuses %s with 400 invalid_query naming %s', async (query, param) => {
    const { status, body } = await server.getJson<ErrorBody>(`/api/v1/locate${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.details?.map((d) => d.path)).toContain(param);
  });
});
