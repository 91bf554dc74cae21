-- A grid's identity apart from its versions. One `grid` table used to hold both, and what named a
-- grid (org.grid_code, grid_staff.grid_code, "case".grid_code) was text without a foreign key. Now
-- `grid` is the identity: the 15-digit code (never reused), its community, kind, when it was
-- created and retired. `grid_version` holds its outlines over time: households, geometry,
-- valid_from/valid_to and the plan that made it. Current grids are the versions with no valid_to.
create extension if not exists btree_gist;

alter table grid rename to grid_version;
alter table grid_version rename column code to grid_code;
alter index grid_current_code_idx rename to grid_version_current_code_idx;
alter index grid_geom_idx rename to grid_version_current_geom_idx;
drop index grid_code_prefix_idx;
drop index grid_community_idx;

create table grid (
  code           text primary key check (code ~ '^[0-9]{15}$'),
  community_code text not null references area (code),
  kind           grid_kind not null,
  created_at     timestamptz not null,
  retired_at     timestamptz,
  check (left(code, 12) = community_code),
  check (retired_at is null or retired_at >= created_at)
);
create index grid_community_idx on grid (community_code);

insert into grid (code, community_code, kind, created_at, retired_at)
select v.grid_code, v.community_code, v.kind, f.created_at, f.retired_at
from (
  select distinct on (grid_code) grid_code, community_code, kind from grid_version order by grid_code, valid_from desc
) v
join (
  select grid_code, min(valid_from) as created_at,
         case when bool_and(valid_to is not null) then max(valid_to) end as retired_at
  from grid_version group by grid_code
) f using (grid_code);

-- the identity holds the community and kind; dropping the columns drops the check on them
alter table grid_version drop column community_code, drop column kind;
alter table grid_version add constraint grid_version_grid_fkey foreign key (grid_code) references grid (code);
-- the plan that made a version (null for versions from before plans); its foreign key comes with plans
alter table grid_version add column plan_id bigint;
-- one version of a grid at any instant
alter table grid_version add constraint grid_version_one_at_a_time
  exclude using gist (grid_code with =, tstzrange(valid_from, valid_to) with &&);
-- outlines of every version, for the grids as of a date
create index grid_version_geom_idx on grid_version using gist (geom);

alter table org add constraint org_grid_fkey foreign key (grid_code) references grid (code);
alter table grid_staff add constraint grid_staff_grid_fkey foreign key (grid_code) references grid (code);
alter table "case" add constraint case_grid_fkey foreign key (grid_code) references grid (code);

-- the identity is territory, like its versions (whose triggers came along with the rename)
create trigger grid_ins after insert on grid referencing new table as new_rows for each statement execute function bump_on_insert('territory');
create trigger grid_upd after update on grid referencing new table as new_rows for each statement execute function bump_on_insert('territory');
create trigger grid_del after delete on grid referencing old table as old_rows for each statement execute function bump_on_delete('territory');
create trigger grid_trn after truncate on grid for each statement execute function bump_on_truncate('territory');

-- The versions of grids current at `at`, or now when `at` is null: now by the partial indexes on
-- current versions, a date by the index on all outlines.
create function grid_versions_at(at timestamptz) returns setof grid_version
language sql stable parallel safe as $$
  select * from grid_version where at is null and valid_to is null
  union all
  select * from grid_version where at is not null and valid_from <= at and (valid_to is null or valid_to > at)
$$;

-- Grids of a tile as they were at `at` (null: now).
drop function if exists tile_grids(integer, integer, integer, text[], text[]);
create function tile_grids(z integer, x integer, y integer, lo text[], hi text[], at timestamptz default null)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'grids', 4096, 'geom'), ''::bytea)
  from (
    select v.grid_code as code, v.name, g.community_code, g.kind::text as kind, v.households,
           st_asmvtgeom(st_transform(v.geom, 3857), b.env3857, 4096, 64, true) as geom
    from tile_bounds(z, x, y) b
    cross join grid_versions_at(at) v
    join grid g on g.code = v.grid_code
    where z >= 10 and v.geom && b.env4326 and scope_holds(v.grid_code, lo, hi)
  ) t
  where t.geom is not null
$$;
