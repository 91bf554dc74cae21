import { Scope } from '../../server/src/auth/scope.ts';
import type { PlanEdit } from '../../server/src/contract/plans.ts';
import { createPlan, editPlan } from '../../server/src/plans/commands.ts';
import { planView } from '../../server/src/plans/view.ts';
import { openBenchDatabase } from './bench-database.ts';
import { ensureMembers, percentile, type BenchDatabase } from './bench-support.ts';
import { printReport, thousands } from './report.ts';

const everywhere = Scope.everything();
const kinds = ['split', 'move_vertex', 'paint', 'redraw', 'merge'] as const;
type Kind = (typeof kinds)[number];

/** The plan's current grids as a JSON array for the SQL below. */
const stateSql = `g as (select s.key, s.geom from plan_grid_state s join plan p on p.id = s.plan_id and s.seq = p.state_seq where p.id = $1)`;

/** One edit of `kind` that fits the plan as it stands (deterministic: the first candidate). */
async function editOf(db: BenchDatabase, planId: number, community: string, kind: Kind): Promise<PlanEdit> {
  if (kind === 'split') {
    const { rows } = await db.pool.query<{ key: string; x: number; y0: number; y1: number }>(
      `with ${stateSql} select key, st_x(st_pointonsurface(geom)) as x, st_ymin(geom) - 0.001 as y0, st_ymax(geom) + 0.001 as y1
       from g order by st_area(geom) desc limit 1`,
      [planId],
    );
    const r = rows[0]!;
    return {
      kind,
      grid: r.key,
      line: [
        [r.x, r.y0],
        [r.x, r.y1],
      ],
    };
  }
  if (kind === 'move_vertex') {
    const { rows } = await db.pool.query<{ x: number; y: number }>(
      `with ${stateSql}, c as (select st_boundary(geom) as edge from area where code = $2)
       select st_x(p.geom) as x, st_y(p.geom) as y
       from g a join g b on a.key < b.key and st_intersects(a.geom, b.geom), c,
            st_dumppoints(st_intersection(st_boundary(a.geom), st_boundary(b.geom))) p
       where not st_dwithin(p.geom::geography, c.edge::geography, 20) order by a.key, b.key, p.path limit 1`,
      [planId, community],
    );
    return { kind, from: [rows[0]!.x, rows[0]!.y], to: [rows[0]!.x + 0.00002, rows[0]!.y + 0.00001] };
  }
  if (kind === 'redraw') {
    // the middle of the longest shared boundary, bowed into one of its grids by a tenth of its length
    const { rows } = await db.pool.query<{ a: string; b: string; x1: number; y1: number; px: number; py: number; x2: number; y2: number }>(
      `with ${stateSql}, s as (
         select a.key as a, b.key as b, d.geom as line
         from g a join g b on a.key <> b.key and st_intersects(a.geom, b.geom),
              st_dump(st_linemerge(st_intersection(st_boundary(a.geom), st_boundary(b.geom)))) d
         where geometrytype(d.geom) = 'LINESTRING'),
       c as (
         select s.a, s.b, s.line, st_lineinterpolatepoint(s.line, 0.3) as p1, st_lineinterpolatepoint(s.line, 0.7) as p2,
                st_translate(st_lineinterpolatepoint(s.line, 0.5), (st_y(st_endpoint(s.line)) - st_y(st_startpoint(s.line))) * 0.1,
                             -(st_x(st_endpoint(s.line)) - st_x(st_startpoint(s.line))) * 0.1) as p
         from s)
       -- the grid the bow reaches into gives ground (b), the other takes it (a)
       select case when g.key = c.a then c.b else c.a end as a, g.key as b,
              st_x(p1) as x1, st_y(p1) as y1, st_x(p) as px, st_y(p) as py, st_x(p2) as x2, st_y(p2) as y2
       from c join g on g.key in (c.a, c.b) and st_contains(g.geom, c.p)
       order by st_length(c.line) desc, c.a limit 1`,
      [planId],
    );
    const r = rows[0]!;
    return {
      kind,
      a: r.a,
      b: r.b,
      line: [
        [r.x1, r.y1],
        [r.px, r.py],
        [r.x2, r.y2],
      ],
    };
  }
  if (kind === 'paint') {
    const { rows } = await db.pool.query<{ compound: number; target: string }>(
      `with ${stateSql}
       select k.id::int as compound, t.key as target
       from compound k join g s on st_intersects(s.geom, st_pointonsurface(k.geom))
       join g t on t.key <> s.key and st_dwithin(t.geom::geography, k.geom::geography, 50)
       where k.community_code = $2 order by st_distance(t.geom::geography, k.geom::geography), k.id limit 1`,
      [planId, community],
    );
    return { kind, target: rows[0]!.target, compound_id: rows[0]!.compound };
  }
  const { rows } = await db.pool.query<{ a: string; b: string }>(
    `with ${stateSql} select a.key as a, b.key as b from g a join g b on a.key < b.key
     where st_length(st_intersection(st_boundary(a.geom), st_boundary(b.geom))::geography) > 1 order by 1, 2 limit 1`,
    [planId],
  );
  return { kind, kept: rows[0]!.a, absorbed: rows[0]!.b };
}

/**
 * The naive way to answer the same question: overlay the whole community's grids from scratch
 * (union, gaps, pairwise overlaps) and count its members, buildings and households per grid by a
 * point-in-polygon test of every row, without the spatial indexes.
 */
async function naive(db: BenchDatabase, planId: number, community: string): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_indexscan = off');
    await client.query('set local enable_bitmapscan = off');
    await client.query(
      `with ${stateSql}, c as (select geom from area where code = $2)
       select st_area(st_difference(c.geom, (select st_union(geom) from g))::geography),
              (select count(*) from g a join g b on a.key < b.key where st_area(st_intersection(a.geom, b.geom)::geography) > 1),
              (select json_object_agg(key, n) from (select g.key, count(*) as n from member m join g on st_intersects(g.geom, m.home) group by g.key) m),
              (select json_object_agg(key, n) from (select g.key, count(*) as n, sum(b.households) as h from building b join g on st_intersects(g.geom, st_pointonsurface(b.geom)) group by g.key) b)
       from c`,
      [planId, community],
    );
    await client.query('commit');
  } finally {
    client.release();
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * `npm run bench -- planner [members] [rounds]`: in the most populous community of the county
 * loaded with `members` members (1,000,000), each round opens a plan and makes one edit of each
 * kind (split, move_vertex, paint, redraw, merge), each answered with validation and impact (the application's own functions, as the route
 * calls them); the naive overlay and counts of the same state run beside it. Goal: p95 < 200 ms.
 */
export async function benchPlanner(args: string[]): Promise<void> {
  const members = Number(args[0] ?? 1_000_000);
  const rounds = Number(args[1] ?? 15);
  const db = await openBenchDatabase();
  try {
    await ensureMembers(db, members);
    const { rows: users } = await db.pool.query<{ id: number }>(
      `insert into app_user (username, display_name) values ('bench_planner', '基准规划员')
       on conflict (username) do update set display_name = excluded.display_name returning id::integer as id`,
    );
    const actor = { userId: users[0]!.id, ip: null };
    const { rows: top } = await db.pool.query<{ code: string; members: number }>(
      `select a.code, (select count(*)::int from member m where st_intersects(m.home, a.geom)) as members
       from area a where a.level = 'community' order by a.households desc limit 1`,
    );
    const community = top[0]!.code;
    const ours = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
    const naives = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
    for (let round = 0; round < rounds; round++) {
      const planId = await createPlan(db.pool, actor, community, `基准${round + 1}`, everywhere);
      for (const kind of kinds) {
        const edit = await editOf(db, planId, community, kind);
        const revision = (await db.pool.query<{ revision: number }>('select revision from plan where id = $1', [planId])).rows[0]!.revision;
        ours.get(kind)!.push(
          await timed(async () => {
            await editPlan(db.pool, actor, planId, revision, edit, everywhere);
            await planView(db.pool, planId, everywhere);
          }),
        );
        naives.get(kind)!.push(await timed(() => naive(db, planId, community)));
      }
    }
    const stat = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    };
    const rows = kinds.map((kind) => {
      const o = stat(ours.get(kind)!);
      const n = stat(naives.get(kind)!);
      return {
        edit: kind,
        'p50 ms': o.p50.toFixed(1),
        'p95 ms': o.p95.toFixed(1),
        'naive p50 ms': n.p50.toFixed(1),
        'naive p95 ms': n.p95.toFixed(1),
        'naive ÷ ours (p50)': (n.p50 / o.p50).toFixed(1),
      };
    });
    const worst = Math.max(...kinds.map((k) => stat(ours.get(k)!).p95));
    printReport(
      `Grid planner, community ${community} (${thousands(top[0]!.members)} members living in it), ${thousands(members)} members, ${rounds} rounds`,
      rows,
      [`Each edit answered with validation and impact; worst p95 ${worst.toFixed(1)} ms (goal: < 200 ms).`],
    );
  } finally {
    await db.close();
  }
}
