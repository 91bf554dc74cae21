-- Members as the registry keeps them: the movements that matter (转接, 双报到, 流动党员, leaving)
-- are columns for the present and rows of registry_history for the past; points are a ledger
-- whose sum is the balance; stars are reviewed yearly from the points earned, by a rule.

alter table member
  -- 双报到: since when the member is registered with registration_community
  add column registered_on     date,
  -- 流动党员: where a mobile member now is (an area of the territory, or words) and since when
  add column mobile_area_code  text references area (code),
  add column mobile_whereabouts text check (length(mobile_whereabouts) between 1 and 200),
  add column mobile_since      date,
  -- a member who left stays in the history and out of dispatch and every figure
  add column left_on           date,
  add column left_reason       text check (length(left_reason) between 1 and 500),
  add check ((left_on is null) = (left_reason is null)),
  add check (mobile or (mobile_area_code is null and mobile_whereabouts is null and mobile_since is null)),
  add check (registered_on is null or registration_community is not null);
create index member_registration_idx on member (registration_community) where registration_community is not null;
-- No partial index of current members: with `left_on is null` its predicate, a planner without
-- statistics (a restored database before its first analyze) and-ed it into the nearest-member
-- search (a bitmap of every member, ~6 s instead of a KNN scan); the few who left are a filter.

create type points_kind as enum (
  'opening', 'activity', 'service', 'wish', 'dispatch_answered', 'dispatch_arrived', 'adjustment'
);

-- 积分: every change of a member's points is a row; member.points is their sum (kept by
-- credit_points, in the writer's transaction). `opening` is the balance a member came with.
create table member_points (
  id          bigint generated always as identity primary key,
  member_id   bigint not null references member (id),
  kind        points_kind not null,
  points      integer not null check (points <> 0),
  earned_on   date not null default current_date,
  note        text check (length(note) between 1 and 200),
  dispatch_id bigint references dispatch (id),
  actor_id    bigint references app_user (id),
  recorded_at timestamptz not null default now(),
  check ((kind in ('dispatch_answered', 'dispatch_arrived')) = (dispatch_id is not null))
);
create index member_points_member_idx on member_points (member_id, earned_on, id);
-- a dispatch credits a member once for answering and once for arriving, however often it is told
create unique index member_points_dispatch_idx on member_points (member_id, dispatch_id, kind) where dispatch_id is not null;

-- The balance the generator and older databases loaded comes in as an opening row.
insert into member_points (member_id, kind, points, note)
select id, 'opening', points, '期初积分' from member where points > 0;

-- How many points each kind of entry is worth when none is given (the automatic ones always).
create table points_rule (
  kind   points_kind primary key,
  points integer not null check (points between -1000 and 1000 and points <> 0)
);
insert into points_rule (kind, points) values
  ('activity', 2), ('service', 5), ('wish', 3), ('dispatch_answered', 2), ('dispatch_arrived', 5);

-- 评星: the stars a member gets for the points earned in a year (the highest row reached).
create table star_rule (
  stars      smallint primary key check (stars between 1 and 5),
  min_points integer not null check (min_points >= 0)
);
insert into star_rule (stars, min_points) values (1, 0), (2, 10), (3, 30), (4, 60), (5, 100);

create table star_review (
  year        smallint not null check (year between 2000 and 2100),
  member_id   bigint not null references member (id),
  points      integer not null,
  stars_before smallint not null,
  stars_after smallint not null,
  reviewed_by bigint references app_user (id),
  reviewed_at timestamptz not null default now(),
  primary key (year, member_id)
);

-- Adds a ledger row and the balance together; a balance below zero is refused by member's check.
create function credit_points(
  member bigint, kind points_kind, points integer, note text, dispatch bigint, actor bigint, earned date default current_date
) returns bigint language plpgsql as $$
#variable_conflict use_column
declare
  entry bigint;
begin
  insert into member_points (member_id, kind, points, earned_on, note, dispatch_id, actor_id)
  values (credit_points.member, credit_points.kind, credit_points.points, coalesce(earned, current_date), note, dispatch, actor)
  on conflict (member_id, dispatch_id, kind) where dispatch_id is not null do nothing
  returning id into entry;
  if entry is not null then
    update member m set points = m.points + credit_points.points where m.id = credit_points.member;
  end if;
  return entry;
end $$;

-- A member who answers a dispatch (accepts) and who arrives is credited by the rule, once each.
create function credit_dispatch_points() returns trigger language plpgsql as $$
begin
  if new.state = 'accepted' and old.state is distinct from 'accepted' then
    perform credit_points(new.member_id, 'dispatch_answered', r.points, null, new.dispatch_id, null)
    from points_rule r where r.kind = 'dispatch_answered';
  elsif new.state = 'arrived' and old.state is distinct from 'arrived' then
    perform credit_points(new.member_id, 'dispatch_answered', r.points, null, new.dispatch_id, null)
    from points_rule r where r.kind = 'dispatch_answered';
    perform credit_points(new.member_id, 'dispatch_arrived', r.points, null, new.dispatch_id, null)
    from points_rule r where r.kind = 'dispatch_arrived';
  end if;
  return null;
end $$;
create trigger dispatch_alert_points after update of state on dispatch_alert
  for each row execute function credit_dispatch_points();

-- The pyramid counts only current members: one who leaves is taken out as she was.
create or replace function member_density_on_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or tg_op = 'UPDATE' then
    insert into member_density_pending (home, area_code, available, skilled, mobile, in_service, sign)
    select home, org_area_code, available, cardinality(skills) > 0, mobile, in_service, 1 from new_rows where left_on is null;
  end if;
  if tg_op = 'DELETE' or tg_op = 'UPDATE' then
    insert into member_density_pending (home, area_code, available, skilled, mobile, in_service, sign)
    select home, org_area_code, available, cardinality(skills) > 0, mobile, in_service, -1 from old_rows where left_on is null;
  end if;
  return null;
end $$;

create or replace function refresh_member_density() returns void language plpgsql as $$
declare
  cx14 integer[];
  cy14 integer[];
  codes text[];
begin
  lock table member in share mode;
  perform pg_advisory_xact_lock(hashtext('redgrid.density_fold'));
  delete from member_density_pending;
  delete from member_density;
  execute member_density_sql('select home, org_id, available, skills, mobile, in_service, 1 as sign from member where left_on is null')
    into cx14, cy14, codes;
  perform publish_member_density(cx14, cy14, codes);
end $$;

-- As in 000013, without members who left (the proof of exactness there holds: the filter is
-- applied alike in the k-nearest pass and in the disc).
create or replace function nearest_members(
  lng float8, lat float8, radius_m float8, k integer, only_available boolean, with_skills text[],
  lo text[], hi text[], exclude_dispatch bigint, daily_cap integer
) returns table (member_id bigint, distance_m float8)
language sql stable as $$
  with knn as (
    select st_distance(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, true) as d
    from member m join org o on o.id = m.org_id
    where member_eligible(m.available, m.skills, o.area_code, only_available, with_skills, lo, hi)
      and m.left_on is null
      and (exclude_dispatch is null or member_dispatchable(m.id, exclude_dispatch, daily_cap))
    order by m.home::geography <-> st_setsrid(st_makepoint(lng, lat), 4326)::geography
    limit k
  ), bound as (
    select least(coalesce(max(d), 0), radius_m) * 1.006 + 0.01 as r from knn
  ), near as materialized (
    -- the cheap tests first, on everything the index box returns
    select m.id, m.home, m.org_id,
           st_distance(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, false) as ds
    from member m, bound
    where st_dwithin(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, bound.r, false)
      and (not only_available or m.available)
      and m.skills @> with_skills
      and m.left_on is null
  ), disc as (
    -- then the organization's scope, one lookup per member of the disc
    select near.id, near.home, near.ds from near
    where scope_holds((select o.area_code from org o where o.id = near.org_id), lo, hi)
      and (exclude_dispatch is null or member_dispatchable(near.id, exclude_dispatch, daily_cap))
  ), cut as (
    select coalesce((select ds from disc order by ds offset k - 1 limit 1) * 1.013 + 0.01, 'infinity') as ds
  ), ranked as (
    select disc.id, st_distance(disc.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, true) as d
    from disc, cut
    where disc.ds <= cut.ds
  )
  select id, d from ranked where d <= radius_m order by d, id limit k
$$;
