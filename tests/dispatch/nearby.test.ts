import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NearbyResult } from '../../server/src/contract/dispatch.ts';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let dispatcher: ApiClient;
beforeAll(async () => {
  server = await startTestServer(undefined, undefined, { workers: false });
  dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', demoCounty);
});
afterAll(async () => {
  await server.close();
});

/** Every member, no index: geodesic (spheroid) distance, nearest first, ties by id. */
async function bruteForce(lng: number, lat: number, radius: number, limit: number, skills: string[] = []) {
  const { rows } = await server.db.query<{ id: number; d: number }>(
    `select id, d from (
       select id, st_distance(home::geography, st_setsrid(st_makepoint($1, $2), 4326)::geography, true) as d
       from member where available and skills @> $5::text[]
     ) s where d <= $3 order by d, id limit $4`,
    [lng, lat, radius, limit, skills],
  );
  return rows;
}

describe('GET /api/v1/members/nearby', () => {
  it('equals a brute-force geodesic ranking on 500 random incident points (ids, order, distances)', async () => {
    const {
      rows: [e],
    } = await server.db.query<{ xmin: number; ymin: number; xmax: number; ymax: number }>(
      "select st_xmin(g) as xmin, st_ymin(g) as ymin, st_xmax(g) as xmax, st_ymax(g) as ymax from (select geom::box2d::geometry as g from area where level = 'county') s",
    );
    const random = seedrandom('nearby-500');
    let compared = 0;
    for (let i = 0; i < 500; i += 1) {
      // half in the dense core (ties and crowds), half anywhere in the county
      const core = i % 2 === 0;
      const lng = core ? 104.735 + random() * 0.02 : e!.xmin + random() * (e!.xmax - e!.xmin);
      const lat = core ? 31.455 + random() * 0.015 : e!.ymin + random() * (e!.ymax - e!.ymin);
      const radius = [300, 1000, 2500][i % 3]!;
      const limit = [10, 50][i % 2]!;
      const { status, body } = await dispatcher.getJson<NearbyResult>(`/api/v1/members/nearby?lng=${lng}&lat=${lat}&radius=${radius}&limit=${limit}`);
      expect(status).toBe(200);
      const expected = await bruteForce(lng, lat, radius, limit);
      expect(
        body.members.map((m) => m.id),
        `at ${lng},${lat} r=${radius}`,
      ).toEqual(expected.map((r) => r.id));
      body.members.forEach((m, k) => expect(Math.abs(m.distance_m - expected[k]!.d)).toBeLessThan(0.5));
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(5000);
  }, 300_000);

  it('filters by skills like the brute force', async () => {
    const { body } = await dispatcher.getJson<NearbyResult>('/api/v1/members/nearby?lng=104.742&lat=31.462&radius=2000&limit=20&skills=first_aid');
    const expected = await bruteForce(104.742, 31.462, 2000, 20, ['first_aid']);
    expect(expected.length).toBeGreaterThan(0);
    expect(body.members.map((m) => m.id)).toEqual(expected.map((r) => r.id));
    for (const m of body.members) expect(m.skills).toContain('first_aid');
  });

  it('is served by the geometry GiST index: a KNN scan, then an index scan of a small box', async () => {
    // nearest_members is a single-statement SQL function, so PostgreSQL inlines it into the plan
    const { rows } = await server.db.query<{ 'QUERY PLAN': string }>(
      "explain (costs off) select * from nearest_members(104.74, 31.46, 1000, 50, true, '{}', array['510703'], array['510704'], null, null)",
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Order By: \(home <->/);
    expect(plan.match(/Index Scan using member_home_idx/g)?.length).toBe(2);
    expect(plan).not.toMatch(/Seq Scan on member/);
  });

  it('gives exact positions to dispatchers and audits the read with every member id', async () => {
    const { body } = await dispatcher.getJson<NearbyResult>('/api/v1/members/nearby?lng=104.74&lat=31.46&radius=500&limit=5');
    expect(body.members.every((m) => m.position !== null)).toBe(true);
    const { rows } = await server.db.query<{ ids: number[] }>(
      "select target_ids::float8[] as ids from audit_log where action = 'member.read_exact' and detail->>'purpose' = 'nearby' order by id desc limit 1",
    );
    expect(rows[0]!.ids).toEqual(body.members.map((m) => m.id));
  });

  it('gives secretaries names and distances but no positions, and refuses planners', async () => {
    const secretary = await signInAs(server.baseUrl, server.db, 'secretary', demoCounty);
    const { body } = await secretary.getJson<NearbyResult>('/api/v1/members/nearby?lng=104.74&lat=31.46&radius=500&limit=5');
    expect(body.members.length).toBe(5);
    expect(body.members.every((m) => m.position === null)).toBe(true);
    const planner = await signInAs(server.baseUrl, server.db, 'planner', demoCounty);
    expect((await planner.getJson('/api/v1/members/nearby?lng=104.74&lat=31.46')).status).toBe(403);
  });

  it.each([
    ['lng=abc&lat=31.46', 'lng'],
    ['lng=104.74', 'lat'],
    ['lng=104.74&lat=31.46&radius=0', 'radius'],
    ['lng=104.74&lat=31.46&radius=50000', 'radius'],
    ['lng=104.74&lat=31.46&limit=501', 'limit'],
    ['lng=104.74&lat=31.46&limit=2.5', 'limit'],
    ['lng=104.74&lat=31.46&available=maybe', 'available'],
    ['lng=104.74&lat=31.46&skills=First Aid', 'skills'],
  ])('refuses %s with 400 naming %s', async (query, param) => {
    const { status, body } = await dispatcher.getJson<ErrorBody>(`/api/v1/members/nearby?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.details?.map((d) => d.path)).toContain(param);
  });
});
