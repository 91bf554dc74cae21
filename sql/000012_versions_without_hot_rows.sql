-- Data versions without a hot row. A bump used to update its topic's one `data_version` row, so
-- every writer on a topic waited for the others' commits. Now a bump appends a row to
-- `data_version_bump` (no row of anyone else is locked) and a topic's version is its folded count
-- plus its pending bumps: every committed bump adds one, so a version read after a commit reflects
-- it and versions only grow, as before. `fold_data_versions` moves pending bumps into the count
-- and announces the topics it folded.
alter table data_version rename to data_version_folded;

create table data_version_bump (
  topic      text not null,
  changed_at timestamptz not null default now()
);

create view data_version as
select f.topic, f.version + coalesce(p.bumps, 0) as version, greatest(f.changed_at, p.changed_at) as changed_at
from data_version_folded f
left join (select b.topic, count(*) as bumps, max(b.changed_at) as changed_at from data_version_bump b group by b.topic) p
  on p.topic = f.topic;

-- A bump no longer announces itself: a NOTIFY takes a database-wide lock from just before its
-- transaction commits until after, so every writer's commit waited for the others'. The fold
-- announces instead, once per topic with its new version (exact, and within the fold's period).
drop function bump_data_version(text);
create function bump_data_version(topic text) returns void language sql as $$
  insert into data_version_bump (topic) values (bump_data_version.topic)
$$;

-- Moves the committed bumps into the folded counts in one statement, so a reader sees either
-- both or neither (bumps of transactions still open stay pending), and announces each topic's
-- new version on the live channel at commit. Answers how many bumps it folded.
create function fold_data_versions() returns integer language plpgsql as $$
declare
  folded integer := 0;
  t record;
begin
  for t in
    with gone as (
      delete from data_version_bump returning topic, changed_at
    ),
    per_topic as (
      select topic, count(*)::integer as bumps, max(changed_at) as changed_at from gone group by topic
    )
    update data_version_folded f
    set version = f.version + p.bumps, changed_at = greatest(f.changed_at, p.changed_at)
    from per_topic p where f.topic = p.topic
    returning f.topic, f.version, p.bumps
  loop
    perform pg_notify('redgrid_live', json_build_object('type', 'data.version', 'topic', t.topic, 'version', t.version)::text);
    folded := folded + t.bumps;
  end loop;
  return folded;
end $$;

-- The member triggers' pyramid upkeep, planned once per connection. It used to build its
-- statement as text and plan it on every write, and the published counts' nine statements were
-- planned again on every call (custom plans for one cell): ~7 of the ~9 ms a member write took at
-- a million members. A change is now a list of level-14 deltas handed to member_density_add,
-- whose statements are static and keep generic plans.
create type member_density_delta as (
  cx integer, cy integer, area_code text, total integer, available integer, skilled integer, mobile integer, in_service integer
);

-- One member's contribution (sign +1 or -1) to her level-14 cell in her organization's area.
create function member_density_fine(home geometry, area_code text, available boolean, skills text[], mobile boolean, in_service boolean, sign integer)
returns member_density_delta language sql immutable parallel safe as $$
  select row(cell_column(14, st_x(st_transform(home, 3857))), cell_row(14, st_y(st_transform(home, 3857))), area_code,
             sign, sign * available::integer, sign * (cardinality(skills) > 0)::integer, sign * mobile::integer, sign * in_service::integer
         )::member_density_delta
$$;

-- Adds level-14 deltas to the pyramid, rolled up to level 6 by shifting the cell numbers, and
-- recomputes the published counts of the level-14 cells that changed and of their ancestors.
create function member_density_add(fine member_density_delta[]) returns void
language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  cx14 integer[];
  cy14 integer[];
  codes text[];
begin
  with changed as (
    insert into member_density as m (level, cx, cy, area_code, total, available, skilled, mobile, in_service)
    select l.level, f.cx >> (14 - l.level), f.cy >> (14 - l.level), f.area_code,
           sum(f.total), sum(f.available), sum(f.skilled), sum(f.mobile), sum(f.in_service)
    from unnest(fine) f cross join generate_series(6, 14) l(level)
    group by 1, 2, 3, 4
    having sum(f.total) <> 0 or sum(f.available) <> 0 or sum(f.skilled) <> 0 or sum(f.mobile) <> 0 or sum(f.in_service) <> 0
    on conflict (level, cx, cy, area_code) do update set
      total = m.total + excluded.total, available = m.available + excluded.available,
      skilled = m.skilled + excluded.skilled, mobile = m.mobile + excluded.mobile,
      in_service = m.in_service + excluded.in_service
    returning m.level, m.cx, m.cy, m.area_code
  )
  select array_agg(c.cx), array_agg(c.cy), array_agg(c.area_code) into cx14, cy14, codes from changed c where c.level = 14;
  perform publish_member_density(cx14, cy14, codes);
end $$;

alter function publish_member_density(integer[], integer[], text[]) set plan_cache_mode = force_generic_plan;

create or replace function member_density_on_change() returns trigger
language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
  if tg_op = 'INSERT' then
    perform member_density_add(array(
      select member_density_fine(d.home, o.area_code, d.available, d.skills, d.mobile, d.in_service, 1)
      from new_rows d join org o on o.id = d.org_id));
  elsif tg_op = 'DELETE' then
    perform member_density_add(array(
      select member_density_fine(d.home, o.area_code, d.available, d.skills, d.mobile, d.in_service, -1)
      from old_rows d join org o on o.id = d.org_id));
  else
    perform member_density_add(array(
      select member_density_fine(d.home, o.area_code, d.available, d.skills, d.mobile, d.in_service, d.sign)
      from (select home, org_id, available, skills, mobile, in_service, 1 as sign from new_rows
            union all select home, org_id, available, skills, mobile, in_service, -1 from old_rows) d
      join org o on o.id = d.org_id));
  end if;
  return null;
end $$;

-- An organization moved to another area moves its own members' counts with it: minus in the old
-- area, plus in the new one, with the published counts of those cells. The rest of the pyramid is
-- left alone (it was rebuilt whole before).
create or replace function member_density_on_org_move() returns trigger language plpgsql as $$
begin
  perform member_density_add(array(
    select member_density_fine(m.home, a.area_code, m.available, m.skills, m.mobile, m.in_service, a.sign)
    from (select n.id, n.area_code, 1 as sign from old_rows o join new_rows n on n.id = o.id where n.area_code <> o.area_code
          union all
          select n.id, o.area_code, -1 from old_rows o join new_rows n on n.id = o.id where n.area_code <> o.area_code) a
    join member m on m.org_id = a.id));
  return null;
end $$;
