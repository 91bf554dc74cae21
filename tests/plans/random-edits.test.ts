import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanEdit, PlanView } from '../../server/src/contract/plans.ts';
import { signInAs, type Answer, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { planGridsSql } from '../support/plan-sql.ts';

/**
 * 200 random edits of every kind, drawn from what the plan looks like at the time (random lines
 * through a grid at random angles, random neighbours, compounds, shared vertices and bows
 * redrawing part of a shared boundary), made through
 * the API on three demo communities. After each edit PostGIS checks, independently of the
 * application's SQL, that the grids still cover the community within 1 m² without overlaps over
 * 1 m², and that what the validation reports agrees with what it finds.
 */
const ctx = usePrivateDatabase('plans_random');
let server: TestServer;
let planner: ApiClient;
const random = seedrandom('redgrid-plans-2026');
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  planner = await signInAs(server.baseUrl, ctx.db, 'planner', '510703000000');
});
afterAll(async () => {
  await server.close();
});

const grids = (view: PlanView) => JSON.stringify(view.grids.features);
const gridsSql = planGridsSql();

type Facts = { gap: number; overlaps: number; parts: Record<string, number>; households: Record<string, number> };

/** What PostGIS finds in the answered grids. */
async function facts(view: PlanView): Promise<Facts> {
  const { rows } = await ctx.db.query<{ gap: number; overlaps: number; parts: Record<string, number>; households: Record<string, number> }>(
    `with ${gridsSql}, c as (select geom from area where code = $2)
     select st_area(st_symdifference((select st_union(geom) from g), c.geom)::geography) as gap,
            (select count(*)::int from g a join g b on a.key < b.key and st_intersects(a.geom, b.geom)
             where st_area(st_intersection(a.geom, b.geom)::geography) > 1) as overlaps,
            (select json_object_agg(key, st_numgeometries(geom)) from g) as parts,
            (select json_object_agg(g.key, (select coalesce(sum(b.households), 0) from building b
                                             where b.community_code = $2 and st_intersects(st_pointonsurface(b.geom), g.geom))) from g) as households
     from c`,
    [grids(view), view.community_code],
  );
  return rows[0]!;
}

/** A random edit that makes sense for the plan as it stands (it may still be refused). */
async function randomEdit(view: PlanView): Promise<PlanEdit> {
  const count = view.grids.features.length;
  const kinds: PlanEdit['kind'][] =
    count < 6
      ? ['split', 'split', 'paint', 'move_vertex', 'redraw']
      : count > 30
        ? ['merge', 'merge', 'paint', 'move_vertex', 'redraw']
        : ['split', 'merge', 'paint', 'move_vertex', 'redraw'];
  const kind = pick(kinds);
  const json = grids(view);
  if (kind === 'split') {
    const grid = pick(view.grids.features);
    const { rows } = await ctx.db.query<{ x: number; y: number; r: number }>(
      `select st_x(p) as x, st_y(p) as y, greatest(st_xmax(g) - st_xmin(g), st_ymax(g) - st_ymin(g)) * 1.5 as r
       from st_setsrid(st_geomfromgeojson($1), 4326) g, st_pointonsurface(g) p`,
      [JSON.stringify(grid.geometry)],
    );
    const { x, y, r } = rows[0]!;
    const angle = random() * Math.PI;
    const [dx, dy] = [Math.cos(angle) * r, Math.sin(angle) * r];
    return {
      kind,
      grid: String(grid.id),
      line: [
        [x - dx, y - dy],
        [x, y],
        [x + dx, y + dy],
      ],
    };
  }
  if (kind === 'merge') {
    const { rows } = await ctx.db.query<{ a: string; b: string }>(
      `with ${gridsSql} select a.key as a, b.key as b from g a join g b on a.key < b.key
       where st_length(st_intersection(st_boundary(a.geom), st_boundary(b.geom))::geography) > 1`,
      [json],
    );
    const pair = pick(rows);
    return random() < 0.5 ? { kind, kept: pair.a, absorbed: pair.b } : { kind, kept: pair.b, absorbed: pair.a };
  }
  if (kind === 'redraw') {
    // a stretch of a shared boundary, replaced by a bow through a point off its middle
    const { rows } = await ctx.db.query<{ a: string; b: string; x1: number; y1: number; x2: number; y2: number; mx: number; my: number; len: number }>(
      `with ${gridsSql}, s as (
         select a.key as a, b.key as b, d.geom as line
         from g a join g b on a.key < b.key and st_intersects(a.geom, b.geom),
              st_dump(st_linemerge(st_intersection(st_boundary(a.geom), st_boundary(b.geom)))) d
         where geometrytype(d.geom) = 'LINESTRING' and st_length(d.geom::geography) > 40)
       select a, b, st_x(st_lineinterpolatepoint(line, $2)) as x1, st_y(st_lineinterpolatepoint(line, $2)) as y1,
              st_x(st_lineinterpolatepoint(line, $3)) as x2, st_y(st_lineinterpolatepoint(line, $3)) as y2,
              st_x(st_lineinterpolatepoint(line, ($2 + $3) / 2)) as mx, st_y(st_lineinterpolatepoint(line, ($2 + $3) / 2)) as my,
              st_distance(st_lineinterpolatepoint(line, $2), st_lineinterpolatepoint(line, $3)) as len
       from s`,
      [json, 0.1 + random() * 0.3, 0.6 + random() * 0.3],
    );
    const r = pick(rows);
    const [dx, dy] = [r.x2 - r.x1, r.y2 - r.y1];
    const bow = (random() < 0.5 ? -1 : 1) * (0.1 + random() * 0.3);
    const norm = Math.hypot(dx, dy) || 1;
    return {
      kind,
      a: r.a,
      b: r.b,
      line: [
        [r.x1, r.y1],
        [r.mx - (dy / norm) * r.len * bow, r.my + (dx / norm) * r.len * bow],
        [r.x2, r.y2],
      ],
    };
  }
  if (kind === 'paint') {
    const { rows } = await ctx.db.query<{ compound: number; target: string }>(
      `with ${gridsSql}
       select k.id::int as compound, t.key as target
       from compound k join g s on st_intersects(s.geom, st_pointonsurface(k.geom))
       join g t on t.key <> s.key and st_dwithin(t.geom::geography, k.geom::geography, 50)
       where k.community_code = $2`,
      [json, view.community_code],
    );
    const choice = pick(rows);
    return { kind, target: choice.target, compound_id: choice.compound };
  }
  const { rows } = await ctx.db.query<{ x: number; y: number }>(
    `with ${gridsSql}, c as (select st_boundary(geom) as edge from area where code = $2)
     select st_x(p.geom) as x, st_y(p.geom) as y
     from g a join g b on a.key < b.key, c, st_dumppoints(st_intersection(st_boundary(a.geom), st_boundary(b.geom))) p
     where st_intersects(a.geom, b.geom) and not st_dwithin(p.geom::geography, c.edge::geography, 5)`,
    [json, view.community_code],
  );
  const vertex = pick(rows);
  const step = () => (random() - 0.5) * 0.00008;
  return { kind: 'move_vertex', from: [vertex.x, vertex.y], to: [vertex.x + step(), vertex.y + step()] };
}

describe('200 random edits through the API', () => {
  it('keep every community covered, without overlaps, and the validation agrees with PostGIS', async () => {
    const { rows: communities } = await ctx.db.query<{ code: string }>("select code from area where level = 'community' order by households desc limit 3");
    const made: Record<string, number> = { split: 0, merge: 0, paint: 0, move_vertex: 0, redraw: 0, undo: 0, redo: 0 };
    const refused: Record<string, number> = {};
    let edits = 0;
    for (const [i, { code }] of communities.entries()) {
      const opened = await planner.send<PlanView>('POST', '/api/v1/plans', { community_code: code, title: `随机编辑${i + 1}` });
      expect(opened.status).toBe(201);
      let view = opened.body;
      let tag = opened.headers.get('etag')!;
      const quota = i === communities.length - 1 ? 200 - edits : 67;
      for (let n = 0; n < quota; n++) {
        let answer: Answer<PlanView>;
        let kind: string;
        if (view.can_undo && random() < 0.06) {
          kind = 'undo';
          answer = await planner.send<PlanView>('POST', `/api/v1/plans/${view.id}/undo`, undefined, { 'if-match': tag });
        } else if (view.can_redo && random() < 0.5) {
          kind = 'redo';
          answer = await planner.send<PlanView>('POST', `/api/v1/plans/${view.id}/redo`, undefined, { 'if-match': tag });
        } else {
          const edit = await randomEdit(view);
          kind = edit.kind;
          answer = await planner.send<PlanView>('POST', `/api/v1/plans/${view.id}/edits`, edit, { 'if-match': tag });
        }
        edits += 1;
        if (answer.status === 422) {
          // refused as the topology or the geometry would not allow it: the plan is as it was
          refused[kind] = (refused[kind] ?? 0) + 1;
          const again = await planner.getJson<PlanView>(`/api/v1/plans/${view.id}`);
          expect(again.body.revision).toBe(view.revision);
          continue;
        }
        expect(answer.status, `${kind}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(200);
        made[kind]! += 1;
        view = answer.body;
        tag = answer.headers.get('etag')!;

        const found = await facts(view);
        const where = `${code}, edit ${n + 1} (${kind})`;
        expect(found.gap, `${where}: gap or overhang`).toBeLessThan(1);
        expect(found.overlaps, `${where}: overlaps`).toBe(0);
        const reported = (c: string) => view.validation.filter((v) => v.code === c);
        expect(reported('gap'), where).toEqual([]);
        expect(reported('overlap'), where).toEqual([]);
        expect(reported('outside_community'), where).toEqual([]);
        expect(reported('invalid_geometry'), where).toEqual([]);
        expect(
          reported('disconnected')
            .map((v) => v.grid)
            .sort(),
          where,
        ).toEqual(
          Object.entries(found.parts)
            .filter(([, parts]) => parts > 1)
            .map(([key]) => key)
            .sort(),
        );
        const outOfBand = Object.entries(found.households)
          .filter(([, h]) => h < view.household_band.min || h > view.household_band.max)
          .map(([key]) => key)
          .sort();
        expect(
          reported('households_band')
            .map((v) => v.grid)
            .sort(),
          where,
        ).toEqual(outOfBand);
        for (const f of view.grids.features) expect(f.properties.households, `${where}: households of ${f.id}`).toBe(found.households[String(f.id)]);
      }
    }
    expect(edits).toBe(200);
    // every kind was made many times, not merely tried
    for (const kind of ['split', 'merge', 'paint', 'move_vertex', 'redraw']) expect(made[kind], `${kind} made`).toBeGreaterThanOrEqual(15);
    expect(made.undo! + made.redo!).toBeGreaterThan(0);
    console.info('random plan edits made', made, 'refused', refused);
  }, 600_000);
});
