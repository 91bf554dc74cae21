import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridHistory } from '../../server/src/contract/grids.ts';
import type { LocateResult } from '../../server/src/contract/locate.ts';
import type { PlanView } from '../../server/src/contract/plans.ts';
import { signInAs, type Answer, type ApiClient } from '../support/api-client.ts';
import { largestCommunity } from '../support/communities.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { planGridsSql } from '../support/plan-sql.ts';

/**
 * A plan's life through the API on real PostGIS: a planner opens a draft for the most populous
 * community, splits, merges, paints and moves a vertex, undoes and redoes, submits; an admin
 * approves it for today and the grids change. After every edit the coverage is checked with
 * independent PostGIS queries on what the API answered.
 */
const ctx = usePrivateDatabase('plans_api');
let server: TestServer;
let planner: ApiClient;
let community: string;
let otherTown: string;

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  const top = await largestCommunity(ctx.db);
  community = top.code;
  otherTown = (await ctx.db.query<{ code: string }>("select code from area where level = 'town' and code <> $1 order by code limit 1", [top.town])).rows[0]!
    .code;
  planner = await signInAs(server.baseUrl, ctx.db, 'planner', top.town);
});
afterAll(async () => {
  await server.close();
});

type Feature = PlanView['grids']['features'][number];

/** Independent checks of the answered grids against the community, in PostGIS. */
async function coverage(view: PlanView): Promise<{ gapM2: number; overlapM2: number }> {
  const { rows } = await ctx.db.query<{ gap: number; overlap: number }>(
    `with g as (select key, st_setsrid(st_geomfromgeojson(f ->> 'geometry'), 4326) as geom, f ->> 'id' as key_
                from jsonb_array_elements($1::jsonb) f, lateral (select f ->> 'id' as key) k)
     select st_area(st_symdifference((select st_union(geom) from g), (select geom from area where code = $2))::geography) as gap,
            coalesce((select sum(st_area(st_intersection(a.geom, b.geom)::geography)) from g a join g b on a.key < b.key and st_intersects(a.geom, b.geom)), 0) as overlap`,
    [JSON.stringify(view.grids.features), community],
  );
  return { gapM2: rows[0]!.gap, overlapM2: rows[0]!.overlap };
}

async function expectClean(view: PlanView) {
  const { gapM2, overlapM2 } = await coverage(view);
  expect(gapM2).toBeLessThan(1);
  expect(overlapM2).toBeLessThan(1);
  expect(view.validation.filter((v) => ['gap', 'overlap', 'outside_community', 'invalid_geometry'].includes(v.code))).toEqual([]);
}

const etag = (a: Answer<unknown>) => a.headers.get('etag')!;

async function edit(id: number, tag: string, body: unknown): Promise<Answer<PlanView>> {
  return planner.send<PlanView>('POST', `/api/v1/plans/${id}/edits`, body, { 'if-match': tag });
}

describe('a grid plan through the API', () => {
  let id: number;
  let tag: string;
  let view: PlanView;

  it('opens a draft on the community’s current grids, with validation and impact', async () => {
    const created = await planner.send<PlanView>('POST', '/api/v1/plans', { community_code: community, title: '2027年网格调整' });
    expect(created.status).toBe(201);
    ({ body: view } = created);
    id = view.id;
    tag = etag(created);
    const { rows } = await ctx.db.query<{ n: number }>(
      'select count(*)::int as n from grid_version v join grid g on g.code = v.grid_code where g.community_code = $1 and v.valid_to is null',
      [community],
    );
    expect(view.grids.features).toHaveLength(rows[0]!.n);
    expect(view.status).toBe('draft');
    expect(view.impact.moves).toEqual([]);
    await expectClean(view);
  });

  it('splits a grid along a line across it: a new grid, the coverage still clean', async () => {
    const target = view.grids.features[0]!;
    const { rows } = await ctx.db.query<{ x0: number; x1: number; y0: number; y1: number; cx: number }>(
      `select st_xmin(g) as x0, st_xmax(g) as x1, st_ymin(g) as y0, st_ymax(g) as y1, st_x(st_pointonsurface(g)) as cx
       from st_setsrid(st_geomfromgeojson($1), 4326) g`,
      [JSON.stringify(target.geometry)],
    );
    const b = rows[0]!;
    const split = await edit(id, tag, {
      kind: 'split',
      grid: target.id,
      line: [
        [b.cx, b.y0 - 0.001],
        [b.cx, b.y1 + 0.001],
      ],
      name: '新建网格',
    });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    view = split.body;
    tag = etag(split);
    expect(view.grids.features.map((f) => f.id)).toContain('new-1');
    expect(view.grids.features.find((f) => f.id === 'new-1')!.properties.name).toBe('新建网格');
    await expectClean(view);
    expect(view.impact.moves.some((m) => m.what === 'buildings' && m.from === target.id && m.to === 'new-1')).toBe(true);
    // the new grid has no leader yet: a warning, which a submission must give a reason for
    expect(view.validation.some((v) => v.code === 'no_leader' && v.grid === 'new-1')).toBe(true);
    const noReason = await planner.send<{ error: { code: string } }>('POST', `/api/v1/plans/${id}/submit`, {}, { 'if-match': tag });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.code).toBe('warnings_need_reason');
  });

  it('refuses a write on a stale revision with 409, and one without If-Match with 428', async () => {
    const stale = await planner.send('POST', `/api/v1/plans/${id}/edits`, { kind: 'rename', grid: 'new-1', name: 'x' }, { 'if-match': `"plan-${id}-r1"` });
    expect(stale.status).toBe(409);
    expect((stale.body as { error: { code: string } }).error.code).toBe('revision_mismatch');
    const none = await planner.send('POST', `/api/v1/plans/${id}/edits`, { kind: 'rename', grid: 'new-1', name: 'x' });
    expect(none.status).toBe(428);
  });

  it('refuses a line that does not cross the grid, and leaves the plan as it was', async () => {
    const target = view.grids.features[1]!;
    const before = view.revision;
    const { rows } = await ctx.db.query<{ x: number; y: number }>(
      'select st_x(p) as x, st_y(p) as y from st_pointonsurface(st_setsrid(st_geomfromgeojson($1), 4326)) p',
      [JSON.stringify(target.geometry)],
    );
    const refused = await edit(id, tag, {
      kind: 'split',
      grid: target.id,
      line: [
        [rows[0]!.x, rows[0]!.y],
        [rows[0]!.x + 1e-6, rows[0]!.y + 1e-6],
      ],
    });
    expect(refused.status).toBe(422);
    expect((refused.body as unknown as { error: { code: string } }).error.code).toBe('edit_refused');
    const again = await planner.getJson<PlanView>(`/api/v1/plans/${id}`);
    expect(again.body.revision).toBe(before);
  });

  it('merges two neighbours, paints a compound, moves a shared vertex — each clean', async () => {
    // the new grid back into a neighbour that shares a boundary with it
    const { rows: neighbours } = await ctx.db.query<{ key: string }>(
      `with ${planGridsSql()}
       select b.key from g a join g b on a.key = 'new-1' and b.key <> a.key
       where st_length(st_intersection(st_boundary(a.geom), st_boundary(b.geom))::geography) > 1 order by b.key limit 1`,
      [JSON.stringify(view.grids.features)],
    );
    const merged = await edit(id, tag, { kind: 'merge', kept: neighbours[0]!.key, absorbed: 'new-1' });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    ({ body: view } = merged);
    tag = etag(merged);
    expect(view.grids.features.map((f) => f.id)).not.toContain('new-1');
    await expectClean(view);

    // the compound nearest another grid (set back a few metres from it), painted into it
    const { rows: paint } = await ctx.db.query<{ compound: number; target: string }>(
      `with ${planGridsSql()}
       select k.id::int as compound, g2.key as target
       from compound k join g g1 on st_within(st_pointonsurface(k.geom), g1.geom)
       join g g2 on g2.key <> g1.key and st_length(st_intersection(st_boundary(g1.geom), st_boundary(g2.geom))::geography) > 20
       where k.community_code = $2
         -- the ground between the compound and its neighbour lies in the compound's own grid
         and st_covers(st_buffer(g1.geom, 1e-6), st_shortestline(k.geom, g2.geom))
       order by st_distance(k.geom::geography, g2.geom::geography), k.id limit 1`,
      [JSON.stringify(view.grids.features), community],
    );
    const painted = await edit(id, tag, { kind: 'paint', target: paint[0]!.target, compound_id: paint[0]!.compound });
    expect(painted.status, JSON.stringify(painted.body)).toBe(200);
    ({ body: view } = painted);
    tag = etag(painted);
    await expectClean(view);
    // the target stays one piece: the ground between it and the compound went along
    expect(view.validation.filter((v) => v.code === 'disconnected')).toEqual([]);

    // a vertex inside a boundary two grids share, moved a few metres
    const { rows: shared } = await ctx.db.query<{ x: number; y: number }>(
      `with ${planGridsSql()}
       select st_x(p.geom) as x, st_y(p.geom) as y
       from g a join g b on a.key < b.key, st_dumppoints(st_linemerge(st_intersection(st_boundary(a.geom), st_boundary(b.geom)))) p
       where st_dimension(st_intersection(st_boundary(a.geom), st_boundary(b.geom))) = 1
         and not st_dwithin(p.geom::geography, st_boundary((select geom from area where code = $2))::geography, 10)
       limit 1`,
      [JSON.stringify(view.grids.features), community],
    );
    const moved = await edit(id, tag, { kind: 'move_vertex', from: [shared[0]!.x, shared[0]!.y], to: [shared[0]!.x + 0.00003, shared[0]!.y + 0.00002] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    ({ body: view } = moved);
    tag = etag(moved);
    await expectClean(view);
  });

  it('counts impact as an independent point-in-polygon count does', async () => {
    const { rows } = await ctx.db.query<{ key: string; members: number; buildings: number; households: number }>(
      `with ${planGridsSql()}
       select g.key,
              (select count(*)::int from member m where st_intersects(m.home, g.geom)) as members,
              (select count(*)::int from building b where b.community_code = $2 and st_intersects(st_pointonsurface(b.geom), g.geom)) as buildings,
              (select coalesce(sum(b.households), 0)::int from building b where b.community_code = $2 and st_intersects(st_pointonsurface(b.geom), g.geom)) as households
       from g`,
      [JSON.stringify(view.grids.features), community],
    );
    for (const r of rows) {
      const after = (what: string) => view.impact.totals.find((t) => t.grid === r.key && t.what === what)?.after ?? 0;
      expect(after('members'), `members of ${r.key}`).toBe(r.members);
      expect(after('buildings'), `buildings of ${r.key}`).toBe(r.buildings);
      expect(after('households'), `households of ${r.key}`).toBe(r.households);
      expect(view.grids.features.find((f: Feature) => f.id === r.key)!.properties.households).toBe(r.households);
    }
  });

  it('undoes and redoes: the grids go back to the state before, then forward again', async () => {
    const afterMove = JSON.stringify(view.grids);
    const undone = await planner.send<PlanView>('POST', `/api/v1/plans/${id}/undo`, undefined, { 'if-match': tag });
    expect(undone.status).toBe(200);
    expect(JSON.stringify(undone.body.grids)).not.toBe(afterMove);
    expect(undone.body.can_redo).toBe(true);
    const redone = await planner.send<PlanView>('POST', `/api/v1/plans/${id}/redo`, undefined, { 'if-match': etag(undone) });
    expect(redone.status).toBe(200);
    await expectClean(redone.body);
    expect(redone.body.can_redo).toBe(false);
    ({ body: view } = redone);
    tag = etag(redone);
    const history = await planner.getJson<{ edits: Array<{ kind: string; undone_at: string | null }> }>(`/api/v1/plans/${id}/history`);
    expect(history.body.edits.map((e) => e.kind)).toEqual(['split', 'merge', 'paint', 'move_vertex']);
    expect(history.body.edits.every((e) => e.undone_at === null)).toBe(true);
  });

  it('submits with a reason for its warnings; an admin approves it for today and it is published', async () => {
    const submitted = await planner.send<PlanView>(
      'POST',
      `/api/v1/plans/${id}/submit`,
      { warnings_reason: '小区整体划入相邻网格，户数待下次调整' },
      { 'if-match': tag },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    const notAnAdmin = await planner.send('POST', `/api/v1/plans/${id}/approve`, { effective_on: '2026-12-01' }, { 'if-match': etag(submitted) });
    expect(notAnAdmin.status).toBe(403);

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const approved = await server.admin.send<PlanView>('POST', `/api/v1/plans/${id}/approve`, { effective_on: today }, { 'if-match': etag(submitted) });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('published');

    // the current grids are the plan's; the moved vertex's grid has a new version made by the plan
    const { rows } = await ctx.db.query<{ code: string; plan_id: number | null }>(
      'select v.grid_code as code, v.plan_id::int as plan_id from grid_version v join grid g on g.code = v.grid_code where g.community_code = $1 and v.valid_to is null order by 1',
      [community],
    );
    expect(rows.map((r) => r.code)).toEqual(view.grids.features.map((f) => f.id).sort());
    expect(rows.some((r) => r.plan_id === id)).toBe(true);
    const changed = rows.find((r) => r.plan_id === id)!.code;
    const history = await server.admin.getJson<GridHistory>(`/api/v1/grids/${changed}/history`);
    expect(history.body.versions.features[0]!.properties.plan_id).toBe(id);
    expect(history.body.versions.features[1]!.properties.valid_to).not.toBeNull();
  });

  it('locate answers the new grid now and the old one for yesterday, where a compound was painted', async () => {
    const { rows } = await ctx.db.query<{ x: number; y: number; old: string; now: string }>(
      `select st_x(p) as x, st_y(p) as y, o.grid_code as old, n.grid_code as now
       from compound k, st_pointonsurface(k.geom) p
       join grid_version o on o.valid_to is not null and st_intersects(o.geom, p)
       join grid_version n on n.valid_to is null and st_intersects(n.geom, p)
       where k.community_code = $1 and o.grid_code <> n.grid_code limit 1`,
      [community],
    );
    expect(rows.length).toBe(1);
    const r = rows[0]!;
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const then = await server.admin.getJson<LocateResult>(`/api/v1/locate?lng=${r.x}&lat=${r.y}&at=${yesterday}`);
    const now = await server.admin.getJson<LocateResult>(`/api/v1/locate?lng=${r.x}&lat=${r.y}`);
    expect(then.body.grid?.code).toBe(r.old);
    expect(now.body.grid?.code).toBe(r.now);
  });

  it('gives a grid a plan creates the community’s next unused number, and never an old one', async () => {
    const created = await planner.send<PlanView>('POST', '/api/v1/plans', { community_code: community, title: '拆分' });
    const target = created.body.grids.features[0]!;
    const { rows } = await ctx.db.query<{ y0: number; y1: number; cx: number; top: number }>(
      `select st_ymin(g) as y0, st_ymax(g) as y1, st_x(st_pointonsurface(g)) as cx,
              (select max(right(code, 3)::int) from grid where community_code = $2) as top
       from st_setsrid(st_geomfromgeojson($1), 4326) g`,
      [JSON.stringify(target.geometry), community],
    );
    const b = rows[0]!;
    const split = await edit(created.body.id, etag(created), {
      kind: 'split',
      grid: target.id,
      line: [
        [b.cx, b.y0 - 0.001],
        [b.cx, b.y1 + 0.001],
      ],
    });
    expect(split.status).toBe(200);
    const submitted = await planner.send<PlanView>(
      'POST',
      `/api/v1/plans/${created.body.id}/submit`,
      { warnings_reason: '新网格长待任命' },
      { 'if-match': etag(split) },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const approved = await server.admin.send<PlanView>(
      'POST',
      `/api/v1/plans/${created.body.id}/approve`,
      { effective_on: today },
      { 'if-match': etag(submitted) },
    );
    expect(approved.body.status).toBe('published');
    const expected = `${community}${String(b.top + 1).padStart(3, '0')}`;
    const history = await server.admin.getJson<GridHistory>(`/api/v1/grids/${expected}/history`);
    expect(history.status).toBe(200);
    expect(history.body.versions.features[0]!.properties.name).toBe('新网格1');
  });

  it('keeps plans to their scope and roles', async () => {
    const outside = await planner.send('POST', '/api/v1/plans', { community_code: `${otherTown.slice(0, 9)}001`, title: 't' });
    expect(outside.status).toBe(404);
    const secretary = await signInAs(server.baseUrl, ctx.db, 'secretary', community);
    expect((await secretary.getJson(`/api/v1/plans/${id}`)).status).toBe(403);
    const otherPlanner = await signInAs(server.baseUrl, ctx.db, 'planner', otherTown);
    expect((await otherPlanner.getJson(`/api/v1/plans/${id}`)).status).toBe(404);
  });
});
