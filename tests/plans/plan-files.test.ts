import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanFileRefusal } from '../../server/src/contract/plan-files.ts';
import type { PlanView } from '../../server/src/contract/plans.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { currentGridsFile, largestCommunity } from '../support/communities.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { gdalShapefile, named, zip, type Collection, type Feature } from '../support/gis-files.ts';

/**
 * Plan files on real PostGIS and GDAL: a Shapefile that ogr2ogr writes in GBK with a CGCS2000 .prj
 * imports with its Chinese names; exports open in ogrinfo as WGS 84 with the plan's names and
 * areas; broken files are refused with every problem named and the plan untouched; a GCJ-02 file
 * with ?gcj02=true lands where its WGS-84 original is.
 */
const ctx = usePrivateDatabase('plan_files');
let server: TestServer;
let planner: ApiClient;
let community: string;
let work: string;

/** The community's current grids as GeoJSON features (code, name), as a GIS department would hold them. */
let current: Collection;

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  const top = await largestCommunity(ctx.db);
  community = top.code;
  planner = await signInAs(server.baseUrl, ctx.db, 'planner', top.town);
  current = await currentGridsFile(ctx.db, community, "json_build_object('code', v.grid_code, 'name', v.name || '·导入')");
  work = mkdtempSync(path.join(tmpdir(), 'plan-files-'));
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const headers = (c: ApiClient, extra: Record<string, string>) => ({ cookie: c.cookie, 'x-csrf-token': c.csrfToken, ...extra });

async function openPlan(): Promise<{ id: number; tag: string }> {
  const created = await planner.send<PlanView>('POST', '/api/v1/plans', { community_code: community, title: '文件导入' });
  expect(created.status).toBe(201);
  return { id: created.body.id, tag: created.headers.get('etag')! };
}

async function importFile(plan: { id: number; tag: string }, body: Buffer | string, type: string, query = '') {
  const res = await fetch(`${server.baseUrl}/api/v1/plans/${plan.id}/import${query}`, {
    method: 'POST',
    headers: headers(planner, { 'content-type': type, 'if-match': plan.tag }),
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: JSON.parse(text) as unknown };
}

const geojson = (c: Collection) => Buffer.from(JSON.stringify(c));

/** What an import must leave alone when it refuses a file. */
async function planState(id: number) {
  const { rows } = await ctx.db.query<{ revision: number; edits: number; states: number; state_seq: number }>(
    `select p.revision, p.state_seq, (select count(*)::int from plan_edit e where e.plan_id = p.id) as edits,
            (select count(*)::int from plan_grid_state s where s.plan_id = p.id) as states
     from plan p where p.id = $1`,
    [id],
  );
  return rows[0]!;
}

async function expectRefused(plan: { id: number; tag: string }, body: Buffer, type: string, codes: string[], query = ''): Promise<PlanFileRefusal> {
  const before = await planState(plan.id);
  const answer = await importFile(plan, body, type, query);
  expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(422);
  const refusal = answer.body as PlanFileRefusal;
  expect(refusal.error.code).toBe('plan_file_refused');
  const found = refusal.problems.map((p) => p.code);
  for (const code of codes) expect(found, JSON.stringify(refusal.problems).slice(0, 1000)).toContain(code);
  expect(await planState(plan.id)).toEqual(before);
  return refusal;
}

/** A geometry changed by PostGIS, as GeoJSON. */
async function changed(sql: string, ...geometries: unknown[]): Promise<Feature['geometry']> {
  const { rows } = await ctx.db.query<{ g: Feature['geometry'] }>(
    `select st_asgeojson(${sql}, 9)::json as g`,
    geometries.map((g) => JSON.stringify(g)),
  );
  return rows[0]!.g;
}
const geom = (n: number) => `st_setsrid(st_geomfromgeojson($${n}), 4326)`;

/** Two grids of the community that share a boundary (indexes into current.features). */
async function neighbours(): Promise<[number, number]> {
  const { rows } = await ctx.db.query<{ a: number; b: number }>(
    `with f as (select (o - 1)::int as i, st_setsrid(st_geomfromgeojson(e ->> 'geometry'), 4326) as g
                from jsonb_array_elements($1::jsonb) with ordinality x(e, o))
     select a.i as a, b.i as b from f a join f b on a.i < b.i
     where st_length(st_intersection(st_boundary(a.g), st_boundary(b.g))::geography) > 50 order by a.i, b.i limit 1`,
    [JSON.stringify(current.features)],
  );
  return [rows[0]!.a, rows[0]!.b];
}

const withFeature = (i: number, geometry: Feature['geometry'], properties?: Record<string, unknown>): Collection => ({
  type: 'FeatureCollection',
  features: current.features.map((f, j) => (j === i ? { ...f, geometry, properties: properties ?? f.properties } : f)),
});

describe('importing a plan file', () => {
  it('takes a Shapefile that GDAL wrote in GBK with a CGCS2000 .prj, Chinese names intact, keys kept', async () => {
    const parts = gdalShapefile(path.join(work, 'gbk'), current);
    expect(parts.cpg!.toString().trim()).toMatch(/GBK|936/i);
    expect(parts.prj!.toString()).toMatch(/China|CGCS|2000/i);
    const firstName = String(current.features[0]!.properties.name);
    expect(parts.dbf!.includes(Buffer.from(new TextEncoder().encode(firstName)))).toBe(false); // not UTF-8
    const plan = await openPlan();
    const answer = await importFile(plan, await zip(named(parts)), 'application/zip');
    expect(answer.status, JSON.stringify(answer.body).slice(0, 800)).toBe(200);
    const view = answer.body as PlanView;
    expect(answer.etag).toBe(`"plan-${plan.id}-r${view.revision}"`);
    expect(view.revision).toBeGreaterThan(1);
    const got = Object.fromEntries(view.grids.features.map((f) => [f.id, f.properties.name]));
    expect(got).toEqual(Object.fromEntries(current.features.map((f) => [f.properties.code, f.properties.name])));
    expect(view.validation.filter((v) => ['gap', 'overlap', 'outside_community', 'invalid_geometry'].includes(v.code))).toEqual([]);
    const history = await planner.getJson<{ edits: Array<{ kind: string; params: { format: string; crs: string } }> }>(`/api/v1/plans/${plan.id}/history`);
    expect(history.body.edits.map((e) => e.kind)).toEqual(['import']);
    expect(history.body.edits[0]!.params).toMatchObject({ format: 'shapefile', crs: 'CGCS2000' });
    const { rows } = await ctx.db.query('select action from audit_log where target_kind = $1 and $2 = any(target_ids) order by id', ['plan', plan.id]);
    expect(rows.map((r: { action: string }) => r.action)).toContain('plan.import');

    // an import is an edit like any other: undo brings the grids back
    const undone = await planner.send<PlanView>('POST', `/api/v1/plans/${plan.id}/undo`, undefined, { 'if-match': answer.etag! });
    expect(undone.status).toBe(200);
    expect(undone.body.grids.features.every((f) => !f.properties.name.endsWith('·导入'))).toBe(true);
  });

  it('guesses GBK for a .dbf without .cpg, and names new grids new-<n> (Chinese field names 网格编码/网格名称)', async () => {
    const [a] = await neighbours();
    const renamed: Collection = {
      type: 'FeatureCollection',
      features: current.features.map((f, j) => ({
        ...f,
        properties: { 网格编码: j === a ? null : f.properties.code, 网格名称: j === a ? '新划网格' : f.properties.name },
      })),
    };
    const parts = gdalShapefile(path.join(work, 'nocpg'), renamed);
    delete parts.cpg;
    const plan = await openPlan();
    const answer = await importFile(plan, await zip(named(parts, 'grids')), 'application/zip');
    expect(answer.status, JSON.stringify(answer.body).slice(0, 800)).toBe(200);
    const view = answer.body as PlanView;
    expect(view.grids.features.find((f) => f.id === 'new-1')?.properties.name).toBe('新划网格');
    expect(view.grids.features.map((f) => f.properties.name).sort()).toEqual(renamed.features.map((f) => String(f.properties['网格名称'])).sort());
  });

  it('reads a UTF-8 .dbf whose Chinese field names dBASE cut to 10 bytes (网格编码 → 网格编…), with a WGS-84 .prj', async () => {
    const chinese: Collection = {
      type: 'FeatureCollection',
      features: current.features.map((f) => ({ ...f, properties: { 网格编码: f.properties.code, 网格名称: f.properties.name } })),
    };
    const parts = gdalShapefile(path.join(work, 'utf8'), chinese, 'EPSG:4326', 'UTF-8');
    expect(parts.cpg!.toString().trim()).toMatch(/UTF-8/i);
    const plan = await openPlan();
    const answer = await importFile(plan, await zip(named(parts)), 'application/x-zip-compressed');
    expect(answer.status, JSON.stringify(answer.body).slice(0, 800)).toBe(200);
    const got = Object.fromEntries((answer.body as PlanView).grids.features.map((f) => [f.id, f.properties.name]));
    expect(got).toEqual(Object.fromEntries(current.features.map((f) => [f.properties.code, f.properties.name])));
  });

  it('takes rings wound clockwise (RFC 7946 asks for counter-clockwise, and not to refuse the others), kept counter-clockwise', async () => {
    const reversed: Collection = {
      type: 'FeatureCollection',
      features: await Promise.all(current.features.map(async (f) => ({ ...f, geometry: await changed(`st_forcepolygoncw(${geom(1)})`, f.geometry) }))),
    };
    const { rows: cw } = await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from jsonb_array_elements($1::jsonb) e where st_ispolygoncw(st_geomfromgeojson(e ->> 'geometry'))`,
      [JSON.stringify(reversed.features)],
    );
    expect(cw[0]!.n).toBe(current.features.length);
    const plan = await openPlan();
    const answer = await importFile(plan, geojson(reversed), 'application/geo+json');
    expect(answer.status, JSON.stringify(answer.body).slice(0, 800)).toBe(200);
    const { rows } = await ctx.db.query<{ ccw: boolean; n: number }>(
      `select bool_and(st_ispolygonccw(s.geom)) as ccw, count(*)::int as n
       from plan p join plan_grid_state s on s.plan_id = p.id and s.seq = p.state_seq where p.id = $1`,
      [plan.id],
    );
    expect(rows[0]).toEqual({ ccw: true, n: current.features.length });
    expect((answer.body as PlanView).validation.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('refuses a file without If-Match (428), and one that is not GeoJSON or a zip (415)', async () => {
    const plan = await openPlan();
    expect((await importFile({ ...plan, tag: '' }, geojson(current), 'application/geo+json')).status).toBe(428);
    const wrongType = await importFile(plan, 'code,name', 'text/csv');
    expect(wrongType.status).toBe(415);
    expect((wrongType.body as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('refuses a file for a plan that is no longer a draft (409), and one on a stale ETag (409)', async () => {
    const plan = await openPlan();
    const submitted = await planner.send('POST', `/api/v1/plans/${plan.id}/submit`, { warnings_reason: '文件导入' }, { 'if-match': plan.tag });
    expect(submitted.status).toBe(200);
    const late = await importFile({ id: plan.id, tag: submitted.headers.get('etag')! }, geojson(current), 'application/geo+json');
    expect(late.status).toBe(409);
    expect((late.body as { error: { code: string } }).error.code).toBe('plan_not_editable');
    const stale = await importFile(plan, geojson(current), 'application/geo+json');
    expect(stale.status).toBe(409);
    expect((stale.body as { error: { code: string } }).error.code).toBe('revision_mismatch');
  });

  it('refuses a Shapefile without its .dbf, naming the missing part, and changes nothing', async () => {
    const plan = await openPlan();
    const parts = gdalShapefile(path.join(work, 'nodbf'), current);
    delete parts.dbf;
    const refusal = await expectRefused(plan, await zip(named(parts)), 'application/zip', ['missing_part']);
    expect(refusal.problems.find((p) => p.code === 'missing_part')!.message).toContain('.dbf');
  });

  it('refuses a .prj that is neither WGS-84 nor CGCS2000 (Xian 1980)', async () => {
    const plan = await openPlan();
    await expectRefused(plan, await zip(named(gdalShapefile(path.join(work, 'xian80'), current, 'EPSG:4610'))), 'application/zip', ['unknown_crs']);
  });

  it('refuses a self-intersecting ring with PostGIS’s reason', async () => {
    const plan = await openPlan();
    const [a] = await neighbours();
    const bowtie = await changed(
      `(select st_makepolygon(st_makeline(array[st_point(st_xmin(g), st_ymin(g)), st_point(st_xmax(g), st_ymax(g)), st_point(st_xmax(g), st_ymin(g)),
         st_point(st_xmin(g), st_ymax(g)), st_point(st_xmin(g), st_ymin(g))])) from (select ${geom(1)} as g) x)`,
      current.features[a]!.geometry,
    );
    const refusal = await expectRefused(plan, geojson(withFeature(a, bowtie)), 'application/geo+json', ['invalid_geometry']);
    expect(refusal.problems.find((p) => p.code === 'invalid_geometry')!.message).toMatch(/Self-intersection/i);
    expect(refusal.problems.find((p) => p.code === 'invalid_geometry')!.feature).toBe(a + 1);
  });

  it('refuses a grid outside the community, two overlapping grids and a gap, each named', async () => {
    const [a, b] = await neighbours();
    const A = current.features[a]!.geometry;
    const B = current.features[b]!.geometry;
    const plan = await openPlan();
    const away = await changed(`st_translate(${geom(1)}, 0.2, 0)`, A);
    const outside = await expectRefused(plan, geojson(withFeature(a, away)), 'application/geo+json', ['outside_community', 'gap']);
    expect(outside.problems.find((p) => p.code === 'outside_community')!.feature).toBe(a + 1);

    // A takes a 30 m strip of B: they overlap, and nothing else is wrong
    const greedy = await changed(`st_union(${geom(1)}, st_intersection(st_buffer(${geom(1)}::geography, 30)::geometry, ${geom(2)}))`, A, B);
    const overlap = await expectRefused(plan, geojson(withFeature(a, greedy)), 'application/geo+json', ['overlap']);
    expect(overlap.problems.map((p) => p.code)).toEqual(['overlap']);
    expect(overlap.problems[0]!.geometry).not.toBeNull();

    // A gives up a 30 m strip along B that no grid takes: a gap
    const shy = await changed(`st_difference(${geom(1)}, st_buffer(${geom(2)}::geography, 30)::geometry)`, A, B);
    const gap = await expectRefused(plan, geojson(withFeature(a, shy)), 'application/geo+json', ['gap']);
    expect(gap.problems.map((p) => p.code)).toEqual(['gap']);
  });

  it('reports every problem of a file at once: unknown and repeated codes, a bad ring, a bad name', async () => {
    const plan = await openPlan();
    const features = current.features.map((f) => ({ ...f }));
    features[0] = { ...features[0]!, properties: { code: '510703999999999', name: 'x' } };
    features[1] = { ...features[1]!, properties: { ...features[1]!.properties, code: features[2]!.properties.code } };
    features.push({
      type: 'Feature',
      properties: { name: 'a\u0000b' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104, 31],
            [104.001, 31],
            [104, 31],
          ],
        ],
      },
    });
    const refusal = await expectRefused(plan, geojson({ type: 'FeatureCollection', features }), 'application/geo+json', [
      'unknown_code',
      'duplicate_code',
      'invalid_ring',
      'invalid_name',
    ]);
    expect(refusal.problems.length).toBeGreaterThanOrEqual(4);
  });

  it('converts GCJ-02 coordinates with ?gcj02=true: the grids land where the WGS-84 original is', async () => {
    const toGcj = (c: unknown): unknown =>
      typeof (c as number[])[0] === 'number' ? gcoord.transform(c as [number, number], gcoord.WGS84, gcoord.GCJ02) : (c as unknown[]).map(toGcj);
    const shifted: Collection = {
      type: 'FeatureCollection',
      features: current.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: toGcj(f.geometry.coordinates) } })),
    };
    const plan = await openPlan();
    // unconverted, the file lies hundreds of metres off
    await expectRefused(plan, geojson(shifted), 'application/geo+json', ['outside_community']);
    const answer = await importFile(plan, geojson(shifted), 'application/geo+json', '?gcj02=true');
    expect(answer.status, JSON.stringify(answer.body).slice(0, 800)).toBe(200);
    const { rows } = await ctx.db.query<{ key: string; metres: number }>(
      `select s.key, st_hausdorffdistance(s.geom, v.geom) * 111320 as metres
       from plan_grid_state s join plan p on p.id = s.plan_id and p.state_seq = s.seq
       join grid_version v on v.grid_code = s.key and v.valid_to is null where s.plan_id = $1`,
      [plan.id],
    );
    expect(rows).toHaveLength(current.features.length);
    for (const r of rows) expect(r.metres, r.key).toBeLessThan(3);
  });
});

describe('exporting a plan', () => {
  let plan: { id: number; tag: string };
  let view: PlanView;

  beforeAll(async () => {
    plan = await openPlan();
    const [a] = await neighbours();
    // a plan with a new grid and a renamed one, so that the file carries both kinds of key
    const answer = await importFile(
      plan,
      geojson({
        type: 'FeatureCollection',
        features: current.features.map((f, j) => (j === a ? { ...f, properties: { name: '新建网格甲' } } : f)),
      }),
      'application/geo+json',
    );
    expect(answer.status).toBe(200);
    view = answer.body as PlanView;
  });

  /** Each grid's name and area (m², on the spheroid) as PostGIS measures the plan's current state. */
  async function planAreas(): Promise<Record<string, { name: string; area: number }>> {
    const { rows } = await ctx.db.query<{ key: string; name: string; area: number }>(
      `select s.key, s.name, st_area(s.geom::geography) as area from plan_grid_state s join plan p on p.id = s.plan_id and p.state_seq = s.seq
       where s.plan_id = $1`,
      [plan.id],
    );
    return Object.fromEntries(rows.map((r) => [r.key, { name: r.name, area: r.area }]));
  }

  /** What GDAL reads from a file: its layer summary, and its features back as GeoJSON. */
  function gdalRead(file: string): { summary: string; features: Collection } {
    const summary = execFileSync('ogrinfo', ['-al', '-so', file], { encoding: 'utf8' });
    const features = JSON.parse(
      execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
    ) as Collection;
    return { summary, features };
  }

  async function expectSameGrids(features: Collection) {
    const expected = await planAreas();
    expect(features.features).toHaveLength(Object.keys(expected).length);
    const { rows } = await ctx.db.query<{ code: string; name: string; area: number }>(
      `select e -> 'properties' ->> 'code' as code, e -> 'properties' ->> 'name' as name,
              st_area(st_setsrid(st_geomfromgeojson(e ->> 'geometry'), 4326)::geography) as area
       from jsonb_array_elements($1::jsonb) e`,
      [JSON.stringify(features.features)],
    );
    for (const r of rows) {
      expect(expected[r.code], r.code).toBeDefined();
      expect(r.name).toBe(expected[r.code]!.name);
      expect(Math.abs(r.area - expected[r.code]!.area), r.code).toBeLessThan(0.5);
    }
    expect(rows.map((r) => r.code)).toContain('new-1');
  }

  it('answers GeoJSON that ogrinfo opens, with codes, names, households and the same areas', async () => {
    const res = await planner.get(`/api/v1/plans/${plan.id}/export?format=geojson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.headers.get('content-disposition')).toContain('.geojson');
    const file = path.join(work, `export-${plan.id}.geojson`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const { summary, features } = gdalRead(file);
    expect(summary).toMatch(/WGS 84/);
    expect(summary).toMatch(/households: Integer/);
    await expectSameGrids(features);
    expect(view.grids.features.length).toBe(features.features.length);
  });

  it('answers a zipped Shapefile that ogrinfo opens through /vsizip/ as WGS 84, names in UTF-8', async () => {
    const res = await planner.get(`/api/v1/plans/${plan.id}/export?format=shapefile`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/zip');
    const file = path.join(work, `export-${plan.id}.zip`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const { summary, features } = gdalRead(`/vsizip/${file}`);
    expect(summary).toMatch(/Geometry: Polygon/);
    expect(summary).toMatch(/GEOGCRS\["WGS 84"|GEOGCS\["WGS 84"|WGS 84/);
    expect(summary).toMatch(new RegExp(`Feature Count: ${view.grids.features.length}`));
    expect(summary).toMatch(/name: String/);
    // the names come back as the plan has them: GDAL read the .dbf as the .cpg says (UTF-8)
    await expectSameGrids(features);
  });

  it('imports its own export unchanged: the file round-trips', async () => {
    const res = await planner.get(`/api/v1/plans/${plan.id}/export?format=shapefile`);
    const again = await openPlan();
    const answer = await importFile(again, Buffer.from(await res.arrayBuffer()), 'application/zip');
    expect(answer.status, JSON.stringify(answer.body).slice(0, 800)).toBe(200);
    const names = (answer.body as PlanView).grids.features.map((f) => f.properties.name).sort();
    expect(names).toEqual(view.grids.features.map((f) => f.properties.name).sort());
  });

  it('refuses an unknown format with 400 and a plan out of reach with 404', async () => {
    expect((await planner.getJson(`/api/v1/plans/${plan.id}/export?format=kml`)).status).toBe(400);
    expect((await planner.getJson('/api/v1/plans/999999999/export')).status).toBe(404);
  });
});
