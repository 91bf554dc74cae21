import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GovernanceLayer, PlanFileRefusal } from '../../server/src/contract/plan-files.ts';
import type { PlanView } from '../../server/src/contract/plans.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { largestCommunity, currentGridsFile } from '../support/communities.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { gdalShapefile, named, zip, type Collection } from '../support/gis-files.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * The governance grid layer (综治网格) on real PostGIS and GDAL: a planner loads it from GeoJSON or
 * from a Shapefile GDAL wrote in GBK with a CGCS2000 .prj; a bad layer is refused whole; and every
 * plan of the community is matched against it — the grids that share under 95 % of their area
 * with their best governance grid, by an independent count, are exactly the ones warned about,
 * each with the mismatch drawn.
 */
const ctx = usePrivateDatabase('governance');
let server: TestServer;
let planner: ApiClient;
let community: string;
let work: string;
/** The community's current grids, as the governance department would have drawn the same lines. */
let current: Collection;

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  const top = await largestCommunity(ctx.db);
  community = top.code;
  planner = await signInAs(server.baseUrl, ctx.db, 'planner', top.town);
  current = await currentGridsFile(ctx.db, community, "json_build_object('网格编码', 'ZZ-' || right(v.grid_code, 3), '网格名称', '综治' || v.name)");
  work = mkdtempSync(path.join(tmpdir(), 'governance-'));
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const layerPath = () => `/api/v1/communities/${community}/governance-grids`;

async function load(body: Buffer, type: string) {
  const res = await fetch(`${server.baseUrl}${layerPath()}`, {
    method: 'PUT',
    headers: { cookie: planner.cookie, 'x-csrf-token': planner.csrfToken, 'content-type': type },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const geojson = (c: Collection) => Buffer.from(JSON.stringify(c));

async function openPlan(): Promise<{ view: PlanView; tag: string }> {
  const created = await planner.send<PlanView>('POST', '/api/v1/plans', { community_code: community, title: '对照综治网格' });
  expect(created.status).toBe(201);
  return { view: created.body, tag: created.headers.get('etag')! };
}

/** The plan's grids whose best governance grid shares under 95 % of either's area, counted apart from the validation. */
async function mismatchedGrids(planId: number): Promise<string[]> {
  const { rows } = await ctx.db.query<{ key: string }>(
    `select s.key from plan p join plan_grid_state s on s.plan_id = p.id and s.seq = p.state_seq
     where p.id = $1 and coalesce((
       select max(least(st_area(st_intersection(s.geom, h.geom)::geography) / st_area(s.geom::geography),
                        st_area(st_intersection(s.geom, h.geom)::geography) / st_area(h.geom::geography)))
       from governance_grid h where h.community_code = p.community_code and st_intersects(h.geom, s.geom)), 0) < 0.95
     order by s.key`,
    [planId],
  );
  return rows.map((r) => r.key);
}

const warned = (view: PlanView) =>
  view.validation
    .filter((v) => v.code === 'governance_mismatch')
    .map((v) => v.grid!)
    .sort();

describe('a governance grid layer', () => {
  it('has none loaded at first, and plans are not matched against one', async () => {
    const answer = await planner.getJson<GovernanceLayer>(layerPath());
    expect(answer.status).toBe(200);
    expect(answer.body.loaded).toBeNull();
    expect(answer.body.grids.features).toEqual([]);
    const { view } = await openPlan();
    expect(warned(view)).toEqual([]);
  });

  it('loads from a Shapefile GDAL wrote in GBK with a CGCS2000 .prj, Chinese codes and names intact', async () => {
    const parts = gdalShapefile(path.join(work, 'gbk'), current);
    expect(parts.cpg!.toString().trim()).toMatch(/GBK|936/i);
    const answer = await load(await zip(named(parts, '综治网格')), 'application/zip');
    expect(answer.status, JSON.stringify(answer.body).slice(0, 800)).toBe(200);
    const layer = answer.body as GovernanceLayer;
    expect(layer.loaded).toMatchObject({ format: 'shapefile', crs: 'CGCS2000', gcj02: false });
    expect(layer.grids.features.map((f) => [f.properties.code, f.properties.name])).toEqual(
      current.features.map((f) => [f.properties['网格编码'], f.properties['网格名称']]),
    );
    const { rows } = await ctx.db.query("select count(*)::int as n from audit_log where action = 'governance.import' and scope_code = $1", [community]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('finds a plan of the same lines matching it, and a split grid no longer matching, with the mismatch drawn', async () => {
    const { view, tag } = await openPlan();
    expect(warned(view)).toEqual([]);
    expect(await mismatchedGrids(view.id)).toEqual([]);

    const target = view.grids.features[0]!;
    const { rows } = await ctx.db.query<{ y0: number; y1: number; x: number }>(
      `select st_ymin(g) as y0, st_ymax(g) as y1, st_xmin(g) + (st_xmax(g) - st_xmin(g)) * 0.3 as x from st_setsrid(st_geomfromgeojson($1), 4326) g`,
      [JSON.stringify(target.geometry)],
    );
    const b = rows[0]!;
    const split = await planner.send<PlanView>(
      'POST',
      `/api/v1/plans/${view.id}/edits`,
      {
        kind: 'split',
        grid: target.id,
        line: [
          [b.x, b.y0 - 0.001],
          [b.x, b.y1 + 0.001],
        ],
      },
      { 'if-match': tag },
    );
    expect(split.status, JSON.stringify(split.body).slice(0, 500)).toBe(200);
    const expected = await mismatchedGrids(view.id);
    expect(expected).toContain(target.id);
    expect(expected).toContain('new-1');
    expect(warned(split.body)).toEqual(expected);
    for (const item of split.body.validation.filter((v) => v.code === 'governance_mismatch')) {
      expect(item.severity).toBe('warning');
      expect(item.params.overlap).toBeLessThan(95);
      expect(String(item.params.governance)).toMatch(/^综治/);
      // the drawn mismatch is the ground the grid and its best governance grid do not share
      const { rows: drawn } = await ctx.db.query<{ area: number; expected: number }>(
        `select st_area(st_setsrid(st_geomfromgeojson($1), 4326)::geography) as area,
                (select st_area(st_symdifference(s.geom, h.geom)::geography)
                 from plan p join plan_grid_state s on s.plan_id = p.id and s.seq = p.state_seq
                 join governance_grid h on h.community_code = p.community_code and st_intersects(h.geom, s.geom)
                 where p.id = $2 and s.key = $3 order by st_area(st_intersection(s.geom, h.geom)) desc limit 1) as expected`,
        [JSON.stringify(item.geometry), view.id, item.grid],
      );
      expect(drawn[0]!.area).toBeGreaterThan(1);
      expect(Math.abs(drawn[0]!.area - drawn[0]!.expected)).toBeLessThan(1);
    }
  });

  it('refuses a layer whose grids overlap, with the overlap drawn, and keeps the layer it had', async () => {
    const before = await planner.getJson<GovernanceLayer>(layerPath());
    const grown: Collection = {
      type: 'FeatureCollection',
      features: current.features.map((f, i) => (i === 0 ? { ...f, geometry: { type: 'MultiPolygon', coordinates: [] } } : f)),
    };
    // the first grid grown by 30 m over its neighbours
    const { rows } = await ctx.db.query<{ g: { type: string; coordinates: unknown } }>(
      'select st_asgeojson(st_buffer(st_setsrid(st_geomfromgeojson($1), 4326)::geography, 30)::geometry, 9)::json as g',
      [JSON.stringify(current.features[0]!.geometry)],
    );
    grown.features[0] = { ...current.features[0]!, geometry: rows[0]!.g };
    const answer = await load(geojson(grown), 'application/geo+json');
    expect(answer.status).toBe(422);
    const refusal = answer.body as PlanFileRefusal;
    expect(refusal.error.code).toBe('plan_file_refused');
    expect(refusal.problems.map((p) => p.code)).toContain('overlap');
    expect(refusal.problems.find((p) => p.code === 'overlap')!.geometry).not.toBeNull();
    expect(await planner.getJson<GovernanceLayer>(layerPath())).toMatchObject({ status: 200, body: before.body });
  });

  it('cuts what lies outside the community, and takes a layer that leaves ground out (the validation reports it)', async () => {
    // the first grid left out; the one with the longest stretch of the community's edge grown 30 m outward
    const { rows } = await ctx.db.query<{ i: number; g: { type: string; coordinates: unknown }; inside: number }>(
      `with f as (select (o - 1)::int as i, st_setsrid(st_geomfromgeojson(e ->> 'geometry'), 4326) as g
                  from jsonb_array_elements($1::jsonb) with ordinality x(e, o) where o > 1),
       edge as (select f.i, f.g, a.geom as c from f, area a where a.code = $2
                order by st_length(st_intersection(st_boundary(f.g), st_boundary(a.geom))) desc limit 1)
       select i, st_asgeojson(st_union(g, st_difference(st_buffer(g::geography, 30)::geometry, c)), 9)::json as g,
              st_area(g::geography) as inside
       from edge`,
      [JSON.stringify(current.features), community],
    );
    const grown = rows[0]!;
    const features = current.features.map((f, i) => (i === grown.i ? { ...f, geometry: grown.g } : f)).slice(1);
    const answer = await load(geojson({ type: 'FeatureCollection', features }), 'application/geo+json');
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(200);
    const layer = answer.body as GovernanceLayer;
    expect(layer.grids.features).toHaveLength(current.features.length - 1);
    const { rows: cut } = await ctx.db.query<{ area: number }>('select st_area(st_setsrid(st_geomfromgeojson($1), 4326)::geography) as area', [
      JSON.stringify(layer.grids.features[grown.i - 1]!.geometry),
    ]);
    expect(Math.abs(cut[0]!.area - grown.inside)).toBeLessThan(1);
    const { view } = await openPlan();
    const first = String(current.features[0]!.properties['网格编码']).slice(3);
    const item = view.validation.find((v) => v.code === 'governance_mismatch' && v.grid?.endsWith(first));
    expect(item, JSON.stringify(view.validation.map((v) => [v.code, v.grid]))).toBeDefined();
    expect(warned(view)).toEqual(await mismatchedGrids(view.id));
  });

  it('is removed on request; plans are then matched against none', async () => {
    const removed = await planner.send('DELETE', layerPath());
    expect(removed.status).toBe(204);
    expect((await planner.getJson<GovernanceLayer>(layerPath())).body.loaded).toBeNull();
    expect((await planner.send('DELETE', layerPath())).status).toBe(404);
    const { view } = await openPlan();
    expect(warned(view)).toEqual([]);
  });
});
