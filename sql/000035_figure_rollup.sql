-- The county's figures in a few milliseconds (000034 took ~35 ms at 100,000 cases): a unit read
-- every tally row of its subtree and every dispatch of the last month computed its seconds and its
-- child per row. Now:
--
-- * the fold adds each delta to its area and to the area's town and county as well (codes nest:
--   6 + 3 + 3 digits), so a unit's figures are the tally rows of its own code, found by the
--   primary key; what is still pending is matched the same way, through the same ancestors;
-- * a dispatch's figure row keeps its seconds to the first answer and its town's and community's
--   codes as numbers, in the index the last month is read by.

-- An area code and the codes of the town and county it lies in (itself alone if not 12 digits).
create function figure_areas(code text) returns text[] language sql immutable parallel safe as $$
  select case when code ~ '^[0-9]{12}$'
              then array(select distinct c from unnest(array[code, left(code, 9) || '000', left(code, 6) || '000000']) c order by c)
              else array[code] end
$$;

-- As in 000034, with each pending delta added to its area and its ancestors.
create or replace function fold_figure_tallies() returns integer language plpgsql as $$
declare
  cutoff date := (now() at time zone 'Asia/Shanghai')::date - 1;
  folded integer;
begin
  perform pg_advisory_xact_lock(hashtext('redgrid.figure_fold'));
  with gone as (
    delete from figure_tally_pending returning area_code, figure, key, sub_key, day, n
  ),
  rolled as (
    select a.code as area_code, g.figure, g.key, g.sub_key, g.day, g.n
    from gone g cross join unnest(figure_areas(g.area_code)) a(code)
  ),
  aged as (
    delete from figure_tally
    where (figure = 'case_open' and day < cutoff and day > '-infinity') or (figure in ('case_reported', 'case_closed') and day < cutoff)
    returning area_code, figure, key, sub_key, day, n
  ),
  d as (
    select area_code, figure, key, sub_key, case when figure = 'case_open' and day < cutoff then '-infinity' else day end as day, sum(n) as n
    from (select *, 0 as aged from rolled union all select *, 1 from aged where figure = 'case_open') x
    where not (figure in ('case_reported', 'case_closed') and day < cutoff)
    group by 1, 2, 3, 4, 5
  )
  merge into figure_tally t
  using d on t.area_code = d.area_code and t.figure = d.figure and t.key = d.key and t.sub_key = d.sub_key and t.day = d.day
  when matched and t.n + d.n = 0 then delete
  when matched and d.n <> 0 then update set n = t.n + d.n
  when not matched and d.n <> 0 then insert (area_code, figure, key, sub_key, day, n) values (d.area_code, d.figure, d.key, d.sub_key, d.day, d.n);
  get diagnostics folded = row_count;
  return folded;
end $$;

alter table dispatch_figure
  add column first_accept_s float8 generated always as (date_part('epoch', first_accept_at - created_at)) stored,
  add column town_key       bigint generated always as (left(area_code, 9)::bigint) stored,
  add column community_key  bigint generated always as (left(area_code, 12)::bigint) stored;
drop index dispatch_figure_created_idx;
create index dispatch_figure_created_idx on dispatch_figure (created_at) include (area_code, status, first_accept_s, town_key, community_key);

-- As in 000034, with each area's counts added to its town and county too.
create or replace function refresh_figure_tallies() returns void language plpgsql as $$
begin
  lock table "case", dispatch, dispatch_alert, org, place, new_org, wish, coverage_cell, building_reach in share mode;
  perform pg_advisory_xact_lock(hashtext('redgrid.figure_fold'));
  delete from figure_tally_pending;
  delete from figure_tally;
  insert into figure_tally (area_code, figure, key, sub_key, day, n)
  select a.code, x.figure, x.key, x.sub_key, x.day, sum(x.n)
  from (
    select c.community_code as area_code, f.figure, '' as key, '' as sub_key, f.day, count(*) as n
    from "case" c cross join lateral case_figure_days(c.status, c.reported_at, c.due_at, c.closed_at) f
    where c.community_code is not null
    group by 1, 2, 3, 4, 5
    union all
    select area_code, 'org', kind::text, sector::text, '-infinity'::date, count(*) from org where closed_on is null group by 1, 2, 3, 4, 5
    union all
    select area_code, 'place', kind::text, '', '-infinity'::date, count(*) from place where closed_on is null group by 1, 2, 3, 4, 5
    union all
    select area_code, 'new_org', coalesce(coverage_mode::text, ''), '', '-infinity'::date, count(*) from new_org group by 1, 2, 3, 4, 5
    union all
    select area_code, 'wish', status::text, '', wish_figure_day(status, fulfilled_at), count(*) from wish group by 1, 2, 3, 4, 5
  ) x cross join unnest(figure_areas(x.area_code)) a(code)
  group by 1, 2, 3, 4, 5;
  -- old days as the fold leaves them
  perform fold_figure_tallies();

  delete from dispatch_figure;
  insert into dispatch_figure (dispatch_id, area_code, created_at, status, first_accept_at)
  select d.id, c.community_code, d.created_at, d.status, a.first_accept_at
  from dispatch d
  join "case" c on c.id = d.case_id
  left join (
    select dispatch_id, min(answered_at) as first_accept_at from dispatch_alert where state in ('accepted', 'arrived') group by dispatch_id
  ) a on a.dispatch_id = d.id;

  perform refresh_coverage_figures();
end $$;

select refresh_figure_tallies();
