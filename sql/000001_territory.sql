-- The territory: administrative areas, management grids, compounds, buildings, roads.
-- Geometry is WGS-84 (SRID 4326); CGCS2000 input is accepted as the same.
create extension if not exists postgis;

create type area_level as enum ('county', 'town', 'community', 'village');

-- 12-digit statistical area code: GB/T 2260 (6) + township (3) + village/community (3).
create table area (
  code        text primary key check (code ~ '^[0-9]{12}$'),
  name        text not null check (length(name) between 1 and 100),
  level       area_level not null,
  parent_code text references area (code),
  -- town-level areas are 街道 (street) or 镇/乡; communities belong to streets, villages to towns
  is_urban    boolean not null default false,
  households  integer not null default 0 check (households >= 0),
  geom        geometry(MultiPolygon, 4326) not null check (st_isvalid(geom)),
  check ((level = 'county') = (parent_code is null)),
  check (
    (level = 'county'    and code ~ '^[0-9]{6}000000$') or
    (level = 'town'      and code ~ '^[0-9]{9}000$' and code !~ '^[0-9]{6}000') or
    (level in ('community', 'village') and code !~ '000$' and code !~ '^[0-9]{6}000')
  )
);
create index area_geom_idx on area using gist (geom);
create index area_parent_idx on area (parent_code);
create index area_level_idx on area (level);

create type grid_kind as enum ('basic', 'dedicated');

-- A grid keeps its 15-digit code across boundary versions; exactly one version is current
-- (valid_to is null). Grids of one community tile it: no gaps, no overlaps (checked in tests and
-- by the planner before publishing a version).
create table grid (
  id             bigint generated always as identity primary key,
  code           text not null check (code ~ '^[0-9]{15}$'),
  name           text not null check (length(name) between 1 and 100),
  community_code text not null references area (code),
  kind           grid_kind not null default 'basic',
  households     integer not null default 0 check (households >= 0),
  geom           geometry(MultiPolygon, 4326) not null check (st_isvalid(geom)),
  valid_from     timestamptz not null default now(),
  valid_to       timestamptz,
  check (left(code, 12) = community_code),
  check (valid_to is null or valid_to > valid_from)
);
create unique index grid_current_code_idx on grid (code) where valid_to is null;
create index grid_geom_idx on grid using gist (geom) where valid_to is null;
create index grid_community_idx on grid (community_code);

create type grid_staff_role as enum ('grid_leader', 'grid_worker');

-- People who run a grid, by the grid's stable code. A member may also serve (member_id).
create table grid_staff (
  id        bigint generated always as identity primary key,
  grid_code text not null check (grid_code ~ '^[0-9]{15}$'),
  role      grid_staff_role not null,
  name      text not null check (length(name) between 1 and 50),
  phone     text check (phone ~ '^1[3-9][0-9]{9}$'),
  member_id bigint
);
create unique index grid_staff_one_leader_idx on grid_staff (grid_code) where role = 'grid_leader';
create index grid_staff_grid_idx on grid_staff (grid_code);

create table compound (
  id             bigint generated always as identity primary key,
  name           text not null check (length(name) between 1 and 100),
  community_code text not null references area (code),
  geom           geometry(MultiPolygon, 4326) not null check (st_isvalid(geom))
);
create index compound_geom_idx on compound using gist (geom);

create table building (
  id             bigint generated always as identity primary key,
  name           text not null check (length(name) between 1 and 100),
  compound_id    bigint references compound (id),
  community_code text not null references area (code),
  floors         smallint not null default 1 check (floors between 1 and 120),
  households     integer not null default 0 check (households between 0 and 5000),
  geom           geometry(MultiPolygon, 4326) not null check (st_isvalid(geom))
);
create index building_geom_idx on building using gist (geom);
create index building_community_idx on building (community_code);

create type road_class as enum ('primary', 'secondary', 'tertiary', 'residential');

create table road (
  id    bigint generated always as identity primary key,
  name  text,
  class road_class not null,
  geom  geometry(MultiLineString, 4326) not null check (st_isvalid(geom))
);
create index road_geom_idx on road using gist (geom);
