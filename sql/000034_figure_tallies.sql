-- Key figures from maintained tallies. The stats summary counted cases, dispatches (a first-accept
-- subquery each), organizations, places, new-type organizations, wishes and the coverage results
-- afresh on every request: ~420 ms for the demo county at 10,000 cases. Now:
--
-- * `figure_tally` holds counts per area code, figure and key (an organization's kind and sector, a
--   wish's status …) and day where time matters: open cases by the day they fall due, cases by the
--   day they were reported and closed, fulfilled wishes by the year. A write appends its rows as
--   they were (-1) and are (+1) to `figure_tally_pending`, so writers share no row and never wait
--   for each other; a figure is the tally plus what is pending (exact at once, like data_version),
--   and `fold_figure_tallies()` moves committed pending rows into the tally now and then, adding each
--   to its area and to the area's town and county (codes nest: 6 + 3 + 3 digits), so a unit's
--   figures are the rows of its own code, found by the primary key.
-- * Days are calendar days in China Standard Time, as the figures' "today" is. A case due before
--   today is overdue while open whatever the hour; one due today is counted straight from "case"
--   (few rows, by a partial index), so `overdue` stays `open and due_at < now()` to the microsecond.
-- * `dispatch_figure` is a dispatch's row for the figures: its case's community, creation, status
--   and first accepted or arrived answer, indexed by creation, so the last 30 days' median is
--   still taken over exact values.
-- * `coverage_area_tally` sums the coverage results per area; refresh_coverage() rewrites them
--   and its statement triggers keep the sums, a change of k or reach distance recounts them.

create table figure_tally (
  area_code text not null,
  figure    text not null check (figure in ('case_open', 'case_reported', 'case_closed', 'org', 'place', 'new_org', 'wish')),
  key       text not null default '',
  sub_key   text not null default '',
  -- case_open: due day ('infinity' without one; '-infinity' for every day before yesterday, folded);
  -- case_reported, case_closed: that day; wish: 1 January of the fulfilment's year; else '-infinity'
  day       date not null default '-infinity',
  n         bigint not null,
  primary key (area_code, figure, key, sub_key, day)
);
create index figure_tally_day_idx on figure_tally (figure, day);

create table figure_tally_pending (
  area_code text not null,
  figure    text not null,
  key       text not null default '',
  sub_key   text not null default '',
  day       date not null default '-infinity',
  n         bigint not null
);

-- The days a case counts on: reported, due while open, closed.
create function case_figure_days(status case_status, reported_at timestamptz, due_at timestamptz, closed_at timestamptz)
returns table (figure text, day date) language sql immutable parallel safe as $$
  select f.figure, f.day
  from (values
    ('case_reported', (reported_at at time zone 'Asia/Shanghai')::date),
    ('case_open', case when status <> 'closed' then coalesce((due_at at time zone 'Asia/Shanghai')::date, 'infinity') end),
    ('case_closed', (closed_at at time zone 'Asia/Shanghai')::date)
  ) f(figure, day)
  where f.day is not null
$$;

-- 1 January of a fulfilled wish's year (Shanghai time); '-infinity' for any other wish.
create function wish_figure_day(status wish_status, fulfilled_at timestamptz)
returns date language sql immutable parallel safe as $$
  select case when status = 'fulfilled' and fulfilled_at is not null
              then make_date(extract(year from fulfilled_at at time zone 'Asia/Shanghai')::integer, 1, 1)
              else '-infinity'::date end
$$;

-- Static statements (planned once per connection): a case write pays for one small insert.
create function case_figures_on_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into figure_tally_pending (area_code, figure, day, n)
    select c.community_code, f.figure, f.day, count(*)
    from new_rows c cross join lateral case_figure_days(c.status, c.reported_at, c.due_at, c.closed_at) f
    where c.community_code is not null
    group by 1, 2, 3;
  elsif tg_op = 'DELETE' then
    insert into figure_tally_pending (area_code, figure, day, n)
    select c.community_code, f.figure, f.day, -count(*)
    from old_rows c cross join lateral case_figure_days(c.status, c.reported_at, c.due_at, c.closed_at) f
    where c.community_code is not null
    group by 1, 2, 3;
  else
    insert into figure_tally_pending (area_code, figure, day, n)
    select c.community_code, f.figure, f.day, sum(c.sign)
    from (
      select community_code, status, reported_at, due_at, closed_at, 1 as sign from new_rows
      union all
      select community_code, status, reported_at, due_at, closed_at, -1 from old_rows
    ) c cross join lateral case_figure_days(c.status, c.reported_at, c.due_at, c.closed_at) f
    where c.community_code is not null
    group by 1, 2, 3
    having sum(c.sign) <> 0;
    -- a case moved to another community takes its dispatches along
    if exists (select from new_rows n join old_rows o on o.id = n.id where n.community_code is distinct from o.community_code) then
      update dispatch_figure f set area_code = n.community_code
      from new_rows n join old_rows o on o.id = n.id join dispatch d on d.case_id = n.id
      where n.community_code is distinct from o.community_code and f.dispatch_id = d.id;
    end if;
  end if;
  return null;
end $$;

create trigger case_figures_ins after insert on "case" referencing new table as new_rows
  for each statement execute function case_figures_on_change();
create trigger case_figures_upd after update on "case" referencing old table as old_rows new table as new_rows
  for each statement execute function case_figures_on_change();
create trigger case_figures_del after delete on "case" referencing old table as old_rows
  for each statement execute function case_figures_on_change();

-- Organizations, places, new-type organizations and wishes are written seldom (the registry, its
-- imports): one trigger function for the four, its statement built from the trigger's arguments —
-- the figure, then the key, sub-key and day expressions and the condition a row counts under, each
-- over the row as `r`.
create function registry_figures_on_change() returns trigger language plpgsql as $$
declare
  source text;
begin
  source := case tg_op
    when 'INSERT' then 'select *, 1 as sign from new_rows'
    when 'DELETE' then 'select *, -1 as sign from old_rows'
    else 'select *, 1 as sign from new_rows union all select *, -1 from old_rows' end;
  execute format(
    'insert into figure_tally_pending (area_code, figure, key, sub_key, day, n)
     select r.area_code, %L, %s, %s, %s, sum(r.sign) from (%s) r where %s group by 1, 2, 3, 4, 5 having sum(r.sign) <> 0',
    tg_argv[0], tg_argv[1], tg_argv[2], tg_argv[3], source, tg_argv[4]);
  return null;
end $$;

do $$
declare
  t record;
begin
  for t in select * from (values
    ('org', 'org', 'r.kind::text', 'r.sector::text', '''-infinity''::date', 'r.closed_on is null'),
    ('place', 'place', 'r.kind::text', '''''', '''-infinity''::date', 'r.closed_on is null'),
    ('new_org', 'new_org', 'coalesce(r.coverage_mode::text, '''')', '''''', '''-infinity''::date', 'true'),
    ('wish', 'wish', 'r.status::text', '''''', 'wish_figure_day(r.status, r.fulfilled_at)', 'true')
  ) v(tbl, figure, key, sub_key, day, cond) loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function registry_figures_on_change(%L, %L, %L, %L, %L)',
      t.tbl || '_figures_ins', t.tbl, t.figure, t.key, t.sub_key, t.day, t.cond);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows for each statement execute function registry_figures_on_change(%L, %L, %L, %L, %L)',
      t.tbl || '_figures_upd', t.tbl, t.figure, t.key, t.sub_key, t.day, t.cond);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function registry_figures_on_change(%L, %L, %L, %L, %L)',
      t.tbl || '_figures_del', t.tbl, t.figure, t.key, t.sub_key, t.day, t.cond);
  end loop;
end $$;

-- Emptying a table empties its figures (tg_argv: the figures it feeds).
create function figures_on_truncate() returns trigger language plpgsql as $$
begin
  delete from figure_tally_pending where figure = any(tg_argv);
  delete from figure_tally where figure = any(tg_argv);
  return null;
end $$;
create trigger case_figures_trn after truncate on "case" for each statement execute function figures_on_truncate('case_open', 'case_reported', 'case_closed');
create trigger org_figures_trn after truncate on org for each statement execute function figures_on_truncate('org');
create trigger place_figures_trn after truncate on place for each statement execute function figures_on_truncate('place');
create trigger new_org_figures_trn after truncate on new_org for each statement execute function figures_on_truncate('new_org');
create trigger wish_figures_trn after truncate on wish for each statement execute function figures_on_truncate('wish');

-- Open cases due today are counted from "case" itself (what is due before now()).
create index case_open_due_idx on "case" (due_at) include (community_code) where status <> 'closed';

-- An area code and the codes of the town and county it lies in (itself alone if not 12 digits).
create function figure_areas(code text) returns text[] language sql immutable parallel safe as $$
  select case when code ~ '^[0-9]{12}$'
              then array(select distinct c from unnest(array[code, left(code, 9) || '000', left(code, 6) || '000000']) c order by c)
              else array[code] end
$$;

-- Moves the committed pending rows into the tally in one statement (rows of transactions still
-- open stay pending), one fold at a time, each added to its area and to the area's town and county
-- (figure_areas), so a unit's figures are the tally rows of its own code. Due days before yesterday
-- fold into one '-infinity' day (all overdue alike), and report and close days before yesterday,
-- which no figure reads any more, are dropped: the tally stays at a few rows an area. Yesterday is
-- kept so that a reader whose "today" began just before the fold's still finds its days. Answers
-- the rows folded.
create function fold_figure_tallies() returns integer language plpgsql as $$
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

-- A dispatch's row for the figures. The first answer is recounted from dispatch_alert whenever
-- an accepted or arrived answer comes, changes or goes.
create table dispatch_figure (
  dispatch_id     bigint primary key,
  area_code       text,
  created_at      timestamptz not null,
  status          dispatch_status not null,
  first_accept_at timestamptz,
  -- what the 30-day figures read from the index, so nothing is computed per row at read time
  first_accept_s  float8 generated always as (date_part('epoch', first_accept_at - created_at)) stored,
  town_key        bigint generated always as (left(area_code, 9)::bigint) stored,
  community_key   bigint generated always as (left(area_code, 12)::bigint) stored
);
create index dispatch_figure_created_idx on dispatch_figure (created_at) include (area_code, status, first_accept_s, town_key, community_key);

create function dispatch_first_accept(dispatch_id bigint) returns timestamptz language sql stable as $$
  select min(a.answered_at) from dispatch_alert a where a.dispatch_id = dispatch_first_accept.dispatch_id and a.state in ('accepted', 'arrived')
$$;

create function dispatch_figures_on_change() returns trigger language plpgsql as $$
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
  end if;
  return null;
end $$;
create trigger dispatch_figures_ins after insert on dispatch referencing new table as new_rows
  for each statement execute function dispatch_figures_on_change();
create trigger dispatch_figures_upd after update on dispatch referencing old table as old_rows new table as new_rows
  for each statement execute function dispatch_figures_on_change();
create trigger dispatch_figures_del after delete on dispatch referencing old table as old_rows
  for each statement execute function dispatch_figures_on_change();

create function dispatch_figures_on_truncate() returns trigger language plpgsql as $$
begin
  delete from dispatch_figure;
  return null;
end $$;
create trigger dispatch_figures_trn after truncate on dispatch for each statement execute function dispatch_figures_on_truncate();

-- The dispatches whose first answer may have moved: their figure rows are locked first, in id
-- order, so that the recount (a new statement, a new snapshot) sees every answer committed before
-- it; two answers to one dispatch recount one after the other, and the later recount wins with
-- both in view. The dispatch engine holds the dispatch's row lock already, so nobody waits longer.
create function dispatch_alert_figures_on_change() returns trigger language plpgsql as $$
declare
  ids bigint[];
begin
  if tg_op = 'INSERT' then
    select array_agg(distinct n.dispatch_id) into ids from new_rows n where n.state in ('accepted', 'arrived');
  elsif tg_op = 'DELETE' then
    select array_agg(distinct o.dispatch_id) into ids from old_rows o where o.state in ('accepted', 'arrived');
  else
    select array_agg(distinct n.dispatch_id) into ids
    from new_rows n join old_rows o on o.dispatch_id = n.dispatch_id and o.member_id = n.member_id
    where (n.state in ('accepted', 'arrived') or o.state in ('accepted', 'arrived'))
      and (n.state, n.answered_at) is distinct from (o.state, o.answered_at);
  end if;
  if ids is null then
    return null;
  end if;
  perform from dispatch_figure f where f.dispatch_id = any(ids) order by f.dispatch_id for update;
  update dispatch_figure f set first_accept_at = x.first_accept_at
  from (select i.id, dispatch_first_accept(i.id) as first_accept_at from unnest(ids) i(id)) x
  where f.dispatch_id = x.id and f.first_accept_at is distinct from x.first_accept_at;
  return null;
end $$;
create trigger dispatch_alert_figures_ins after insert on dispatch_alert referencing new table as new_rows
  for each statement execute function dispatch_alert_figures_on_change();
create trigger dispatch_alert_figures_upd after update on dispatch_alert referencing old table as old_rows new table as new_rows
  for each statement execute function dispatch_alert_figures_on_change();
create trigger dispatch_alert_figures_del after delete on dispatch_alert referencing old table as old_rows
  for each statement execute function dispatch_alert_figures_on_change();

-- Coverage per area under the current settings (blind: fewer than k available members near;
-- beyond: farther than reach_distance_m from every center and station).
create table coverage_area_tally (
  area_code         text primary key,
  cells             bigint not null default 0,
  blind_cells       bigint not null default 0,
  households        bigint not null default 0,
  households_beyond bigint not null default 0
);

-- Written by refresh_coverage() (every row out, every row in) and a building's delete: seldom, so
-- built as text on the transition tables the operation has.
create function coverage_figures_on_change() returns trigger language plpgsql as $$
declare
  s coverage_setting;
  source text;
begin
  select * into s from coverage_setting;
  source := case tg_op
    when 'INSERT' then 'select *, 1 as sign from new_rows'
    when 'DELETE' then 'select *, -1 as sign from old_rows'
    else 'select *, 1 as sign from new_rows union all select *, -1 from old_rows' end;
  if tg_table_name = 'coverage_cell' then
    execute format(
      'insert into coverage_area_tally as t (area_code, cells, blind_cells)
       select r.area_code, sum(r.sign), coalesce(sum(r.sign) filter (where r.available_nearby < %s), 0)
       from (%s) r group by r.area_code order by r.area_code
       on conflict (area_code) do update set cells = t.cells + excluded.cells, blind_cells = t.blind_cells + excluded.blind_cells',
      s.k, source);
  else
    execute format(
      'insert into coverage_area_tally as t (area_code, households, households_beyond)
       select r.area_code, sum(r.sign * r.households), coalesce(sum(r.sign * r.households) filter (where r.distance_m > %s), 0)
       from (%s) r group by r.area_code order by r.area_code
       on conflict (area_code) do update set households = t.households + excluded.households,
         households_beyond = t.households_beyond + excluded.households_beyond',
      s.reach_distance_m, source);
  end if;
  return null;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array['coverage_cell', 'building_reach'] loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function coverage_figures_on_change()', t || '_figures_ins', t);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows for each statement execute function coverage_figures_on_change()', t || '_figures_upd', t);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function coverage_figures_on_change()', t || '_figures_del', t);
  end loop;
end $$;

-- Counts the coverage sums afresh: after a truncate, and when k or the reach distance changes.
create function refresh_coverage_figures() returns void language plpgsql as $$
begin
  delete from coverage_area_tally;
  insert into coverage_area_tally (area_code, cells, blind_cells, households, households_beyond)
  select area_code, sum(cells), sum(blind_cells), sum(households), sum(households_beyond)
  from (
    select c.area_code, count(*) as cells, count(*) filter (where c.available_nearby < s.k) as blind_cells, 0 as households, 0 as households_beyond
    from coverage_cell c cross join coverage_setting s group by c.area_code
    union all
    select r.area_code, 0, 0, sum(r.households), coalesce(sum(r.households) filter (where r.distance_m > s.reach_distance_m), 0)
    from building_reach r cross join coverage_setting s group by r.area_code
  ) x
  group by area_code;
end $$;

create function coverage_figures_recount() returns trigger language plpgsql as $$
begin
  perform refresh_coverage_figures();
  return null;
end $$;
create trigger coverage_cell_figures_trn after truncate on coverage_cell for each statement execute function coverage_figures_recount();
create trigger building_reach_figures_trn after truncate on building_reach for each statement execute function coverage_figures_recount();
create trigger coverage_setting_figures_upd after update of k, reach_distance_m on coverage_setting
  for each row when (old.k is distinct from new.k or old.reach_distance_m is distinct from new.reach_distance_m)
  execute function coverage_figures_recount();

-- Every figure counted afresh from its tables, for a bulk load that went around the triggers (or
-- to check them). Writers wait meanwhile, so nothing is counted twice or never.
create function refresh_figure_tallies() returns void language plpgsql as $$
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
