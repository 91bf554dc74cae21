import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanView } from '../../server/src/contract/plans.ts';
import { largestCommunity } from '../support/communities.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { planGridsSql } from '../support/plan-sql.ts';

/**
 * Redrawing part of a boundary: a line from one point of the boundary two grids share to another,
 * bowing into the second grid, replaces the stretch between; the ground between the old stretch
 * and the line goes to the first grid, exactly the triangle the bow makes.
 */
const ctx = usePrivateDatabase('plans_redraw');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

const gridsSql = planGridsSql();

describe('redrawing part of a boundary', () => {
  it('moves the ground between the old stretch and the new line to the other grid, and nothing else', async () => {
    const top = await largestCommunity(ctx.db);
    const opened = await server.admin.send<PlanView>('POST', '/api/v1/plans', { community_code: top.code, title: '改划边界' });
    const features = JSON.stringify(opened.body.grids.features);
    // a straight stretch of a shared boundary, and a point off its middle inside the second grid
    const { rows } = await ctx.db.query<{ a: string; b: string; x1: number; y1: number; x2: number; y2: number; px: number; py: number; triangle: number }>(
      `with ${gridsSql},
       s as (
         select a.key as a, b.key as b, d.geom as line
         from g a join g b on a.key <> b.key and st_intersects(a.geom, b.geom),
              st_dump(st_linemerge(st_intersection(st_boundary(a.geom), st_boundary(b.geom)))) d
         where geometrytype(d.geom) = 'LINESTRING' and st_length(d.geom::geography) > 80),
       c as (
         select s.a, s.b, st_lineinterpolatepoint(s.line, 0.3) as p1, st_lineinterpolatepoint(s.line, 0.7) as p2,
                st_linesubstring(s.line, 0.3, 0.7) as stretch,
                st_translate(st_lineinterpolatepoint(s.line, 0.5),
                  (st_y(st_endpoint(s.line)) - st_y(st_startpoint(s.line))) * 0.1, -(st_x(st_endpoint(s.line)) - st_x(st_startpoint(s.line))) * 0.1) as p
         from s)
       select c.a, c.b, st_x(p1) as x1, st_y(p1) as y1, st_x(p2) as x2, st_y(p2) as y2, st_x(p) as px, st_y(p) as py,
              st_area(st_makepolygon(st_addpoint(st_addpoint(stretch, p), st_startpoint(stretch)))::geography) as triangle
       from c join g gb on gb.key = c.b
       where st_contains(gb.geom, st_buffer(c.p, 0.000001))
       order by c.a, c.b limit 1`,
      [features],
    );
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    const answer = await server.admin.send<PlanView>(
      'POST',
      `/api/v1/plans/${opened.body.id}/edits`,
      {
        kind: 'redraw',
        a: r.a,
        b: r.b,
        line: [
          [r.x1, r.y1],
          [r.px, r.py],
          [r.x2, r.y2],
        ],
      },
      { 'if-match': opened.headers.get('etag')! },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { rows: areas } = await ctx.db.query<{ key: string; before: number; after: number }>(
      `with ${planGridsSql('old')},
            ${planGridsSql('new', 2)}
       select o.key, st_area(o.geom::geography) as before, st_area(n.geom::geography) as after from old o join new n using (key)`,
      [features, JSON.stringify(answer.body.grids.features)],
    );
    for (const { key, before, after } of areas) {
      const expected = key === r.a ? before + r.triangle : key === r.b ? before - r.triangle : before;
      expect(Math.abs(after - expected), `${key}: ${before} → ${after}`).toBeLessThan(1);
    }
    expect(answer.body.validation.filter((v) => v.severity === 'error')).toEqual([]);
    const refused = await server.admin.send<{ error: { code: string } }>(
      'POST',
      `/api/v1/plans/${opened.body.id}/edits`,
      {
        kind: 'redraw',
        a: r.a,
        b: r.b,
        line: [
          [r.px, r.py],
          [r.px + 0.001, r.py + 0.001],
        ],
      },
      { 'if-match': answer.headers.get('etag')! },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('edit_refused');
  });
});
