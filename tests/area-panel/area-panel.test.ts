import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaPanel } from '../../server/src/contract/area-panel.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * 网格、支部、网格长、阵地: the area panel of the Party-building map, checked against figures this
 * test computes itself from the raw tables (codes compared as strings, points in polygons by turf).
 */
let server: TestServer;
let secretary: ApiClient;
let communityC: string;
let townB: string;

type Point = [number, number];
const rows = async <T>(sql: string, params: unknown[] = []) => (await server.db.query(sql, params)).rows as T[];

beforeAll(async () => {
  server = await startTestServer(undefined, undefined, { workers: false });
  const [c] = await rows<{ code: string }>(
    `select g.community_code as code from grid g where g.retired_at is null group by 1 order by count(*) desc, 1 limit 1`,
  );
  communityC = c!.code;
  const [b] = await rows<{ code: string }>(`select code from area where level = 'town' and code <> $1 order by code desc limit 1`, [
    `${communityC.slice(0, 9)}000`,
  ]);
  townB = b!.code;
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', communityC);
});
afterAll(async () => {
  await server.close();
});

const count = <T>(items: T[], keep: (t: T) => boolean) => items.filter(keep).length;
const byKey = <T>(items: T[], key: (t: T) => string) => items.reduce<Record<string, number>>((acc, t) => ({ ...acc, [key(t)]: (acc[key(t)] ?? 0) + 1 }), {});

async function expected(inArea: (code: string) => boolean, outline: Polygon | MultiPolygon | null, gridCode: string | null) {
  const inside = (p: Point) => outline === null || booleanPointInPolygon(p, outline);
  const orgs = (
    await rows<{ id: string; kind: string; area_code: string; grid_code: string | null }>(
      'select id, kind::text, area_code, grid_code from org where closed_on is null',
    )
  ).filter((o) => (gridCode === null ? inArea(o.area_code) : o.grid_code === gridCode));
  const members = (
    await rows<{ org_area_code: string; home: Point; available: boolean; in_service: boolean; mobile: boolean }>(
      `select org_area_code, array[st_x(home), st_y(home)] as home, available, in_service, mobile from member where left_on is null`,
    )
  ).filter((m) => (gridCode === null ? inArea(m.org_area_code) : inside(m.home)));
  const located = <T extends { area_code: string; at: Point }>(items: T[]) => items.filter((x) => (gridCode === null ? inArea(x.area_code) : inside(x.at)));
  const places = located(
    await rows<{ area_code: string; at: Point; kind: string }>(
      'select area_code, array[st_x(geom), st_y(geom)] as at, kind::text from place where closed_on is null',
    ),
  );
  const newOrgs = located(
    await rows<{ area_code: string; at: Point; kind: string; coverage_mode: string | null }>(
      'select area_code, array[st_x(geom), st_y(geom)] as at, kind::text, coverage_mode::text from new_org',
    ),
  );
  const wishes = located(
    await rows<{ area_code: string; at: Point; status: string }>('select area_code, array[st_x(geom), st_y(geom)] as at, status::text from wish'),
  );
  const cases = (
    await rows<{ community_code: string | null; grid_code: string | null }>(`select community_code, grid_code from "case" where status <> 'closed'`)
  ).filter((c) => (gridCode === null ? c.community_code !== null && inArea(c.community_code) : c.grid_code === gridCode));
  const grids = (
    await rows<{ code: string; community_code: string; outline: Polygon | MultiPolygon }>(
      `select g.code, g.community_code, st_asgeojson(v.geom)::json as outline from grid g join grid_version v on v.grid_code = g.code and v.valid_to is null where g.retired_at is null`,
    )
  ).filter((g) => (gridCode === null ? inArea(g.community_code) : g.code === gridCode));
  const staff = await rows<{ grid_code: string; role: string; name: string }>('select grid_code, role::text, name from grid_staff');
  const allOrgs = await rows<{ grid_code: string | null }>('select grid_code from org where closed_on is null and grid_code is not null');
  const positions = await rows<{ at: Point }>(`select array[st_x(geom), st_y(geom)] as at from place where closed_on is null and kind <> 'center_household'`);
  const rates = (kind: string) => {
    const of = newOrgs.filter((n) => n.kind === kind);
    const formed = count(of, (n) => n.coverage_mode === 'own_branch' || n.coverage_mode === 'joint_branch');
    const covered = count(of, (n) => n.coverage_mode !== null);
    return { total: of.length, formed, covered, formation_rate: of.length ? formed / of.length : null, coverage_rate: of.length ? covered / of.length : null };
  };
  const gridCodes = new Set(grids.map((g) => g.code));
  return {
    orgs: { total: orgs.length, by_kind: { committee: 0, general_branch: 0, branch: 0, group: 0, ...byKey(orgs, (o) => o.kind) } },
    members: {
      total: members.length,
      available: count(members, (m) => m.available),
      in_service: count(members, (m) => m.in_service),
      mobile: count(members, (m) => m.mobile),
    },
    places: { total: places.length, by_kind: byKey(places, (p) => p.kind) },
    grids: {
      total: grids.length,
      with_branch: count(grids, (g) => allOrgs.some((o) => o.grid_code === g.code)),
      with_leader: count(grids, (g) => staff.some((s) => s.grid_code === g.code && s.role === 'grid_leader')),
      with_position: count(grids, (g) => positions.some((p) => booleanPointInPolygon(p.at, g.outline))),
      leader: gridCode === null ? null : (staff.filter((s) => s.grid_code === gridCode && s.role === 'grid_leader').map((s) => ({ name: s.name }))[0] ?? null),
      workers: count(staff, (s) => s.role === 'grid_worker' && gridCodes.has(s.grid_code)),
    },
    new_orgs: { enterprise: rates('enterprise'), social_org: rates('social_org') },
    wishes: {
      open: count(wishes, (w) => w.status === 'open'),
      claimed: count(wishes, (w) => w.status === 'claimed'),
      fulfilled: count(wishes, (w) => w.status === 'fulfilled'),
    },
    cases: { open: cases.length },
  };
}

describe('GET /api/v1/areas/:code/panel', () => {
  it("equals an independent count of the town's organizations, members, positions, grids, new-type organizations, wishes and cases", async () => {
    const town = `${communityC.slice(0, 9)}000`;
    const answer = await server.getJson<AreaPanel>(`/api/v1/areas/${town}/panel`);
    expect(answer.status).toBe(200);
    const want = await expected((code) => code.startsWith(town.slice(0, 9)), null, null);
    expect(answer.body).toMatchObject({ kind: 'area', code: town, level: 'town', ...want });
    expect(answer.body.orgs.items.length).toBe(Math.min(20, want.orgs.total));
    expect(answer.body.grids.total).toBeGreaterThan(0);
  });

  it('answers a secretary for her community and never names a center household; her town is out of scope', async () => {
    const answer = await secretary.getJson<AreaPanel>(`/api/v1/areas/${communityC}/panel`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject(await expected((code) => code === communityC, null, null));
    expect(answer.body.places.items.every((p) => p.kind !== 'center_household')).toBe(true);
    expect((await secretary.getJson(`/api/v1/areas/${communityC.slice(0, 9)}000/panel`)).status).toBe(404);
    expect((await secretary.getJson(`/api/v1/areas/${townB}/panel`)).status).toBe(404);
  });
});

describe('GET /api/v1/grids/:code/panel', () => {
  it('equals an independent count of what lies inside the grid, with its branch and its leader', async () => {
    const [grid] = await rows<{ code: string; outline: Polygon | MultiPolygon }>(
      `select g.code, st_asgeojson(v.geom)::json as outline from grid g join grid_version v on v.grid_code = g.code and v.valid_to is null
       where g.community_code = $1 and exists (select 1 from org o where o.grid_code = g.code) order by g.code limit 1`,
      [communityC],
    );
    const answer = await secretary.getJson<AreaPanel>(`/api/v1/grids/${grid!.code}/panel`);
    expect(answer.status).toBe(200);
    const want = await expected(() => false, grid!.outline, grid!.code);
    expect(answer.body).toMatchObject({ kind: 'grid', code: grid!.code, level: 'grid', parent: { code: communityC }, ...want });
    expect(answer.body.grids).toMatchObject({ total: 1, with_branch: 1 });
    expect(answer.body.members.total).toBeGreaterThan(0);
  });

  it('answers 404 for a grid of another town, and for an unknown grid', async () => {
    const [other] = await rows<{ code: string }>('select min(code) as code from grid where community_code like $1', [`${townB.slice(0, 9)}%`]);
    expect((await secretary.getJson(`/api/v1/grids/${other!.code}/panel`)).status).toBe(404);
    expect((await server.getJson(`/api/v1/grids/${'9'.repeat(15)}/panel`)).status).toBe(404);
  });
});
