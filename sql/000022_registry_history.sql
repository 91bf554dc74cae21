-- The registry kept current by its secretaries (组织书记): every change of an organization, a
-- member or a service position is a row of history with the day it took effect and why, so a
-- record page can show what happened and a closed, merged or departed record keeps its past.

create type registry_subject as enum ('org', 'member', 'place');

create table registry_history (
  id           bigint generated always as identity primary key,
  subject_kind registry_subject not null,
  subject_id   bigint not null,
  -- created, edited, moved, merged_into, merged_from, closed (organizations and places);
  -- created, edited, transferred, registered, registration_ended, mobile, mobile_ended, left (members)
  action       text not null check (action ~ '^[a-z_]{2,40}$'),
  -- the day the change took effect (a transfer's date, a closing's date), as the papers say
  effective_on date not null default current_date,
  reason       text check (length(reason) between 1 and 500),
  -- what changed: before/after values, the other organization, the community, the whereabouts
  detail       jsonb not null default '{}',
  actor_id     bigint references app_user (id),
  recorded_at  timestamptz not null default now()
);
create index registry_history_subject_idx on registry_history (subject_kind, subject_id, id);
