-- 两新组织覆盖: how each new-type organization (a non-public enterprise or a social organization)
-- ought to be covered by the Party, whether it is, the formation and coverage rates built on that,
-- and the ledger of uncovered ones kept until they are covered (挂号销号).

-- The rule, one row, changed by registry.rules: an organization with at least
-- own_branch_min_members Party members forms its own branch (单独组建); one with fewer is covered
-- by a joint branch (联合组建) or an assigned Party-building instructor (党建指导员).
create table new_org_rule (
  singleton              boolean primary key default true check (singleton),
  own_branch_min_members integer not null default 3 check (own_branch_min_members between 1 and 50),
  updated_at             timestamptz not null default now(),
  updated_by             bigint references app_user (id)
);
insert into new_org_rule default values;

-- The status of one organization under the rule (threshold = own_branch_min_members):
--   as_rule        covered as the rule wants: own_branch with members >= threshold, or
--                  joint_branch / instructor with members < threshold (0 members included);
--   otherwise      covered some other way: own_branch with fewer members than the threshold, or
--                  joint_branch / instructor although it has enough members for its own branch;
--   members_no_org not covered (coverage_mode null) and at least 1 member: it should form or join a branch;
--   no_members     not covered and no member: it needs an instructor (党的工作覆盖).
create function new_org_status(mode coverage_mode, members integer, threshold integer) returns text
language sql immutable parallel safe as $$
  select case
    when mode = 'own_branch' and members >= threshold then 'as_rule'
    when mode in ('joint_branch', 'instructor') and members < threshold then 'as_rule'
    when mode is not null then 'otherwise'
    when members >= 1 then 'members_no_org'
    else 'no_members'
  end
$$;

-- Every new-type organization (all of new_org's columns) with its status under the current rule
-- and its town (the 9-digit town prefix + 000). `formed` (组建): it has a Party organization, its
-- own or a joint branch; `covered` (覆盖): any coverage mode, an instructor included. Rates count
-- every organization of a kind in an area, uncovered ones with no member included:
-- 组建率 = formed / all, 覆盖率 = covered / all.
create view new_org_coverage as
select n.*, substr(n.area_code, 1, 9) || '000' as town_code,
       new_org_status(n.coverage_mode, n.member_count, r.own_branch_min_members) as status,
       coalesce(n.coverage_mode in ('own_branch', 'joint_branch'), false) as formed,
       n.coverage_mode is not null as covered
from new_org n
cross join new_org_rule r;

-- Keyset pages per area (area_code, id), which makes the plain area index redundant; the exact
-- search by unified social credit code.
create index new_org_area_id_idx on new_org (area_code, id);
drop index new_org_area_idx;
create index new_org_credit_code_idx on new_org (credit_code);

-- The day each town means to have its uncovered organizations covered (销号时限).
create table new_org_target (
  town_code text primary key references area (code) check (town_code ~ '^[0-9]{6}[0-9]{3}000$' and town_code !~ '^[0-9]{6}000000$'),
  target_on date not null,
  set_by    bigint references app_user (id),
  set_at    timestamptz not null default now()
);

-- 挂号销号: an entry opens (挂号) when an organization is or becomes uncovered and closes (销号)
-- when it is covered, with the day, the mode and who closed it. At most one open entry each.
-- An open entry is overdue once its town's target day has passed.
create table new_org_tracking (
  id          bigint generated always as identity primary key,
  new_org_id  bigint not null references new_org (id),
  opened_on   date not null default (now() at time zone 'Asia/Shanghai')::date,
  closed_on   date,
  closed_mode coverage_mode,
  closed_by   bigint references app_user (id),
  check ((closed_on is null) = (closed_mode is null)),
  check (closed_on is null or closed_on >= opened_on)
);
create unique index new_org_tracking_open_idx on new_org_tracking (new_org_id) where closed_on is null;
create index new_org_tracking_org_idx on new_org_tracking (new_org_id, id);

-- Keeps the ledger whoever writes new_org (the API, a bulk COPY of a county): an uncovered
-- organization without an open entry gets one, a covered one's open entry closes on its covered_on.
-- The API's cover command closes the entry itself first, naming who closed it.
create function new_org_track() returns trigger language plpgsql as $$
begin
  update new_org_tracking t
     set closed_on = greatest(coalesce(n.covered_on, (now() at time zone 'Asia/Shanghai')::date), t.opened_on), closed_mode = n.coverage_mode
    from new_rows n
   where t.new_org_id = n.id and t.closed_on is null and n.coverage_mode is not null;
  insert into new_org_tracking (new_org_id)
  select n.id from new_rows n
   where n.coverage_mode is null
     and not exists (select from new_org_tracking t where t.new_org_id = n.id and t.closed_on is null);
  return null;
end $$;
create trigger new_org_track_ins after insert on new_org referencing new table as new_rows for each statement execute function new_org_track();
create trigger new_org_track_upd after update on new_org referencing new table as new_rows for each statement execute function new_org_track();

-- the organizations uncovered now are registered today
insert into new_org_tracking (new_org_id) select id from new_org where coverage_mode is null order by id;

-- A new-type organization's own history rows (created, edited, covered, coverage_changed, uncovered).
alter type registry_subject add value if not exists 'new_org';

-- Points of new-type organizations coloured by status: no member and no instructor named.
create function tile_new_orgs(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'new_orgs', 4096, 'geom'), ''::bytea)
  from (
    select n.id, n.name, n.kind::text as kind, n.status, n.area_code,
           st_asmvtgeom(st_transform(n.geom, 3857), b.env3857, 4096, 64, true) as geom
    from new_org_coverage n
    cross join tile_bounds(z, x, y) b
    where n.geom && b.env4326 and scope_holds(n.area_code, lo, hi) and z >= 10
  ) t
  where t.geom is not null
$$;

-- The statuses on the tiles follow the rule: a change of it changes the `org` topic, as new_org does.
do $$
declare
  t record;
begin
  for t in select * from (values ('new_org_rule', 'org')) v(tbl, topic) loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function bump_on_insert(%L)', t.tbl || '_version_ins', t.tbl, t.topic);
    execute format('create trigger %I after update on %I referencing new table as new_rows for each statement execute function bump_on_insert(%L)', t.tbl || '_version_upd', t.tbl, t.topic);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function bump_on_delete(%L)', t.tbl || '_version_del', t.tbl, t.topic);
    execute format('create trigger %I after truncate on %I for each statement execute function bump_on_truncate(%L)', t.tbl || '_version_trn', t.tbl, t.topic);
  end loop;
end $$;
