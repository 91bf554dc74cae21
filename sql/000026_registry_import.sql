-- Registry imports (CSV of members, organizations or places): each is a job whose row the caller
-- polls while a large file is written (processed grows chunk by chunk), and which keeps the dry
-- run's report and the counts once done. The rows themselves commit in one transaction with the
-- job's 'done'; a failed job wrote nothing of its rows.

create type registry_import_status as enum ('running', 'done', 'failed');

create table registry_import (
  id          bigint generated always as identity primary key,
  entity      text not null check (entity in ('members', 'orgs', 'places')),
  mode        text not null check (mode in ('dry_run', 'all', 'good_rows')),
  status      registry_import_status not null default 'running',
  rows        integer not null default 0 check (rows >= 0),
  processed   integer not null default 0 check (processed >= 0),
  created     integer not null default 0 check (created >= 0),
  updated     integer not null default 0 check (updated >= 0),
  unchanged   integer not null default 0 check (unchanged >= 0),
  skipped     integer not null default 0 check (skipped >= 0),
  report      jsonb,
  error       text check (length(error) between 1 and 1000),
  -- only the one who started it reads the job
  actor_id    bigint references app_user (id),
  started_at  timestamptz not null default now(),
  finished_at timestamptz,
  check ((status = 'running') = (finished_at is null)),
  check ((status = 'failed') = (error is not null))
);
create index registry_import_actor_idx on registry_import (actor_id, id);
