import { afterAll, beforeAll, expect, it } from 'vitest';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * A closed service center serves nobody: the emergency reach of the buildings it was nearest to
 * is measured to the next open one once coverage is refreshed (sql/000027).
 */
const database = usePrivateDatabase('closed-place-coverage');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

it('measures reach to open service centers only once one is closed', async () => {
  const nearest = (
    await server.db.query<{ place_id: number; building_id: number; distance_m: number }>(
      `select pl.id as place_id, r.building_id, r.distance_m
       from building_reach r
       join building b on b.id = r.building_id
       cross join lateral (
         select p.id from place p where p.kind in ('service_center', 'service_station') and p.closed_on is null
         order by p.geom::geography <-> st_pointonsurface(b.geom)::geography limit 1) pl
       order by r.building_id limit 1`,
    )
  ).rows[0]!;
  const closed = await server.admin.send('POST', `/api/v1/places/${nearest.place_id}/close`, { reason: '场地收回' });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);

  await server.db.query('select refresh_coverage()');
  const after = (await server.db.query<{ distance_m: number }>('select distance_m from building_reach where building_id = $1', [nearest.building_id])).rows[0]!;
  const next = (
    await server.db.query<{ d: number }>(
      `select min(st_distance(p.geom::geography, st_pointonsurface(b.geom)::geography)) as d
       from building b, place p
       where b.id = $1 and p.kind in ('service_center', 'service_station') and p.closed_on is null`,
      [nearest.building_id],
    )
  ).rows[0]!;
  expect(after.distance_m).toBeGreaterThan(nearest.distance_m);
  expect(after.distance_m).toBeCloseTo(next.d, 3);
});
