-- Emergency dispatch: nearest members, waves, an outbox that loses no alert, signed member links.

alter table dispatch
  add column alert_timeout_s integer not null default 90 check (alert_timeout_s between 1 and 3600),
  add column waves integer not null default 0 check (waves >= 0),
  add column exhausted boolean not null default false,
  -- the dispatcher's scope (LIKE patterns on organization area codes): waves alert only members in it
  add column scope text[] not null default '{}';

alter table "case" add column idempotency_fingerprint text;
create index case_community_prefix_idx on "case" (community_code text_pattern_ops);
create index dispatch_alert_recent_idx on dispatch_alert (member_id, alerted_at);

-- Whether a member may be listed: available if asked, holding every skill asked, in scope.
-- Plain expressions, so PostgreSQL inlines it into the KNN scan.
create or replace function member_eligible(
  available boolean, skills text[], org_area text, only_available boolean, with_skills text[], scope text[]
) returns boolean
language sql immutable parallel safe as $$
  select (not only_available or available) and skills @> with_skills and org_area like any(scope)
$$;

-- Whether a wave of dispatch `dispatch_id` may alert a member: not already in it, not engaged in
-- another open dispatch, and alerted fewer than daily_cap times in the last 24 hours.
create or replace function member_dispatchable(member_id bigint, dispatch_id bigint, daily_cap integer)
returns boolean
language sql stable as $$
  select not exists (select 1 from dispatch_alert a where a.dispatch_id = member_dispatchable.dispatch_id and a.member_id = member_dispatchable.member_id)
    and not exists (
      select 1 from dispatch_alert a join dispatch x on x.id = a.dispatch_id
      where a.member_id = member_dispatchable.member_id and x.status <> 'closed' and a.state in ('alerted', 'accepted', 'arrived'))
    and (select count(*) from dispatch_alert a
         where a.member_id = member_dispatchable.member_id and a.alerted_at > now() - interval '24 hours') < daily_cap
$$;

-- The k nearest matching members within radius_m, nearest first by geodesic (spheroid)
-- distance, ties by id, exactly, without computing the costly spheroid distance for a crowd.
-- Sphere and spheroid distances differ by less than 0.6 % (ε), so:
--   1. KNN on the geography index (sphere order) gives k candidates; the true k nearest all lie
--      within (1 + ε) × the largest spheroid distance among them: the disc;
--   2. in the disc, cheap sphere distances rank everyone; the true k nearest lie within
--      (1 + ε) / (1 − ε) < 1.013 × the k-th sphere distance;
--   3. only those few get the spheroid distance, and the k smallest win.
create or replace function nearest_members(
  lng float8, lat float8, radius_m float8, k integer, only_available boolean, with_skills text[],
  scope text[], exclude_dispatch bigint, daily_cap integer
) returns table (member_id bigint, distance_m float8)
language sql stable as $$
  with knn as (
    select st_distance(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, true) as d
    from member m join org o on o.id = m.org_id
    where member_eligible(m.available, m.skills, o.area_code, only_available, with_skills, scope)
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
  ), disc as (
    -- then the organization's scope, one lookup per member of the disc
    select near.id, near.home, near.ds from near
    where (select o.area_code from org o where o.id = near.org_id) like any(scope)
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

create type outbox_kind as enum ('member_alert', 'member_cancel', 'live_event');

-- Written in the same transaction as the state change it announces; a sender delivers and retries.
create table outbox (
  id              bigint generated always as identity primary key,
  kind            outbox_kind not null,
  dispatch_id     bigint references dispatch (id),
  member_id       bigint references member (id),
  payload         jsonb not null default '{}',
  created_at      timestamptz not null default now(),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  delivered_at    timestamptz,
  last_error      text
);
create index outbox_pending_idx on outbox (next_attempt_at) where delivered_at is null;

-- Server-side secrets shared by every process (e.g. the key that signs member links).
create table app_secret (
  name  text primary key,
  value bytea not null
);
