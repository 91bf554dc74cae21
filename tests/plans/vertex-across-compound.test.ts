import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanView } from '../../server/src/contract/plans.ts';
import { largestCommunity } from '../support/communities.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { planGridsSql } from '../support/plan-sql.ts';

/**
 * A shared vertex dragged across a building of the neighbouring compound: the compound's outline
 * inside the grid gives way, the boundary takes the building along, its households move in the
 * impact, the compound is reported split, and the coverage stays clean.
 */
const ctx = usePrivateDatabase('plans_vertex');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

type Candidate = { x: number; y: number; tx: number; ty: number; building: number; households: number; from: string };

describe('moving a shared vertex across a compound', () => {
  it('takes the buildings it sweeps over into the other grid, and the impact and bars follow', async () => {
    const top = await largestCommunity(ctx.db);
    const opened = await server.admin.send<PlanView>('POST', '/api/v1/plans', { community_code: top.code, title: '拖动顶点' });
    expect(opened.status).toBe(201);
    // a corner where grids meet (the vertices a planner drags), and a building of one of them a few
    // tens of metres away: the corner is dragged a little past the building
    const { rows } = await ctx.db.query<Candidate>(
      `with ${planGridsSql()},
       edge as (select st_boundary(geom) as line from area where code = $2),
       corners as (
         select distinct on (st_astext(c.geom)) c.geom as v
         from g a join g b on a.key < b.key and st_intersects(a.geom, b.geom),
              st_dump(st_linemerge(st_intersection(st_boundary(a.geom), st_boundary(b.geom)))) l,
              lateral (values (st_startpoint(l.geom)), (st_endpoint(l.geom))) c (geom), edge
         where geometrytype(l.geom) = 'LINESTRING' and not st_dwithin(c.geom::geography, edge.line::geography, 5)
       )
       select st_x(c.v) as x, st_y(c.v) as y,
              st_x(pt) + (st_x(pt) - st_x(c.v)) * 0.3 as tx, st_y(pt) + (st_y(pt) - st_y(c.v)) * 0.3 as ty,
              b.id::int as building, b.households, k.key as "from", null as "to"
       from corners c
       join g k on st_dwithin(k.geom, c.v, 1e-7)
       join building b on b.community_code = $2 and b.households > 0, st_pointonsurface(b.geom) pt
       where st_intersects(k.geom, pt) and st_dwithin(pt::geography, c.v::geography, 60)
       order by st_distance(pt::geography, c.v::geography) limit 40`,
      [JSON.stringify(opened.body.grids.features), top.code],
    );
    expect(rows.length).toBeGreaterThan(0);
    let tag = opened.headers.get('etag')!;
    let moved: PlanView | undefined;
    let candidate: Candidate | undefined;
    for (const c of rows) {
      const answer = await server.admin.send<PlanView>(
        'POST',
        `/api/v1/plans/${opened.body.id}/edits`,
        { kind: 'move_vertex', from: [c.x, c.y], to: [c.tx, c.ty] },
        { 'if-match': tag },
      );
      if (answer.status === 422) continue;
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      tag = answer.headers.get('etag')!;
      if (answer.body.impact.moves.some((m) => m.what === 'households')) {
        moved = answer.body;
        candidate = c;
        break;
      }
    }
    expect(moved, 'a vertex move across a building was accepted').toBeDefined();
    const households = moved!.impact.moves.filter((m) => m.what === 'households');
    const move = households.find((m) => m.from === candidate!.from)!;
    expect(move, 'the dragged building leaves its grid').toBeDefined();
    const total = (key: string) => moved!.impact.totals.find((t) => t.grid === key && t.what === 'households')!;
    expect(total(move.from!).after).toBeLessThan(total(move.from!).before);
    expect(total(move.to!).after).toBeGreaterThan(total(move.to!).before);
    // the bars: each grid's households as answered equal its total after
    for (const f of moved!.grids.features) {
      expect(f.properties.households).toBe(moved!.impact.totals.find((t) => t.grid === f.id && t.what === 'households')?.after ?? 0);
    }
    expect(moved!.validation.some((v) => v.code === 'compound_split')).toBe(true);
    // still a clean coverage, checked independently
    const { rows: check } = await ctx.db.query<{ gap: number; overlaps: number }>(
      `with ${planGridsSql()}
       select st_area(st_symdifference((select st_union(geom) from g), (select geom from area where code = $2))::geography) as gap,
              (select count(*)::int from g a join g b on a.key < b.key where st_area(st_intersection(a.geom, b.geom)::geography) > 1) as overlaps`,
      [JSON.stringify(moved!.grids.features), top.code],
    );
    expect(check[0]!.gap).toBeLessThan(1);
    expect(check[0]!.overlaps).toBe(0);
  });
});
