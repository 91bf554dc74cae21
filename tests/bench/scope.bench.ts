import { Scope } from '../../server/src/auth/scope.ts';
import { selectCases } from '../../server/src/cases/queries.ts';
import { selectMembers } from '../../server/src/members/queries.ts';
import { selectTile } from '../../server/src/tiles/queries.ts';
import { openBenchDatabase } from './bench-database.ts';
import { ensureCases, ensureMembers, timePair } from './bench-support.ts';
import { printReport, thousands } from './report.ts';

// The listings as they were before sql/000011: the same SQL with `like any(patterns)`.
const approx = `st_transform(st_setsrid(st_point(
    floor(st_x(st_transform(m.home, 3857)) / 100) * 100 + 50,
    floor(st_y(st_transform(m.home, 3857)) / 100) * 100 + 50), 3857), 4326)`;
const oldMembersSql = `select m.id, m.name, o.id as org_id, o.name as org_name, m.stars, m.skills, m.available, m.mobile,
  m.in_service, round(st_x(${approx})::numeric, 6)::float8 as approx_lng, round(st_y(${approx})::numeric, 6)::float8 as approx_lat
  from member m join org o on o.id = m.org_id
  where o.area_code like any($1::text[]) and ($2::bigint is null or m.id > $2)
  order by m.id limit 51`;
const oldCasesSql = `select c.id, c.kind, c.title, c.description, c.severity, c.status, st_x(c.geom) as lng, st_y(c.geom) as lat,
  c.town_code, t.name as town_name, c.community_code, k.name as community_name, c.grid_code, g.name as grid_name,
  c.org_id, o.name as org_name, s.name as grid_leader, c.reported_at, c.closed_at, c.idempotency_fingerprint,
  (select d.id from dispatch d where d.case_id = c.id and d.status <> 'closed' order by d.id desc limit 1) as active_dispatch_id
  from "case" c left join area t on t.code = c.town_code
  left join area k on k.code = c.community_code
  left join grid_version g on g.grid_code = c.grid_code and g.valid_to is null
  left join org o on o.id = c.org_id
  left join grid_staff s on s.grid_code = c.grid_code and s.role = 'grid_leader'
  where c.community_code like any($1::text[]) and (c.status <> 'closed')
  order by c.reported_at desc, c.id desc limit 500`;
const oldOrgsTileSql = `select coalesce(st_asmvt(t, 'orgs', 4096, 'geom'), ''::bytea) as mvt
  from (
    select o.id, o.name, o.kind::text as kind, o.sector::text as sector, o.area_code,
           st_asmvtgeom(st_transform(o.geom, 3857), b.env3857, 4096, 64, true) as geom
    from org o, tile_bounds($1, $2, $3) b
    where o.geom && b.env4326 and o.area_code like any($4::text[]) and (o.kind = 'committee' or $1 >= 12)
  ) t
  where t.geom is not null`;

/** The tile at zoom z holding a point. */
function tileAt(z: number, lng: number, lat: number): [number, number, number] {
  const n = 2 ** z;
  const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  return [z, Math.floor(((lng + 180) / 360) * n), y];
}

/**
 * `npm run bench -- scope [members] [runs]`: a community secretary's and a town planner's listings
 * (members page 1 and a later page, open cases, the organizations tile) through the functions the
 * routes call, against the same listings with the LIKE ANY predicate they had before, same run.
 */
export async function benchScope(args: string[]): Promise<void> {
  const members = Number(args[0] ?? 1_000_000);
  const runs = Number(args[1] ?? 200);
  const db = await openBenchDatabase();
  try {
    await ensureMembers(db, members);
    await ensureCases(db, 100_000);
    // communities at the start, the middle and the end of the id order, each with its town
    const { rows: picks } = await db.pool.query<{ code: string; lng: number; lat: number; members: number }>(
      `with c as (
         select m.org_area_code as code, count(*)::int as members, min(m.id) as first
         from member m join area a on a.code = m.org_area_code and a.level in ('community', 'village')
         group by 1 having count(*) > 500),
       p as (select distinct on (part) * from (select *, ntile(3) over (order by first) as part from c) x order by part, first)
       select p.code, p.members, st_x(g.p) as lng, st_y(g.p) as lat
       from p cross join lateral (select st_pointonsurface(geom) as p from area where code = p.code) g
       order by p.first`,
    );
    const rows: Array<Record<string, string | number>> = [];
    for (const [role, scopeOf] of [
      ['secretary (community)', (code: string) => code],
      ['planner (town)', (code: string) => `${code.slice(0, 9)}000`],
    ] as const) {
      const scopes = picks.map((p) => ({ scope: Scope.of([scopeOf(p.code)]), pick: p }));
      // the id after which the 20th page starts, per scope
      const deep = await Promise.all(
        scopes.map(async ({ scope }) => {
          let after: number | undefined;
          for (let page = 0; page < 19; page += 1) {
            const got = await selectMembers(db.pool, { limit: 50, after }, scope);
            after = got[49]?.id ?? after;
          }
          return after;
        }),
      );
      const pick = (i: number) => scopes[i % scopes.length]!;
      const listings: Array<[string, (i: number) => Promise<unknown>, (i: number) => Promise<unknown>]> = [
        ['members, page 1', (i) => selectMembers(db.pool, { limit: 50 }, pick(i).scope), (i) => db.pool.query(oldMembersSql, [pick(i).scope.patterns, null])],
        [
          'members, page 20',
          (i) => selectMembers(db.pool, { limit: 50, after: deep[i % scopes.length] }, pick(i).scope),
          (i) => db.pool.query(oldMembersSql, [pick(i).scope.patterns, deep[i % scopes.length]]),
        ],
        ['open cases (≤ 500)', (i) => selectCases(db.pool, 'open', pick(i).scope), (i) => db.pool.query(oldCasesSql, [pick(i).scope.patterns])],
        [
          'organizations tile, z12',
          (i) => {
            const { scope, pick: p } = pick(i);
            const [z, x, y] = tileAt(12, p.lng, p.lat);
            return selectTile(db.pool, 'orgs', z, x, y, { scope, withHouseholds: false, at: null });
          },
          (i) => {
            const { scope, pick: p } = pick(i);
            return db.pool.query(oldOrgsTileSql, [...tileAt(12, p.lng, p.lat), scope.patterns]);
          },
        ],
      ];
      for (const [listing, now, before] of listings) {
        const [old, ranged] = await timePair(runs, before, now);
        rows.push({
          caller: role,
          listing,
          'before p50 ms': old.p50.toFixed(2),
          'before p95 ms': old.p95.toFixed(2),
          'after p50 ms': ranged.p50.toFixed(2),
          'after p95 ms': ranged.p95.toFixed(2),
          'p95 before / after': (old.p95 / ranged.p95).toFixed(1),
        });
      }
    }
    printReport(`Scoped listings with ${thousands(members)} members, ${runs} runs each`, rows, [
      `Scopes: the communities ${picks.map((p) => `${p.code} (${thousands(p.members)} members)`).join(', ')}, at the start, middle and end of the id order, and their towns; one connection, one query at a time.`,
      'Before: the same SQL with `like any(patterns)`, raw; after: the functions the routes call (scope_holds, sql/000011); the two alternate call by call.',
    ]);
  } finally {
    await db.close();
  }
}
