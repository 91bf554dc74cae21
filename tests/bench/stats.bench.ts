import { Scope, subtreeRange } from '../../server/src/auth/scope.ts';
import { foldFigureTallies, selectFigures } from '../../server/src/stats/queries.ts';
import { openBenchDatabase } from './bench-database.ts';
import { ensureCases, ensureMembers, timePair, type BenchDatabase } from './bench-support.ts';
import { printReport, thousands } from './report.ts';

const today = "(now() at time zone 'Asia/Shanghai')::date";

// The figures as they were before sql/000034, verbatim: every one counted from its base table.
const oldFiguresSql = `
with units as (
  select a.code, a.name, a.level::text as level, r.lo, r.hi, a.code = $1 as is_root
  from unnest($4::text[], $5::text[], $6::text[]) r(code, lo, hi)
  join area a on a.code = r.code
  where scope_holds(a.code, $2::text[], $3::text[])
),
s as (select * from coverage_setting),
members as (
  select u.code, json_build_object(
           'total', coalesce(sum(d.total), 0), 'mobile', coalesce(sum(d.mobile), 0), 'in_service', coalesce(sum(d.in_service), 0),
           'available', coalesce(sum(d.available), 0), 'skilled', coalesce(sum(d.skilled), 0)) as figures
  from units u left join member_density d on d.level = 6 and d.area_code >= u.lo and d.area_code < u.hi
  group by u.code
),
org_counts as (
  select u.code, o.kind::text as kind, o.sector::text as sector, count(o.id) as n
  from units u join org o on o.area_code >= u.lo and o.area_code < u.hi and o.closed_on is null
  group by u.code, o.kind, o.sector
),
orgs as (
  select u.code, json_build_object(
           'total', coalesce((select sum(n) from org_counts c where c.code = u.code), 0),
           'by_kind', coalesce((select json_object_agg(kind, n) from (select kind, sum(n) as n from org_counts c where c.code = u.code group by kind) k), '{}'::json),
           'by_sector', coalesce((select json_object_agg(sector, n) from (select sector, sum(n) as n from org_counts c where c.code = u.code group by sector) k), '{}'::json)) as figures
  from units u
),
places as (
  select u.code, json_build_object(
           'total', coalesce(sum(k.n), 0),
           'by_kind', coalesce(json_object_agg(k.kind, k.n) filter (where k.kind is not null), '{}'::json)) as figures
  from units u
  left join lateral (select p.kind::text as kind, count(*) as n from place p where p.area_code >= u.lo and p.area_code < u.hi and p.closed_on is null group by p.kind) k on true
  group by u.code
),
new_orgs as (
  select u.code, json_build_object(
           'total', count(n.id),
           'formed', count(n.id) filter (where n.coverage_mode in ('own_branch', 'joint_branch')),
           'covered', count(n.id) filter (where n.coverage_mode is not null),
           'formation_rate', round((count(n.id) filter (where n.coverage_mode in ('own_branch', 'joint_branch')))::numeric / nullif(count(n.id), 0), 4),
           'coverage_rate', round((count(n.id) filter (where n.coverage_mode is not null))::numeric / nullif(count(n.id), 0), 4)) as figures
  from units u left join new_org n on n.area_code >= u.lo and n.area_code < u.hi
  group by u.code
),
cases as (
  select u.code, json_build_object(
           'open', count(c.id) filter (where c.status <> 'closed'),
           'overdue', count(c.id) filter (where c.status <> 'closed' and c.due_at < now()),
           'reported_today', count(c.id) filter (where (c.reported_at at time zone 'Asia/Shanghai')::date = ${today}),
           'closed_today', count(c.id) filter (where (c.closed_at at time zone 'Asia/Shanghai')::date = ${today})) as figures
  from units u left join "case" c on c.community_code >= u.lo and c.community_code < u.hi
  group by u.code
),
first_accepts as (
  select d.id, d.case_id, d.status, d.created_at,
         (select min(a.answered_at) from dispatch_alert a where a.dispatch_id = d.id and a.state in ('accepted', 'arrived')) as first_accept
  from dispatch d where d.created_at > now() - interval '30 days'
),
dispatches as (
  select u.code, json_build_object(
           'today', count(f.id) filter (where (f.created_at at time zone 'Asia/Shanghai')::date = ${today}),
           'active', count(f.id) filter (where f.status = 'active'),
           'median_first_accept_s', round((percentile_cont(0.5) within group (order by extract(epoch from f.first_accept - f.created_at)))::numeric, 1)) as figures
  from units u
  left join "case" c on c.community_code >= u.lo and c.community_code < u.hi
  left join first_accepts f on f.case_id = c.id
  group by u.code
),
-- coverage results are summed per area first (a few hundred rows), then matched to the units
cells_by_area as (
  select c.area_code, count(*) as cells, count(*) filter (where c.available_nearby < s.k) as blind
  from coverage_cell c cross join s group by c.area_code
),
cells as (
  select u.code, coalesce(sum(c.cells), 0) as cells, coalesce(sum(c.blind), 0) as blind
  from units u left join cells_by_area c on c.area_code >= u.lo and c.area_code < u.hi
  group by u.code
),
reach_by_area as (
  select r.area_code, sum(r.households) as households, sum(r.households) filter (where r.distance_m > s.reach_distance_m) as beyond
  from building_reach r cross join s group by r.area_code
),
reach as (
  select u.code, coalesce(sum(r.households), 0) as households, coalesce(sum(r.beyond), 0) as beyond
  from units u left join reach_by_area r on r.area_code >= u.lo and r.area_code < u.hi
  group by u.code
),
wishes as (
  select u.code, json_build_object(
           'open', count(w.id) filter (where w.status = 'open'),
           'claimed', count(w.id) filter (where w.status = 'claimed'),
           'fulfilled_this_year', count(w.id) filter (
             where w.status = 'fulfilled' and (w.fulfilled_at at time zone 'Asia/Shanghai')::date >= date_trunc('year', ${today})::date)) as figures
  from units u left join wish w on w.area_code >= u.lo and w.area_code < u.hi
  group by u.code
)
select u.code, u.name, u.level, u.is_root,
       m.figures as members, o.figures as organizations, p.figures as service_positions, n.figures as new_orgs,
       c.figures as cases, d.figures as dispatch,
       json_build_object(
         'cells', ce.cells, 'blind_cells', ce.blind, 'blind_share', round(ce.blind::numeric / nullif(ce.cells, 0), 4),
         'households', r.households, 'households_beyond_reach', r.beyond,
         'reach_rate', round(1 - r.beyond::numeric / nullif(r.households, 0), 4)) as coverage,
       wi.figures as wishes
from units u
join members m using (code) join orgs o using (code) join places p using (code) join new_orgs n using (code)
join cases c using (code) join dispatches d using (code) join cells ce using (code) join reach r using (code)
join wishes wi using (code)
order by u.is_root desc, u.code`;

/**
 * A dispatch for every fourth case, two minutes after it was reported (active while the case is
 * open), alerting three members of whom two accept 20–320 s after the dispatch.
 */
async function ensureDispatches(db: BenchDatabase): Promise<void> {
  const {
    rows: [n],
  } = await db.pool.query<{ n: number }>('select count(*)::int as n from dispatch');
  if (n!.n > 0) return;
  process.stderr.write('adding dispatches for a quarter of the cases…\n');
  await db.pool.query(
    `insert into dispatch (case_id, radius_m, max_radius_m, wave_size, target, scope_lo, scope_hi, created_at, status, closed_at)
     select c.id, 1000, 1000, 3, 2, array['510703'], array['510704'], c.reported_at + interval '2 minutes',
            case when c.status = 'closed' then 'closed' else 'active' end::dispatch_status, c.closed_at
     from "case" c where c.id % 4 = 0`,
  );
  await db.pool.query(
    `insert into dispatch_alert (dispatch_id, member_id, wave, distance_m, state, alerted_at, answered_at)
     select d.id, m.id, 1, 100 * m.k, case when m.k < 3 then 'accepted' else 'timed_out' end::alert_state, d.created_at,
            d.created_at + (20 + (d.id * m.k) % 300) * interval '1 second'
     from dispatch d
     cross join lateral (select id, row_number() over (order by id) as k from member where id > d.id % 900000 order by id limit 3) m`,
  );
  for (const table of ['dispatch', 'dispatch_alert', 'dispatch_figure']) await db.pool.query(`vacuum analyze ${table}`);
}

/**
 * `npm run bench -- stats [members] [cases] [runs]`: the key figures of the county (and of a town)
 * as the summary reads them, from the tallies of sql/000034 (selectFigures), against the same
 * figures counted from the base tables as before, alternating call by call.
 */
export async function benchStats(args: string[]): Promise<void> {
  const members = Number(args[0] ?? 1_000_000);
  const cases = Number(args[1] ?? 100_000);
  const runs = Number(args[2] ?? 200);
  const db = await openBenchDatabase();
  try {
    await ensureMembers(db, members);
    await ensureCases(db, cases);
    await ensureDispatches(db);
    await foldFigureTallies(db.pool); // as the server's folder does every second
    await db.pool.query('vacuum analyze figure_tally');
    const {
      rows: [counts],
    } = await db.pool.query<{ cases: number; open: number; dispatches: number; recent: number; tally: number }>(
      `select (select count(*) from "case")::int as cases, (select count(*) from "case" where status <> 'closed')::int as open,
              (select count(*) from dispatch)::int as dispatches,
              (select count(*) from dispatch where created_at > now() - interval '30 days')::int as recent,
              (select count(*) from figure_tally)::int as tally`,
    );
    const { rows: towns } = await db.pool.query<{ code: string }>("select min(code) as code from area where level = 'town'");
    const rows: Array<Record<string, string | number>> = [];
    for (const code of ['510703000000', towns[0]!.code]) {
      const scope = Scope.of([code]);
      const { rows: units } = await db.pool.query<{ code: string }>('select code from area where code = $1 or parent_code = $1', [code]);
      const ranges = units.map((u) => subtreeRange(u.code));
      const params = [code, scope.lo, scope.hi, units.map((u) => u.code), ranges.map((r) => r.lo), ranges.map((r) => r.hi)];
      const [before, after] = await timePair(
        runs,
        () => db.pool.query(oldFiguresSql, params),
        () => selectFigures(db.pool, code, scope),
        5, // the counting SQL takes about a second a call
      );
      rows.push({
        area: `${code} (${units.length - 1} children)`,
        'before p50 ms': before.p50.toFixed(2),
        'before p95 ms': before.p95.toFixed(2),
        'after p50 ms': after.p50.toFixed(2),
        'after p95 ms': after.p95.toFixed(2),
        'p50 before / after': (before.p50 / after.p50).toFixed(0),
      });
    }
    const c = counts!;
    printReport(`Key figures with ${thousands(members)} members and ${thousands(c.cases)} cases, ${runs} runs each`, rows, [
      `${thousands(c.open)} open cases, ${thousands(c.dispatches)} dispatches (${thousands(c.recent)} in the last 30 days, two accepted answers each), ${thousands(c.tally)} tally rows after a fold.`,
      'Before: the figures SQL as it was before sql/000034, counting every figure from its table; after: selectFigures, reading the tallies; the two alternate call by call on one connection.',
    ]);
  } finally {
    await db.close();
  }
}
