-- The 30-day dispatch figures without reading the 30 days. The summary took each unit's median of
-- seconds to the first answer by sorting every dispatch of the last 30 days, and counted today's,
-- the active and the answered ones from the same rows (10,762 for the county at 100,000 cases:
-- 14 of its 19 ms). Now:
--
-- * The median is read as an order statistic: with the count of a unit's answered dispatches in
--   the window, the reader walks the unit's index below in order of seconds and stops at the
--   middle, reading half of them and sorting none; still exact. A unit is a county, a town or a
--   community (codes nest 6 + 3 + 3 digits), so each level has its key and its index; created_at
--   travels in the index so the walk skips older rows without the heap. Rows older than the window
--   are only ever skipped, so prune_dispatch_figures() (called by every fold) removes those past
--   31 days; a dispatch moved back into the window gets its row again from the update trigger.
-- * The counts come from figure_tally by day (below), and only the window's first, partial day
--   from the rows.

alter table dispatch_figure add column county_key bigint generated always as (left(area_code, 6)::bigint) stored;

create index dispatch_figure_county_answer_idx on dispatch_figure (county_key, first_accept_s) include (created_at) where first_accept_s is not null;
create index dispatch_figure_town_answer_idx on dispatch_figure (town_key, first_accept_s) include (created_at) where first_accept_s is not null;
create index dispatch_figure_community_answer_idx on dispatch_figure (community_key, first_accept_s) include (created_at) where first_accept_s is not null;

-- Removes figure rows of dispatches created more than 31 days ago (the figures read 30): a day's
-- margin so that no reader's window, whatever its now(), reaches a pruned row. Called by the fold
-- (below). Answers the rows removed.
create function prune_dispatch_figures() returns integer language plpgsql as $$
declare
  pruned integer;
begin
  delete from dispatch_figure where created_at < now() - interval '31 days';
  get diagnostics pruned = row_count;
  return pruned;
end $$;

-- As in sql/000034, and a dispatch without a figure row (pruned, then moved back into the
-- window) gets one.
create or replace function dispatch_figures_on_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into dispatch_figure (dispatch_id, area_code, created_at, status, first_accept_at)
    select n.id, c.community_code, n.created_at, n.status, dispatch_first_accept(n.id)
    from new_rows n join "case" c on c.id = n.case_id
    order by n.id;
  elsif tg_op = 'DELETE' then
    delete from dispatch_figure f using old_rows o where f.dispatch_id = o.id;
  else
    update dispatch_figure f set area_code = c.community_code, created_at = n.created_at, status = n.status
    from new_rows n join "case" c on c.id = n.case_id
    where f.dispatch_id = n.id and (f.area_code, f.created_at, f.status) is distinct from (c.community_code, n.created_at, n.status);
    insert into dispatch_figure (dispatch_id, area_code, created_at, status, first_accept_at)
    select n.id, c.community_code, n.created_at, n.status, dispatch_first_accept(n.id)
    from new_rows n join "case" c on c.id = n.case_id
    where n.created_at >= now() - interval '31 days' and not exists (select from dispatch_figure f where f.dispatch_id = n.id)
    order by n.id
    on conflict (dispatch_id) do nothing;
  end if;
  return null;
end $$;

-- Dispatch counts by day. The summary counted the last 30 days' dispatches per unit from their
-- figure rows on every call (today's, the active and the answered ones: 10,762 rows for the county,
-- a third of its time). Now figure_tally holds them per area and day of creation (China Standard
-- Time): all, the active (key) and the answered (sub_key), kept from dispatch_figure's own changes; a reader sums the whole days of its window from the tally and counts only the part of
-- the window's first day from the rows (the window starts at now() - 30 days, to the microsecond).
-- The fold keeps 32 days of them, and the totals of today and yesterday.
alter table figure_tally drop constraint figure_tally_figure_check;
alter table figure_tally add constraint figure_tally_figure_check
  check (figure in ('case_open', 'case_reported', 'case_closed', 'org', 'place', 'new_org', 'wish', 'dispatch'));

-- What a dispatch counts for on the day it was created: every one for that day's total (read for
-- today only, so the fold drops older days), an active one for the active, an answered one for the
-- answered (read over the window).
create function dispatch_figure_facts(status dispatch_status, first_accept_s float8) returns table (key text, sub_key text)
language sql immutable parallel safe as $$
  select f.key, f.sub_key
  from (values ('', ''), ('active', ''), ('', 'answered')) f(key, sub_key)
  where (f.key = '' or status = 'active') and (f.sub_key = '' or first_accept_s is not null)
$$;
create function dispatch_figure_day(created_at timestamptz) returns date language sql immutable parallel safe as $$
  select (created_at at time zone 'Asia/Shanghai')::date
$$;

create function dispatch_figure_tally_on_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into figure_tally_pending (area_code, figure, key, sub_key, day, n)
    select n.area_code, 'dispatch', f.key, f.sub_key, dispatch_figure_day(n.created_at), count(*)
    from new_rows n cross join dispatch_figure_facts(n.status, n.first_accept_s) f where n.area_code is not null group by 1, 2, 3, 4, 5;
  elsif tg_op = 'DELETE' then
    insert into figure_tally_pending (area_code, figure, key, sub_key, day, n)
    select o.area_code, 'dispatch', f.key, f.sub_key, dispatch_figure_day(o.created_at), -count(*)
    from old_rows o cross join dispatch_figure_facts(o.status, o.first_accept_s) f where o.area_code is not null group by 1, 2, 3, 4, 5;
  else
    insert into figure_tally_pending (area_code, figure, key, sub_key, day, n)
    select x.area_code, 'dispatch', x.key, x.sub_key, x.day, sum(x.n)
    from (
      select o.area_code, f.key, f.sub_key, dispatch_figure_day(o.created_at) as day, -1 as n
      from old_rows o cross join dispatch_figure_facts(o.status, o.first_accept_s) f
      union all
      select n.area_code, f.key, f.sub_key, dispatch_figure_day(n.created_at), 1
      from new_rows n cross join dispatch_figure_facts(n.status, n.first_accept_s) f
    ) x
    where x.area_code is not null
    group by 1, 2, 3, 4, 5
    having sum(x.n) <> 0;
  end if;
  return null;
end $$;
create trigger dispatch_figure_tally_ins after insert on dispatch_figure referencing new table as new_rows
  for each statement execute function dispatch_figure_tally_on_change();
create trigger dispatch_figure_tally_upd after update on dispatch_figure referencing old table as old_rows new table as new_rows
  for each statement execute function dispatch_figure_tally_on_change();
create trigger dispatch_figure_tally_del after delete on dispatch_figure referencing old table as old_rows
  for each statement execute function dispatch_figure_tally_on_change();

-- As in sql/000034, pruning dispatch_figure first, and dispatch days older than the window dropped
-- (totals older than yesterday).
create or replace function fold_figure_tallies() returns integer language plpgsql as $$
declare
  cutoff date := (now() at time zone 'Asia/Shanghai')::date - 1;
  folded integer;
begin
  perform pg_advisory_xact_lock(hashtext('redgrid.figure_fold'));
  -- under the fold's lock, as refresh_figure_tallies() rewrites dispatch_figure under it too; what
  -- the prune takes away is pending, and folded by the next statement
  perform prune_dispatch_figures();
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
       or (figure = 'dispatch' and (day < cutoff - 31 or key = '' and sub_key = '' and day < cutoff))
    returning area_code, figure, key, sub_key, day, n
  ),
  d as (
    select area_code, figure, key, sub_key, case when figure = 'case_open' and day < cutoff then '-infinity' else day end as day, sum(n) as n
    from (select *, 0 as aged from rolled union all select *, 1 from aged where figure = 'case_open') x
    where not (figure in ('case_reported', 'case_closed') and day < cutoff)
      and not (figure = 'dispatch' and (day < cutoff - 31 or key = '' and sub_key = '' and day < cutoff))
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


-- As in sql/000034, with the dispatch counts, and the figure rows of the last 31 days only.
create or replace function refresh_figure_tallies() returns void language plpgsql as $$
begin
  lock table "case", dispatch, dispatch_alert, org, place, new_org, wish, coverage_cell, building_reach in share mode;
  perform pg_advisory_xact_lock(hashtext('redgrid.figure_fold'));
  -- the figure rows first: what their trigger adds to the pending rows is cleared with the rest
  delete from dispatch_figure;
  insert into dispatch_figure (dispatch_id, area_code, created_at, status, first_accept_at)
  select d.id, c.community_code, d.created_at, d.status, a.first_accept_at
  from dispatch d
  join "case" c on c.id = d.case_id
  left join (
    select dispatch_id, min(answered_at) as first_accept_at from dispatch_alert where state in ('accepted', 'arrived') group by dispatch_id
  ) a on a.dispatch_id = d.id
  where d.created_at >= now() - interval '31 days';

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
    union all
    select d.area_code, 'dispatch', f.key, f.sub_key, dispatch_figure_day(d.created_at), count(*)
    from dispatch_figure d cross join dispatch_figure_facts(d.status, d.first_accept_s) f where d.area_code is not null group by 1, 2, 3, 4, 5
  ) x cross join unnest(figure_areas(x.area_code)) a(code)
  group by 1, 2, 3, 4, 5;
  -- old days as the fold leaves them
  perform fold_figure_tallies();

  perform refresh_coverage_figures();
end $$;

select refresh_figure_tallies();
