-- Party organizations, members, service positions, model belts, new-type organizations, pairings.

create type org_kind as enum ('committee', 'general_branch', 'branch', 'group');
create type org_sector as enum (
  'village', 'community', 'enterprise', 'social_org', 'agency', 'school', 'hospital',
  'industrial_park', 'joint'
);

create table org (
  id             bigint generated always as identity primary key,
  name           text not null check (length(name) between 1 and 100),
  kind           org_kind not null,
  sector         org_sector not null,
  parent_id      bigint references org (id),
  area_code      text not null references area (code),
  -- the grid a grid branch (网格党支部) serves, by the grid's stable code
  grid_code      text check (grid_code ~ '^[0-9]{15}$'),
  secretary_name text check (length(secretary_name) between 1 and 50),
  founded_on     date,
  geom           geometry(Point, 4326) check (geom is null or st_isvalid(geom)),
  check (kind <> 'committee' or parent_id is null or parent_id <> id)
);
create index org_parent_idx on org (parent_id);
create index org_area_idx on org (area_code);
create index org_grid_idx on org (grid_code) where grid_code is not null;
create index org_geom_idx on org using gist (geom);

create type member_gender as enum ('male', 'female');

-- Members are the big table (1M+ at province scale). county_code is the future shard key.
create table member (
  id                      bigint generated always as identity primary key,
  county_code             text not null check (county_code ~ '^[0-9]{6}000000$'),
  name                    text not null check (length(name) between 1 and 50),
  gender                  member_gender not null,
  birth_year              smallint check (birth_year between 1900 and 2100),
  org_id                  bigint not null references org (id),
  home                    geometry(Point, 4326) not null check (st_isvalid(home)),
  -- 在职党员双报到: the residential community an in-service member registered with
  registration_community  text references area (code),
  in_service              boolean not null default false,
  mobile                  boolean not null default false,
  available               boolean not null default true,
  skills                  text[] not null default '{}',
  stars                   smallint not null default 3 check (stars between 1 and 5),
  points                  integer not null default 0 check (points >= 0),
  phone                   text check (phone ~ '^1[3-9][0-9]{9}$'),
  joined_on               date
);
-- geography index: distance and radius queries in meters use it directly
create index member_home_geog_idx on member using gist ((home::geography));
create index member_home_idx on member using gist (home);
create index member_org_idx on member (org_id);

alter table grid_staff add foreign key (member_id) references member (id);

create type place_kind as enum (
  'service_center', 'service_station', 'center_household', 'education_site', 'model_site'
);
create type place_tier as enum ('county', 'town', 'community', 'village');

create table place (
  id                bigint generated always as identity primary key,
  kind              place_kind not null,
  name              text not null check (length(name) between 1 and 100),
  tier              place_tier,
  area_code         text not null references area (code),
  address           text,
  -- 党员中心户: the ~10 households one center household links with
  linked_households integer check (linked_households between 0 and 100),
  member_id         bigint references member (id),
  geom              geometry(Point, 4326) not null check (st_isvalid(geom)),
  check ((kind in ('service_center', 'service_station')) = (tier is not null)),
  check ((kind = 'center_household') = (linked_households is not null))
);
create index place_geom_idx on place using gist (geom);
create index place_geog_idx on place using gist ((geom::geography));
create index place_kind_idx on place (kind);

-- 示范带: an ordered chain of model sites; the line is derived from the chain.
create table belt (
  id        bigint generated always as identity primary key,
  name      text not null check (length(name) between 1 and 100),
  area_code text not null references area (code),
  geom      geometry(LineString, 4326) check (geom is null or st_isvalid(geom))
);
create index belt_geom_idx on belt using gist (geom);

create table belt_site (
  belt_id  bigint not null references belt (id) on delete cascade,
  seq      smallint not null check (seq >= 1),
  place_id bigint not null references place (id),
  primary key (belt_id, seq),
  unique (belt_id, place_id)
);

create type new_org_kind as enum ('enterprise', 'social_org');
create type coverage_mode as enum ('own_branch', 'joint_branch', 'instructor');

-- 两新组织. Rule: 3+ members → own branch; fewer → joint branch or an assigned instructor.
-- Uncovered ones (coverage_mode null) are tracked until covered (挂号销号).
create table new_org (
  id                bigint generated always as identity primary key,
  kind              new_org_kind not null,
  name              text not null check (length(name) between 1 and 100),
  credit_code       text check (credit_code ~ '^[0-9A-Z]{18}$'),
  area_code         text not null references area (code),
  staff_count       integer not null check (staff_count >= 0),
  member_count      integer not null check (member_count >= 0 and member_count <= staff_count),
  coverage_mode     coverage_mode,
  covering_org_id   bigint references org (id),
  instructor_name   text check (length(instructor_name) between 1 and 50),
  registered_on     date,
  covered_on        date,
  geom              geometry(Point, 4326) not null check (st_isvalid(geom)),
  check (coverage_mode is null or coverage_mode = 'instructor' or covering_org_id is not null),
  check (coverage_mode is distinct from 'instructor' or instructor_name is not null)
);
create index new_org_geom_idx on new_org using gist (geom);
create index new_org_area_idx on new_org (area_code);

create type pairing_partner as enum ('area', 'new_org', 'org');

-- 结对共建: a unit's organization pairs with a village/community, a new-type org or another org.
create table pairing (
  id                bigint generated always as identity primary key,
  org_id            bigint not null references org (id),
  partner_kind      pairing_partner not null,
  partner_area_code text references area (code),
  partner_new_org_id bigint references new_org (id),
  partner_org_id    bigint references org (id),
  started_on        date not null,
  ended_on          date,
  content           text,
  check (num_nonnulls(partner_area_code, partner_new_org_id, partner_org_id) = 1),
  check ((partner_kind = 'area') = (partner_area_code is not null)),
  check ((partner_kind = 'new_org') = (partner_new_org_id is not null)),
  check ((partner_kind = 'org') = (partner_org_id is not null)),
  check (ended_on is null or ended_on >= started_on)
);
create index pairing_org_idx on pairing (org_id);

-- 区域化党建: regional groups of organizations holding a joint meeting.
create table regional_group (
  id        bigint generated always as identity primary key,
  name      text not null check (length(name) between 1 and 100),
  area_code text not null references area (code)
);

create table regional_group_org (
  group_id bigint not null references regional_group (id) on delete cascade,
  org_id   bigint not null references org (id),
  is_lead  boolean not null default false,
  primary key (group_id, org_id)
);
