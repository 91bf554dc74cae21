-- Work on the ground: micro-wishes, cases with their timeline, dispatches; accounts and the audit log.

create type wish_status as enum ('open', 'claimed', 'fulfilled', 'withdrawn');

create table wish (
  id            bigint generated always as identity primary key,
  title         text not null check (length(title) between 1 and 200),
  detail        text,
  resident_name text check (length(resident_name) between 1 and 50),
  area_code     text not null references area (code),
  status        wish_status not null default 'open',
  claimed_by    bigint references member (id),
  posted_at     timestamptz not null default now(),
  claimed_at    timestamptz,
  fulfilled_at  timestamptz,
  geom          geometry(Point, 4326) not null check (st_isvalid(geom)),
  check ((status in ('claimed', 'fulfilled')) = (claimed_by is not null))
);
create index wish_geom_idx on wish using gist (geom);

create type case_status as enum (
  'reported', 'registered', 'dispatched', 'handling', 'verifying', 'closed'
);
create type case_severity as enum ('low', 'normal', 'high', 'critical');

-- 事件/案件: 上报 → 立案 → 派遣 → 处置 → 核查 → 结案. county_code is the future shard key.
create table "case" (
  id               bigint generated always as identity primary key,
  county_code      text not null check (county_code ~ '^[0-9]{6}000000$'),
  kind             text not null check (length(kind) between 1 and 50),
  title            text not null check (length(title) between 1 and 200),
  description      text,
  severity         case_severity not null default 'normal',
  status           case_status not null default 'reported',
  town_code        text references area (code),
  community_code   text references area (code),
  grid_code        text check (grid_code ~ '^[0-9]{15}$'),
  org_id           bigint references org (id),
  reported_by      bigint,
  reported_at      timestamptz not null default now(),
  due_at           timestamptz,
  closed_at        timestamptz,
  idempotency_key  text unique check (length(idempotency_key) between 1 and 200),
  geom             geometry(Point, 4326) not null check (st_isvalid(geom)),
  check ((status = 'closed') = (closed_at is not null))
);
create index case_geom_idx on "case" using gist (geom);
create index case_open_idx on "case" (status) where status <> 'closed';

create table case_event (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references "case" (id),
  at          timestamptz not null default now(),
  actor_id    bigint,
  from_status case_status,
  to_status   case_status,
  note        text,
  data        jsonb not null default '{}'
);
create index case_event_case_idx on case_event (case_id, at);

create type dispatch_status as enum ('active', 'fulfilled', 'closed');

create table dispatch (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references "case" (id),
  radius_m    integer not null check (radius_m between 1 and 50000),
  max_radius_m integer not null check (max_radius_m between 1 and 50000),
  wave_size   integer not null check (wave_size between 1 and 500),
  target      integer not null check (target between 1 and 500),
  skills      text[] not null default '{}',
  status      dispatch_status not null default 'active',
  created_by  bigint,
  created_at  timestamptz not null default now(),
  closed_at   timestamptz,
  check (max_radius_m >= radius_m)
);
create unique index dispatch_one_active_idx on dispatch (case_id) where status = 'active';

create type alert_state as enum (
  'alerted', 'accepted', 'declined', 'timed_out', 'cancelled', 'recalled', 'arrived'
);

-- One member's part in a dispatch: which wave alerted them and how they answered.
create table dispatch_alert (
  dispatch_id bigint not null references dispatch (id),
  member_id   bigint not null references member (id),
  wave        smallint not null check (wave >= 1),
  state       alert_state not null default 'alerted',
  distance_m  double precision not null check (distance_m >= 0),
  alerted_at  timestamptz not null default now(),
  answered_at timestamptz,
  arrived_at  timestamptz,
  primary key (dispatch_id, member_id)
);
create index dispatch_alert_member_idx on dispatch_alert (member_id, state);

create type user_role as enum ('admin', 'planner', 'dispatcher', 'secretary', 'wall');

create table app_user (
  id            bigint generated always as identity primary key,
  username      text not null unique check (username ~ '^[a-z0-9_.-]{2,50}$'),
  display_name  text not null check (length(display_name) between 1 and 50),
  password_hash text,
  disabled      boolean not null default false,
  created_at    timestamptz not null default now()
);

-- A role is held over an area subtree (the county, a town, a community).
create table user_role_grant (
  user_id    bigint not null references app_user (id) on delete cascade,
  role       user_role not null,
  scope_code text not null references area (code),
  primary key (user_id, role, scope_code)
);

-- Append-only: who read or changed what, in which scope, from where.
create table audit_log (
  id          bigint generated always as identity primary key,
  at          timestamptz not null default now(),
  user_id     bigint references app_user (id),
  action      text not null check (length(action) between 1 and 100),
  target_kind text,
  target_ids  bigint[] not null default '{}',
  scope_code  text,
  ip          inet,
  detail      jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_user_idx on audit_log (user_id, at desc);

create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'RG001';
end;
$$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
