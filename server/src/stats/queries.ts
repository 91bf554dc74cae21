import type pg from 'pg';
import { subtreeRange, type Scope } from '../auth/scope.ts';
import type { AreaFigures, CoverageSettings } from '../contract/stats.ts';
import type { Queryable } from '../db/transaction.ts';

/** dispatch_figure's key column for the units whose codes share a prefix of this length (sql/000035). */
const levelKeys = { 6: 'county_key', 9: 'town_key', 12: 'community_key' } as const;
type LevelKey = (typeof levelKeys)[keyof typeof levelKeys];

function levelKey(prefixLength: number): LevelKey {
  const key = levelKeys[prefixLength as keyof typeof levelKeys];
  if (!key) throw new Error(`no dispatch figure key for a ${prefixLength}-digit code prefix`);
  return key;
}

/**
 * The middle one or two answered dispatches of a unit, by seconds to the first answer, from its
 * level's index: `d.answered` of them in the window, so half of them are read, in order. The
 * interpolation is percentile_cont(0.5)'s, to the last bit.
 */
const middle = (key: LevelKey) => `
  select min(m.s) + 0.5 * (max(m.s) - min(m.s))
  from (
    select f.first_accept_s as s from dispatch_figure f
    where f.${key} = u.lo::bigint and f.first_accept_s is not null and f.created_at > now() - interval '30 days'
    order by f.first_accept_s offset (d.answered - 1) / 2 limit 2 - d.answered % 2
  ) m`;

/** "Today" for the figures is the calendar day in China Standard Time. */
const today = "(now() at time zone 'Asia/Shanghai')::date";

/**
 * Key figures for an area and each of its children, in one statement, from maintained counts
 * (sql/000034): members from the density pyramid's coarsest level, cases, organizations,
 * places, new-type organizations and wishes from `figure_tally` plus its pending rows, dispatches
 * from their figure rows of the last 30 days, coverage from its per-area sums; only the open cases
 * falling due today are counted from "case" itself. A few hundred rows an area at most, whatever
 * the tables hold. Each unit matches codes by its subtree's code range ($4–$6, made by
 * subtreeRange, the one place that rule lives). Only units in the caller's scope ($2, $3) are
 * answered: no root row means the area is out of scope. `rootKey` and `childKey` name the
 * dispatch_figure key columns of the root's and the children's level (levelKey).
 */
const figuresSql = (rootKey: LevelKey, childKey: LevelKey) => `
with units as (
  select a.code, a.name, a.level::text as level, r.lo, r.hi, a.code = $1 as is_root
  from unnest($4::text[], $5::text[], $6::text[]) r(code, lo, hi)
  join area a on a.code = r.code
  where scope_holds(a.code, $2::text[], $3::text[])
),
bounds as (select min(lo) as lo, max(hi) as hi from units),
-- today, and the 30-day window's first day, of which only the part after now() - 30 days counts
clock as (
  select d.today, d.today::timestamp at time zone 'Asia/Shanghai' as day_start, (d.today + 1)::timestamp at time zone 'Asia/Shanghai' as day_end,
         d.window_day, (d.window_day + 1)::timestamp at time zone 'Asia/Shanghai' as window_end
  from (select ${today} as today, ((now() - interval '30 days') at time zone 'Asia/Shanghai')::date as window_day) d
),
-- the pending tally rows in the subtree, each for every unit among its area's ancestors (read once
-- for the tallies and the dispatch days)
pending as materialized (
  select u.code, p.figure, p.key, p.sub_key, p.day, p.n
  from figure_tally_pending p cross join bounds b join units u on u.code = any(figure_areas(p.area_code))
  where p.area_code >= b.lo and p.area_code < b.hi
),
-- each unit's members from the pyramid's communities in its range (an index range a unit)
members as materialized (
  select u.code, json_build_object('total', d.total, 'mobile', d.mobile, 'in_service', d.in_service, 'available', d.available, 'skilled', d.skilled) as figures
  from units u
  cross join lateral (
    select coalesce(sum(d.total), 0) as total, coalesce(sum(d.mobile), 0) as mobile, coalesce(sum(d.in_service), 0) as in_service,
           coalesce(sum(d.available), 0) as available, coalesce(sum(d.skilled), 0) as skilled
    from member_density d where d.level = 6 and d.area_code >= u.lo and d.area_code < u.hi
  ) d
),
-- each unit's own tally rows (the fold adds every area's counts to its town and county too,
-- sql/000034) and what is pending in its subtree, matched through the same ancestors; case days
-- other than today are no figure; dispatches are summed apart (dispatch_days)
tallies as materialized (
  select x.code, x.figure, x.key, x.sub_key, x.figure = 'case_open' and x.day < k.today as past,
         x.figure = 'wish' and x.day >= make_date(extract(year from k.today)::integer, 1, 1) as this_year, sum(x.n) as n
  from (
    select u.code, t.figure, t.key, t.sub_key, t.day, t.n from units u join figure_tally t on t.area_code = u.code and t.figure < 'dispatch'
    union all
    select u.code, t.figure, t.key, t.sub_key, t.day, t.n from units u join figure_tally t on t.area_code = u.code and t.figure > 'dispatch'
    union all
    select p.code, p.figure, p.key, p.sub_key, p.day, p.n from pending p where p.figure <> 'dispatch'
  ) x cross join clock k
  where x.figure not in ('case_reported', 'case_closed') or x.day = k.today
  group by 1, 2, 3, 4, 5, 6
  having sum(x.n) <> 0
),
-- organizations summed per unit, per kind and per sector in one pass
org_sums as (
  select t.code, t.key as kind, t.sub_key as sector, grouping(t.key, t.sub_key) as level, sum(t.n) as n
  from tallies t where t.figure = 'org'
  group by grouping sets ((t.code), (t.code, t.key), (t.code, t.sub_key))
  having sum(t.n) <> 0
),
orgs as materialized (
  select u.code, json_build_object(
           'total', coalesce(sum(s.n) filter (where s.level = 3), 0),
           'by_kind', coalesce(json_object_agg(s.kind, s.n) filter (where s.level = 1), '{}'::json),
           'by_sector', coalesce(json_object_agg(s.sector, s.n) filter (where s.level = 2), '{}'::json)) as figures
  from units u left join org_sums s on s.code = u.code
  group by u.code
),
places as materialized (
  select u.code, json_build_object(
           'total', coalesce(sum(t.n), 0),
           'by_kind', coalesce(json_object_agg(t.key, t.n) filter (where t.key is not null), '{}'::json)) as figures
  from units u left join tallies t on t.code = u.code and t.figure = 'place'
  group by u.code
),
new_orgs as materialized (
  select u.code, json_build_object(
           'total', coalesce(sum(t.n), 0),
           'formed', coalesce(sum(t.n) filter (where t.key in ('own_branch', 'joint_branch')), 0),
           'covered', coalesce(sum(t.n) filter (where t.key <> ''), 0),
           'formation_rate', round((sum(t.n) filter (where t.key in ('own_branch', 'joint_branch')))::numeric / nullif(sum(t.n), 0), 4),
           'coverage_rate', round((sum(t.n) filter (where t.key <> ''))::numeric / nullif(sum(t.n), 0), 4)) as figures
  from units u left join tallies t on t.code = u.code and t.figure = 'new_org'
  group by u.code
),
-- open cases due between the start of today and now: overdue by the hour, so counted directly
due_today as (
  select c.community_code as area_code, count(*) as n
  from "case" c, bounds b, clock k
  where c.status <> 'closed' and c.due_at >= k.day_start and c.due_at < now()
    and c.community_code >= b.lo and c.community_code < b.hi
  group by 1
),
overdue_today as (
  select u.code, sum(d.n) as n from units u join due_today d on d.area_code >= u.lo and d.area_code < u.hi group by u.code
),
cases as materialized (
  select u.code, json_build_object(
           'open', coalesce(sum(t.n) filter (where t.figure = 'case_open'), 0),
           'overdue', coalesce(sum(t.n) filter (where t.figure = 'case_open' and t.past), 0) + coalesce(min(o.n), 0),
           'reported_today', coalesce(sum(t.n) filter (where t.figure = 'case_reported'), 0),
           'closed_today', coalesce(sum(t.n) filter (where t.figure = 'case_closed'), 0)) as figures
  from units u
  left join tallies t on t.code = u.code and t.figure in ('case_open', 'case_reported', 'case_closed')
  left join overdue_today o on o.code = u.code
  group by u.code
),
-- the last 30 days' dispatches: their whole days from the tallies (today's, the active and the
-- answered ones), the window's first, partial day from the figure rows (a day's worth, from the
-- creation index) for the root and each child (the child's key column: town or community); each
-- unit's exact median of seconds to the first answer is then the middle of its answered ones,
-- walked in order on the unit's level index (sql/000035), never sorted
window_start as materialized (
  select f.${childKey} as child, grouping(f.${childKey}) = 1 as whole,
         count(*) filter (where f.status = 'active') as active, count(f.first_accept_s) as answered
  from dispatch_figure f, bounds b, clock k
  where f.created_at > now() - interval '30 days' and f.created_at < k.window_end and f.area_code >= b.lo and f.area_code < b.hi
  group by rollup (f.${childKey})
),
dispatch_days as materialized (
  select x.code, sum(x.n) filter (where x.key = '' and x.sub_key = '' and x.day = k.today) as today,
         sum(x.n) filter (where x.key = 'active') as active, sum(x.n) filter (where x.sub_key = 'answered') as answered
  from (
    select u.code, t.key, t.sub_key, t.day, t.n
    from units u cross join clock k join figure_tally t on t.area_code = u.code and t.figure = 'dispatch' and t.day > k.window_day
    union all
    select p.code, p.key, p.sub_key, p.day, p.n from pending p where p.figure = 'dispatch'
  ) x cross join clock k
  where x.day > k.window_day
  group by x.code
),
dispatch_counts as materialized (
  -- counts as bigint: sums are numeric, and a numeric offset of 0.5 would round up
  select u.code, coalesce(t.today, 0)::bigint as today, (coalesce(t.active, 0) + coalesce(w.active, 0))::bigint as active,
         (coalesce(t.answered, 0) + coalesce(w.answered, 0))::bigint as answered
  from units u
  left join dispatch_days t on t.code = u.code
  left join window_start w on case when u.is_root then w.whole else not w.whole and w.child = u.lo::bigint end
),
dispatches as materialized (
  select u.code, json_build_object(
           'today', d.today,
           'active', d.active,
           'median_first_accept_s', round(case
             when d.answered > 0 and u.is_root then (${middle(rootKey)})
             when d.answered > 0 then (${middle(childKey)})
           end::numeric, 1)) as figures
  from units u join dispatch_counts d on d.code = u.code
),
coverage as materialized (
  select u.code, coalesce(sum(c.cells), 0) as cells, coalesce(sum(c.blind_cells), 0) as blind,
         coalesce(sum(c.households), 0) as households, coalesce(sum(c.households_beyond), 0) as beyond
  from units u left join coverage_area_tally c on c.area_code >= u.lo and c.area_code < u.hi
  group by u.code
),
wishes as materialized (
  select u.code, json_build_object(
           'open', coalesce(sum(t.n) filter (where t.key = 'open'), 0),
           'claimed', coalesce(sum(t.n) filter (where t.key = 'claimed'), 0),
           'fulfilled_this_year', coalesce(sum(t.n) filter (where t.key = 'fulfilled' and t.this_year), 0)) as figures
  from units u left join tallies t on t.code = u.code and t.figure = 'wish'
  group by u.code
)
-- each figure looked up per unit: a join of ten relations would cost the planner more than the rows
select u.code, u.name, u.level, u.is_root,
       (select m.figures from members m where m.code = u.code) as members,
       (select o.figures from orgs o where o.code = u.code) as organizations,
       (select p.figures from places p where p.code = u.code) as service_positions,
       (select n.figures from new_orgs n where n.code = u.code) as new_orgs,
       (select c.figures from cases c where c.code = u.code) as cases,
       (select d.figures from dispatches d where d.code = u.code) as dispatch,
       (select json_build_object(
                 'cells', ce.cells, 'blind_cells', ce.blind, 'blind_share', round(ce.blind::numeric / nullif(ce.cells, 0), 4),
                 'households', ce.households, 'households_beyond_reach', ce.beyond,
                 'reach_rate', round(1 - ce.beyond::numeric / nullif(ce.households, 0), 4))
        from coverage ce where ce.code = u.code) as coverage,
       (select wi.figures from wishes wi where wi.code = u.code) as wishes
from units u
order by u.is_root desc, u.code`;

export type FiguresRow = AreaFigures & { is_root: boolean };

export async function selectFigures(db: Queryable, code: string, scope: Scope): Promise<FiguresRow[]> {
  const { rows: units } = await db.query<{ code: string }>({
    name: 'stats_units',
    text: 'select code from area where code = $1 or parent_code = $1',
    values: [code],
  });
  const ranges = units.map((u) => subtreeRange(u.code));
  // the children are all of one level, so one prefix length tells a row's child from its code
  const childPrefix = ranges.find((_, i) => units[i]?.code !== code)?.lo.length ?? 12;
  // prepared once per connection and level: every part is materialized once, so the generic plan
  // (which PostgreSQL settles on after five calls) is as good as one planned per call, and saves
  // the 2-4 ms that planning these fifteen parts took
  const rootPrefix = subtreeRange(code).lo.length;
  const { rows } = await db.query<FiguresRow>({
    name: `stats_figures_${rootPrefix}_${childPrefix}`,
    text: figuresSql(levelKey(rootPrefix), levelKey(childPrefix)),
    values: [code, scope.lo, scope.hi, units.map((u) => u.code), ranges.map((r) => r.lo), ranges.map((r) => r.hi)],
  });
  return rows;
}

/**
 * Moves committed pending figure deltas into their tallies (sql/000034), having dropped the figure
 * rows of dispatches past the 30-day window (sql/000035). Answers the tally rows written.
 */
export async function foldFigureTallies(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ folded: number }>({ name: 'fold_figure_tallies', text: 'select fold_figure_tallies() as folded' });
  return rows[0]?.folded ?? 0;
}

export async function selectCoverageSettings(db: pg.Pool): Promise<CoverageSettings & { data_changed_at: string }> {
  const { rows } = await db.query<CoverageSettings & { data_changed_at: string }>(
    `select k, radius_m, reach_distance_m, to_json(computed_at) #>> '{}' as computed_at,
            (select to_json(max(changed_at)) #>> '{}' from data_version) as data_changed_at
     from coverage_setting`,
  );
  return rows[0] as CoverageSettings & { data_changed_at: string };
}
