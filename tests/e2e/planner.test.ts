import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { LocateResult } from '../../server/src/contract/locate.ts';
import type { PlanView } from '../../server/src/contract/plans.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage } from './sign-in-page.ts';
import { planGridsSql } from '../support/plan-sql.ts';

/**
 * The grid planner in a real Chromium: a planner opens the most populous community, starts a draft,
 * drags a shared vertex, splits a grid along a drawn line, paints a compound into its neighbour and
 * redraws part of a shared boundary (terra-draw and the map driven by mouse events), undoes and
 * redoes, submits; an admin reviews and approves it for today, and the map and locate answer with
 * the new grids.
 */
const ctx = usePrivateDatabase('planner_e2e');
let server: TestServer;
let browser: Browser;
let page: Page;
let community: string;
let town: string;
let originalCodes: string[];
const planner = { username: 'e2e_planner', password: 'e2e planner password', display_name: '规划测试员' };
const reviewer = { username: 'e2e_admin', password: 'e2e admin password', display_name: '审核测试员' };

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  const { rows } = await ctx.db.query<{ code: string; parent_code: string }>(
    "select code, parent_code from area where level = 'community' order by households desc limit 1",
  );
  community = rows[0]!.code;
  town = rows[0]!.parent_code;
  originalCodes = (await ctx.db.query<{ code: string }>('select code from grid where community_code = $1 order by code', [community])).rows.map((r) => r.code);
  await createUser(ctx.db, { ...planner, role: 'planner', scope: town });
  await createUser(ctx.db, { ...reviewer, role: 'admin', scope: demoCounty });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1200 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Position = [number, number];

/** The plan as the server has it now. */
async function planNow(id: number): Promise<PlanView> {
  const answer = await server.getJson<PlanView>(`/api/v1/plans/${id}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Waits until the map shows the plan at a revision after `after`, and answers that revision. */
async function waitForRevision(p: Page, id: number, after: number): Promise<number> {
  await p.waitForFunction(
    ([planId, previous]) => {
      const match = /^(\d+)-r(\d+)$/.exec(document.body.dataset.planRevision ?? '');
      return match !== null && Number(match[1]) === planId && Number(match[2]) > previous;
    },
    [id, after] as const,
    { timeout: 30_000 },
  );
  return Number((await p.getAttribute('[data-testid=plan-heading]', 'data-revision'))!);
}

/** Page pixels of map positions (the map's own projection). */
async function pixels(p: Page, positions: Position[]): Promise<Position[]> {
  const box = (await p.locator('.planner-map .maplibregl-canvas').boundingBox())!;
  const local = await p.evaluate((list) => list.map((lngLat) => window.__redgridMap!.project(lngLat)).map((pt): [number, number] => [pt.x, pt.y]), positions);
  return local.map(([x, y]) => [box.x + x, box.y + y]);
}

/** Map positions of page pixels. */
async function positions(p: Page, points: Position[]): Promise<Position[]> {
  const box = (await p.locator('.planner-map .maplibregl-canvas').boundingBox())!;
  const local = points.map(([x, y]): Position => [x - box.x, y - box.y]);
  return p.evaluate((list) => list.map((xy) => window.__redgridMap!.unproject(xy).toArray()), local);
}

async function householdsOf(p: Page, grid: string): Promise<number> {
  return Number(await p.getAttribute(`[data-testid=household-bar][data-grid="${grid}"]`, 'data-households'));
}

const sql = {
  grids: `with ${planGridsSql()}`,
};

describe('the grid planner', () => {
  let id: number;
  let revision: number;

  it('opens the most populous community and starts a draft on its current grids', async () => {
    await signInThroughPage(page, server.baseUrl, '/planner?test=1', planner);
    expect(await page.getByTestId('nav-planner').textContent()).toBe('网格规划');
    // a town's planner starts on his town
    await page.locator(`[data-testid=planner-town] option[value="${town}"]`).waitFor({ state: 'attached' });
    expect(await page.getByTestId('planner-town').inputValue()).toBe(town);
    await page.getByTestId('planner-town').selectOption(town);
    await page.locator(`[data-testid=planner-community] option[value="${community}"]`).waitFor({ state: 'attached' });
    // the communities are listed most households first
    expect(await page.locator('[data-testid=planner-community] option').nth(1).getAttribute('value')).toBe(community);
    await page.getByTestId('planner-community').selectOption(community);
    await page.getByTestId('plan-list').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'planner-list.png') });
    await page.getByTestId('plan-title').fill('2027年网格调整（测试）');
    await page.getByTestId('plan-create').click();
    await page.waitForURL((url) => url.searchParams.get('plan') !== null);
    id = Number(new URL(page.url()).searchParams.get('plan'));
    revision = await waitForRevision(page, id, -1);
    expect(await page.getByTestId('plan-status').textContent()).toBe('草案');
    expect(await page.getByTestId('household-bar').count()).toBe(originalCodes.length);
    expect(await page.getByTestId('plan-undo').isDisabled()).toBe(true);
  });

  it('drags a vertex two grids share across a building: both grids, their bars and the impact follow', async () => {
    const view = await planNow(id);
    // a vertex on a boundary two grids share, away from the community's edge, and where to drag it:
    // part of the way towards the inside of one of them, where every outline stays valid and the
    // moved boundary sweeps over a building with households (the compound's outline inside that grid
    // gives way), checked here on the outlines with the vertex replaced
    const { rows } = await ctx.db.query<{ a: string; b: string; x: number; y: number; ax: number; ay: number; tx: number; ty: number }>(
      `${sql.grids},
       v as (
         select distinct on (p.geom) a.key as a, b.key as b, p.geom, st_pointonsurface(a.geom) as pa, st_pointonsurface(b.geom) as pb,
                replace(replace(st_astext(p.geom), 'POINT(', ''), ')', '') as xy
         from g a join g b on a.key < b.key, st_dumppoints(st_linemerge(st_intersection(st_boundary(a.geom), st_boundary(b.geom)))) p
         where st_dimension(st_intersection(st_boundary(a.geom), st_boundary(b.geom))) = 1
           and not st_dwithin(p.geom::geography, st_boundary((select geom from area where code = $2))::geography, 30)),
       d as (select a, b, geom, pa, pb, xy from v union all select b, a, geom, pb, pa, xy from v),
       c as (
         select d.*, f, st_setsrid(st_makepoint(st_x(d.geom) + (st_x(d.pb) - st_x(d.geom)) * f, st_y(d.geom) + (st_y(d.pb) - st_y(d.geom)) * f), 4326) as t
         from d, unnest(array[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) f),
       m as (
         select c.a, c.b, c.f, c.geom, c.pa, c.t, g.key, g.geom as old,
                st_setsrid(st_geomfromtext(replace(st_astext(g.geom), c.xy, st_x(c.t) || ' ' || st_y(c.t))), 4326) as new
         from c cross join g),
       ok as (
         select a, b, f, geom, pa, t, (array_agg(new) filter (where key = a))[1] as na, (array_agg(old) filter (where key = a))[1] as ag,
                st_union(case when st_isvalid(new) then st_symdifference(new, old) end) as changed
         from m group by a, b, f, geom, pa, t
         having bool_and(st_isvalid(new)) and abs(sum(st_area(new)) - sum(st_area(old))) < 1e-12)
       select a, b, st_x(geom) as x, st_y(geom) as y, st_x(pa) as ax, st_y(pa) as ay, st_x(t) as tx, st_y(t) as ty
       from ok
       -- far enough from every outline that terra-draw's snapping (14 px) leaves the point where it is
       where st_distance(ok.geom::geography, ok.t::geography) > 40
         and not exists (select 1 from g where st_dwithin(st_boundary(g.geom)::geography, ok.t::geography, 30))
         and exists (select 1 from building k where k.community_code = $2 and k.households > 0 and st_intersects(ok.changed, st_pointonsurface(k.geom)))
       order by f, a, b
       limit 12`,
      [JSON.stringify(view.grids.features), community],
    );
    expect(rows.length).toBeGreaterThan(0);
    // a moved edge may not cross another grid's boundary: the server refuses such a move (422) and
    // the map goes back, so try the next candidate then
    let v = rows[0]!;
    let before = { a: 0, b: 0 };
    for (const candidate of rows) {
      v = candidate;
      before = { a: await householdsOf(page, v.a), b: await householdsOf(page, v.b) };
      const [inside, vertex, target] = await pixels(page, [
        [v.ax, v.ay],
        [v.x, v.y],
        [v.tx, v.ty],
      ]);
      // select the first grid (terra-draw's select mode), then drag its vertex with the mouse
      const canvas = (await page.locator('.planner-map .maplibregl-canvas').boundingBox())!;
      await page.mouse.click(canvas.x + canvas.width - 20, canvas.y + canvas.height - 40);
      await page.mouse.click(inside![0], inside![1]);
      await page.waitForTimeout(200);
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/plans/${id}/edits`));
      await page.mouse.move(vertex![0], vertex![1]);
      await page.mouse.down();
      await page.mouse.move(vertex![0] + 3, vertex![1] + 3, { steps: 3 });
      await page.mouse.move(target![0], target![1], { steps: 12 });
      await page.mouse.up();
      const status = (await answer).status();
      if (status === 200) break;
      expect(status).toBe(422);
      await page.getByTestId('plan-error').waitFor();
    }
    revision = await waitForRevision(page, id, revision);
    // both grids follow the vertex: their outlines changed, and the map shows the plan's new revision
    const moved = await planNow(id);
    const outline = (plan: PlanView, key: string) => JSON.stringify(plan.grids.features.find((f) => f.id === key)!.geometry);
    expect(outline(moved, v.a)).not.toBe(outline(view, v.a));
    expect(outline(moved, v.b)).not.toBe(outline(view, v.b));
    // the building it swept over changed grid: the two bars moved by the same households, and the
    // impact shows them
    const after = { a: await householdsOf(page, v.a), b: await householdsOf(page, v.b) };
    expect(after.a + after.b).toBe(before.a + before.b);
    expect(after.a).not.toBe(before.a);
    expect(moved.impact.moves.some((m) => m.what === 'households' && [v.a, v.b].includes(m.from!) && [v.a, v.b].includes(m.to!))).toBe(true);
    expect(await page.getByTestId('plan-undo').isDisabled()).toBe(false);
  });

  it('splits the most populous grid along a line drawn across it', async () => {
    const view = await planNow(id);
    const grid = [...view.grids.features].sort((a, b) => b.properties.households - a.properties.households)[0]!;
    const { rows } = await ctx.db.query<{ cx: number; y0: number; y1: number }>(
      `select st_x(st_pointonsurface(g)) as cx, st_ymin(g) as y0, st_ymax(g) as y1 from st_setsrid(st_geomfromgeojson($1), 4326) g`,
      [JSON.stringify(grid.geometry)],
    );
    const b = rows[0]!;
    const [start, end] = await pixels(page, [
      [b.cx, b.y0 - 0.0002],
      [b.cx, b.y1 + 0.0002],
    ]);
    await page.getByTestId('tool-split').click();
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/plans/${id}/edits`));
    // terra-draw's line: click the first point, click the last, click it again to finish
    await page.mouse.click(start![0], start![1]);
    await page.mouse.move(end![0], end![1], { steps: 8 });
    await page.mouse.click(end![0], end![1]);
    await page.waitForTimeout(150);
    await page.mouse.click(end![0], end![1]);
    expect((await answer).status()).toBe(200);
    revision = await waitForRevision(page, id, revision);
    expect(await page.locator('[data-testid=household-bar][data-grid="new-1"]').count()).toBe(1);
    expect(await page.locator(`[data-testid=impact-row][data-from="${String(grid.id)}"][data-to="new-1"]`).count()).toBe(1);
    // the new grid has no leader yet: a warning
    expect(await page.locator('[data-testid=validation-item][data-code=no_leader]').count()).toBeGreaterThan(0);
  });

  let painted: { compound: number; target: string; from: string };
  let paintedHouseholds: number;

  it('paints a compound into its neighbour: the neighbour’s bar grows by the compound’s households', async () => {
    const view = await planNow(id);
    // the compound nearest another grid, with the ground between them in its own grid
    const { rows } = await ctx.db.query<{ compound: number; target: string; from: string }>(
      `${sql.grids}
       select k.id::int as compound, g2.key as target, g1.key as from
       from compound k join g g1 on st_within(st_pointonsurface(k.geom), g1.geom)
       join g g2 on g2.key <> g1.key and st_length(st_intersection(st_boundary(g1.geom), st_boundary(g2.geom))::geography) > 20
       where k.community_code = $2
         and st_covers(st_buffer(g1.geom, 1e-6), st_shortestline(k.geom, g2.geom))
         and exists (select 1 from building b where b.households > 0 and st_within(st_pointonsurface(b.geom), k.geom))
       order by st_distance(k.geom::geography, g2.geom::geography), k.id limit 1`,
      [JSON.stringify(view.grids.features), community],
    );
    painted = rows[0]!;
    const { rows: inside } = await ctx.db.query<{ x: number; y: number }>(
      'select st_x(p) as x, st_y(p) as y from compound k, st_pointonsurface(k.geom) p where k.id = $1',
      [painted.compound],
    );
    const before = await householdsOf(page, painted.target);
    const fromBefore = await householdsOf(page, painted.from);
    const impactBefore = await page.getByTestId('impact-matrix').textContent();
    await page.getByTestId('tool-paint').click();
    await page.getByTestId('paint-target').selectOption(painted.target);
    const [point] = await pixels(page, [[inside[0]!.x, inside[0]!.y]]);
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/plans/${id}/edits`));
    await page.mouse.click(point![0], point![1]);
    expect((await answer).status()).toBe(200);
    revision = await waitForRevision(page, id, revision);
    paintedHouseholds = await householdsOf(page, painted.target);
    expect(paintedHouseholds).toBeGreaterThan(before);
    // what the target gained, the compound's grid lost
    expect(await householdsOf(page, painted.from)).toBe(fromBefore - (paintedHouseholds - before));
    expect(await page.getByTestId('impact-matrix').textContent()).not.toBe(impactBefore);
  });

  it('undoes the paint and redoes it', async () => {
    await page.getByTestId('plan-undo').click();
    revision = await waitForRevision(page, id, revision);
    expect(await householdsOf(page, painted.target)).toBeLessThan(paintedHouseholds);
    expect(await page.getByTestId('plan-redo').isDisabled()).toBe(false);
    await page.getByTestId('plan-redo').click();
    revision = await waitForRevision(page, id, revision);
    expect(await householdsOf(page, painted.target)).toBe(paintedHouseholds);
    expect(await page.getByTestId('plan-redo').isDisabled()).toBe(true);
    await page.getByTestId('tool-select').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifactsDir, 'planner.png') });
  });

  it('merges two neighbours with two clicks, and undoes the merge', async () => {
    const view = await planNow(id);
    const { rows } = await ctx.db.query<{ kept: string; absorbed: string; kx: number; ky: number; ax: number; ay: number }>(
      `${sql.grids}
       select a.key as kept, b.key as absorbed, st_x(st_pointonsurface(a.geom)) as kx, st_y(st_pointonsurface(a.geom)) as ky,
              st_x(st_pointonsurface(b.geom)) as ax, st_y(st_pointonsurface(b.geom)) as ay
       from g a join g b on b.key = 'new-1' and a.key <> b.key
       where st_length(st_intersection(st_boundary(a.geom), st_boundary(b.geom))::geography) > 20
       order by a.key limit 1`,
      [JSON.stringify(view.grids.features)],
    );
    const m = rows[0]!;
    const count = await page.getByTestId('household-bar').count();
    const [kept, absorbed] = await pixels(page, [
      [m.kx, m.ky],
      [m.ax, m.ay],
    ]);
    await page.getByTestId('tool-merge').click();
    await page.mouse.click(kept![0], kept![1]);
    await page.getByTestId('plan-hint').filter({ hasText: '保留' }).waitFor();
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/plans/${id}/edits`));
    await page.mouse.click(absorbed![0], absorbed![1]);
    expect((await answer).request().postDataJSON()).toEqual({ kind: 'merge', kept: m.kept, absorbed: 'new-1' });
    revision = await waitForRevision(page, id, revision);
    expect(await page.getByTestId('household-bar').count()).toBe(count - 1);
    await page.getByTestId('plan-undo').click();
    revision = await waitForRevision(page, id, revision);
    expect(await page.getByTestId('household-bar').count()).toBe(count);
    await page.getByTestId('tool-select').click();
  });

  it('redraws part of a boundary two grids share with a line snapped to it; a line off the boundary is refused', async () => {
    const view = await planNow(id);
    // a stretch of a shared boundary (its middle 40 %), and a point off its middle inside the second
    // grid (either side: the outlines' rings may run either way), far from every boundary, with the
    // bow between them inside that grid; one that takes a building with households first, so that
    // the bars move too
    const { rows } = await ctx.db.query<{
      a: string;
      b: string;
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      px: number;
      py: number;
      bow: number;
      households: number;
    }>(
      `${sql.grids},
       s as (
         select a.key as a, b.key as b, d.geom as line
         from g a join g b on a.key <> b.key and st_intersects(a.geom, b.geom),
              st_dump(st_linemerge(st_intersection(st_boundary(a.geom), st_boundary(b.geom)))) d
         where geometrytype(d.geom) = 'LINESTRING' and st_length(d.geom::geography) > 80),
       c as (
         select s.a, s.b, f, st_lineinterpolatepoint(s.line, 0.3) as p1, st_lineinterpolatepoint(s.line, 0.7) as p2,
                st_linesubstring(s.line, 0.3, 0.7) as stretch,
                st_translate(st_lineinterpolatepoint(s.line, 0.5),
                  (st_y(st_endpoint(s.line)) - st_y(st_startpoint(s.line))) * f, -(st_x(st_endpoint(s.line)) - st_x(st_startpoint(s.line))) * f) as p
         from s, unnest(array[0.1, 0.15, 0.2, 0.3, -0.1, -0.15, -0.2, -0.3]) f),
       t as (select c.*, st_makepolygon(st_addpoint(st_addpoint(c.stretch, c.p), st_startpoint(c.stretch))) as bow, st_distance(c.p1::geography, c.p2::geography) as span from c)
       select t.a, t.b, st_x(t.p1) as x1, st_y(t.p1) as y1, st_x(t.p2) as x2, st_y(t.p2) as y2, st_x(t.p) as px, st_y(t.p) as py,
              st_area(t.bow::geography) as bow, h.households
       from t join g gb on gb.key = t.b,
            lateral (select coalesce(sum(k.households), 0)::int as households from building k
                     where k.community_code = $2 and st_within(st_pointonsurface(k.geom), t.bow)) h
       where st_isvalid(t.bow) and st_within(t.bow, st_buffer(gb.geom, 1e-7))
         and st_distance(t.p::geography, st_boundary(gb.geom)::geography) > 0.15 * t.span
         and not exists (select 1 from g o where o.key not in (t.a, t.b)
                         and (st_dwithin(o.geom::geography, t.p1::geography, 0.15 * t.span) or st_dwithin(o.geom::geography, t.p2::geography, 0.15 * t.span)))
       order by h.households > 0 desc, abs(t.f), t.a, t.b, t.f
       limit 1`,
      [JSON.stringify(view.grids.features), community],
    );
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    const before = { a: await householdsOf(page, r.a), b: await householdsOf(page, r.b) };
    // zoom in on the stretch, as a planner would, and back out afterwards
    const framed = await page.evaluate(() => ({ center: window.__redgridMap!.getCenter().toArray(), zoom: window.__redgridMap!.getZoom() }));
    const zoomTo = (bounds: [number, number, number, number]) =>
      page.evaluate(async (box) => {
        const map = window.__redgridMap!;
        map.fitBounds(box, { padding: 200, animate: false });
        await new Promise((resolve) => map.once('idle', resolve));
      }, bounds);
    await zoomTo([Math.min(r.x1, r.x2, r.px), Math.min(r.y1, r.y2, r.py), Math.max(r.x1, r.x2, r.px), Math.max(r.y1, r.y2, r.py)]);
    await page.getByTestId('tool-redraw').click();
    expect(await page.getByTestId('tool-redraw').textContent()).toBe('改线');
    expect(await page.getByTestId('plan-hint').textContent()).toContain('共用边界');
    /** Clicks a line's points (page pixels) and its last point again to finish it; answers the edit's response. */
    const drawLine = async (at: Position[], beforeFinish?: () => Promise<unknown>) => {
      const answer = page.waitForResponse((res) => res.url().endsWith(`/api/v1/plans/${id}/edits`));
      for (const [i, [x, y]] of at.entries()) {
        if (i > 0) await page.mouse.move(x, y, { steps: 8 });
        await page.mouse.click(x, y);
        await page.waitForTimeout(100);
      }
      await beforeFinish?.();
      const [x, y] = at[at.length - 1]!;
      await page.mouse.click(x, y);
      return answer;
    };

    // ends inside the second grid, away from any boundary: the server's refusal is shown
    const inward: Position = [r.px + ((r.x1 + r.x2) / 2 - r.px) * 0.4, r.py + ((r.y1 + r.y2) / 2 - r.py) * 0.4];
    const refused = await drawLine(await pixels(page, [[r.px, r.py], inward]));
    expect(refused.status()).toBe(422);
    await page.getByTestId('plan-error').filter({ hasText: 'must start and end on the boundary' }).waitFor();

    // from the boundary out to the point and back to it, each end clicked 10 px off the boundary
    // towards the bow: only the snap puts the ends on it
    const [start, apex, end] = await pixels(page, [
      [r.x1, r.y1],
      [r.px, r.py],
      [r.x2, r.y2],
    ]);
    const length = Math.hypot(end![0] - start![0], end![1] - start![1]);
    let normal: Position = [-(end![1] - start![1]) / length, (end![0] - start![0]) / length];
    if (normal[0] * (apex![0] - start![0]) + normal[1] * (apex![1] - start![1]) < 0) normal = [-normal[0], -normal[1]];
    const off = ([x, y]: Position): Position => [x + normal[0] * 10, y + normal[1] * 10];
    const answer = await drawLine([off(start!), apex!, off(end!)], () => page.screenshot({ path: path.join(artifactsDir, 'planner-redraw-drawing.png') }));
    expect(answer.status()).toBe(200);
    const sent = answer.request().postDataJSON() as { kind: string; a: string; b: string; line: Position[] };
    expect({ kind: sent.kind, a: sent.a, b: sent.b }).toEqual({ kind: 'redraw', a: r.a, b: r.b });
    expect(sent.line).toHaveLength(3);
    const clicked = await positions(page, [off(start!), off(end!)]);
    const { rows: ends } = await ctx.db.query<{ metres: number }>(
      `${sql.grids}
       select st_distance(st_intersection(st_boundary(a.geom), st_boundary(b.geom))::geography,
                          st_setsrid(st_makepoint((p ->> 0)::float8, (p ->> 1)::float8), 4326)::geography) as metres
       from g a join g b on a.key = $2 and b.key = $3, jsonb_array_elements($4::jsonb) with ordinality e(p, i)
       order by e.i`,
      [JSON.stringify(view.grids.features), r.a, r.b, JSON.stringify([sent.line[0], sent.line[2], ...clicked])],
    );
    expect(ends.map((e) => e.metres < 0.05)).toEqual([true, true, false, false]);
    revision = await waitForRevision(page, id, revision);
    expect(await page.getByTestId('plan-error').count()).toBe(0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifactsDir, 'planner-redraw.png') });

    // the first grid gained the bow, the second lost it; the other grids kept their ground
    const redrawn = await planNow(id);
    const { rows: areas } = await ctx.db.query<{ key: string; before: number; after: number }>(
      `with ${planGridsSql('old')},
            ${planGridsSql('new', 2)}
       select o.key, st_area(o.geom::geography) as before, st_area(n.geom::geography) as after from old o join new n using (key)`,
      [JSON.stringify(view.grids.features), JSON.stringify(redrawn.grids.features)],
    );
    const tolerance = Math.max(2, r.bow * 0.02);
    for (const { key, before: was, after: now } of areas) {
      const expected = key === r.a ? was + r.bow : key === r.b ? was - r.bow : was;
      expect(Math.abs(now - expected), `${key}: ${was} → ${now}`).toBeLessThan(key === r.a || key === r.b ? tolerance : 1);
    }
    const after = { a: await householdsOf(page, r.a), b: await householdsOf(page, r.b) };
    expect(after.a + after.b).toBe(before.a + before.b);
    if (r.households > 0) expect(after.a).toBeGreaterThan(before.a);
    const history = await server.getJson<{ edits: { kind: string; params: unknown; undone_at: string | null; discarded_at: string | null }[] }>(
      `/api/v1/plans/${id}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.edits.filter((e) => e.kind === 'redraw' && e.undone_at === null && e.discarded_at === null)).toHaveLength(1);

    await page.getByTestId('tool-select').click();
    await page.evaluate(async (at) => {
      const map = window.__redgridMap!;
      map.jumpTo({ center: at.center, zoom: at.zoom });
      await new Promise((resolve) => map.once('idle', resolve));
    }, framed);
  });

  it('zooms the map to a validation problem when it is clicked', async () => {
    const zoom = await page.evaluate(() => window.__redgridMap!.getZoom());
    await page.locator('[data-testid=validation-item][data-code=no_leader]').first().click();
    await page.waitForFunction((before) => window.__redgridMap!.getZoom() > before + 0.5, zoom, { timeout: 10_000 });
  });

  it('loads a governance grid layer from a file: drawn on the map, grids that differ listed in Chinese; a bad file is refused', async () => {
    // the community's grids as they were before this plan, as the governance department drew them
    const { rows } = await ctx.db.query<{ file: unknown; overlapping: unknown }>(
      `with f as (
         select v.grid_code, v.name, v.geom from grid_version v join grid g on g.code = v.grid_code
         where g.community_code = $1 and v.valid_to is null)
       select json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object('type', 'Feature',
                'properties', json_build_object('code', 'ZZ-' || right(grid_code, 3), 'name', '综治' || name),
                'geometry', st_asgeojson(geom, 9)::json) order by grid_code)) as file,
              json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object('type', 'Feature',
                'properties', json_build_object('code', 'ZZ-' || right(grid_code, 3)),
                'geometry', st_asgeojson(st_buffer(geom::geography, 20)::geometry, 9)::json) order by grid_code)) as overlapping
       from f`,
      [community],
    );
    const upload = (name: string, content: unknown) =>
      page.getByTestId('governance-file').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(content)) });
    expect(await page.getByTestId('governance-status').getAttribute('data-grids')).toBe('0');
    await upload('综治网格.geojson', rows[0]!.file);
    await page.locator(`[data-testid=governance-status][data-grids="${originalCodes.length}"]`).waitFor();
    const view = await planNow(id);
    const mismatches = view.validation.filter((v) => v.code === 'governance_mismatch');
    // the plan split a grid and moved boundaries: those grids no longer match their governance grid
    expect(mismatches.length).toBeGreaterThan(0);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=validation-item][data-code=governance_mismatch]').length === n,
      mismatches.length,
    );
    const text = await page.locator('[data-testid=validation-item][data-code=governance_mismatch] .validation-message').first().textContent();
    expect(text).toMatch(/综治网格|不重合/);
    await page.evaluate(
      async (bbox) => {
        const map = window.__redgridMap!;
        map.fitBounds(bbox, { padding: 40, duration: 0 });
        await new Promise((resolve) => map.once('idle', resolve));
      },
      await ctx.db
        .query<{ b: [number, number, number, number] }>(
          'select array[st_xmin(geom), st_ymin(geom), st_xmax(geom), st_ymax(geom)] as b from area where code = $1',
          [community],
        )
        .then((r) => r.rows[0]!.b),
    );
    const drawn = await page.evaluate(() => window.__redgridMap!.queryRenderedFeatures({ layers: ['governance-grids-line'] }).length);
    expect(drawn).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifactsDir, 'planner-governance.png') });

    // grids grown 20 m over each other: refused with every overlap listed, the layer kept
    await upload('重叠.geojson', rows[0]!.overlapping);
    await page.locator('[data-testid=governance-error] li[data-code=overlap]').first().waitFor();
    expect(await page.getByTestId('governance-status').getAttribute('data-grids')).toBe(String(originalCodes.length));

    await page.getByTestId('governance-remove').click();
    await page.locator('[data-testid=governance-status][data-grids="0"]').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=validation-item][data-code=governance_mismatch]').length === 0);
  });

  it('submits, with a reason for the warnings', async () => {
    const view = await planNow(id);
    expect(view.validation.filter((v) => v.severity === 'error')).toEqual([]);
    if (view.validation.some((v) => v.severity === 'warning')) {
      expect(await page.getByTestId('plan-submit').isDisabled()).toBe(true);
      await page.getByTestId('submit-reason').fill('新建网格的网格长待任命；小区整体划入相邻网格');
    }
    await page.getByTestId('plan-submit').click();
    await page.locator('[data-testid=plan-status][data-status=submitted]').waitFor();
    expect((await planNow(id)).status).toBe('submitted');
  });

  it('an admin reviews it over the current grids and approves it for today; the map and locate show the new grids', async () => {
    const proposed = await planNow(id);
    const context = await browser.newContext({ viewport: { width: 1600, height: 1200 }, locale: 'zh-CN' });
    const admin = await context.newPage();
    admin.on('pageerror', (e) => console.log('[pageerror]', e.message));
    const reviewPath = `/planner?community=${community}&plan=${id}&test=1`;
    await signInThroughPage(admin, server.baseUrl, reviewPath, reviewer);
    await admin.getByTestId('review-panel').waitFor();
    await waitForRevision(admin, id, -1);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(await admin.getByTestId('review-date').inputValue()).toBe(today);
    // the current grids are drawn under the plan's
    await admin.waitForFunction(() => (window.__redgridMap?.querySourceFeatures('current-grids').length ?? 0) > 0, undefined, { timeout: 20_000 });
    await admin.waitForTimeout(300);
    await admin.screenshot({ path: path.join(artifactsDir, 'planner-review.png') });

    await admin.getByTestId('review-approve').click();
    await admin.locator('[data-testid=plan-status][data-status=published]').waitFor();

    // locate: a point of the new grid answers a grid the community did not have before
    const fresh = proposed.grids.features.find((f) => f.id === 'new-1')!;
    const { rows } = await ctx.db.query<{ x: number; y: number }>(
      'select st_x(p) as x, st_y(p) as y from st_pointonsurface(st_setsrid(st_geomfromgeojson($1), 4326)) p',
      [JSON.stringify(fresh.geometry)],
    );
    const located = await server.getJson<LocateResult>(`/api/v1/locate?lng=${rows[0]!.x}&lat=${rows[0]!.y}`);
    expect(located.status).toBe(200);
    const newCode = located.body.grid!.code;
    expect(originalCodes).not.toContain(newCode);
    expect(newCode.startsWith(community)).toBe(true);

    // the map: the grid tiles now draw the new grid
    await admin.goto(`${server.baseUrl}/?test=1`);
    await admin.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    const codes = await admin.evaluate(
      async ([lng, lat]) => {
        const map = window.__redgridMap!;
        map.jumpTo({ center: [lng, lat], zoom: 15 });
        await new Promise((resolve) => map.once('idle', resolve));
        return map.queryRenderedFeatures({ layers: ['grids-line'] }).map((f) => String(f.properties.code));
      },
      [rows[0]!.x, rows[0]!.y] as const,
    );
    expect(codes).toContain(newCode);
    await context.close();
  });
});
