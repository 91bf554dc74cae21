-- Data versions without a hot row. A bump used to update its topic's one `data_version` row, so
-- every writer on a topic waited for the others' commits. Now a bump appends a row to
-- `data_version_bump` (no row of anyone else is locked) and a topic's version is its folded count
-- plus its pending bumps: every committed bump adds one, so a version read after a commit reflects
-- it and versions only grow, as before. `fold_data_versions` moves pending bumps into the count.
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

-- The announcement carries a version the topic reaches once this transaction commits (its folded
-- count plus this bump), not the exact one: counting the pending bumps on every write cost more
-- than the rest of the bump. Clients refetch on any bump; versions read afterwards are exact.
create or replace function bump_data_version(topic text) returns bigint
language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  bumped bigint;
begin
  insert into data_version_bump (topic) values (bump_data_version.topic);
  select f.version + 1 into bumped from data_version_folded f where f.topic = bump_data_version.topic;
  perform pg_notify('redgrid_live', json_build_object('type', 'data.version', 'topic', topic, 'version', bumped)::text);
  return bumped;
end $$;

-- Moves the committed bumps into the folded counts in one statement, so a reader sees either
-- both or neither; bumps of transactions still open stay pending.
create function fold_data_versions() returns integer language sql as $$
  with folded as (
    delete from data_version_bump returning topic, changed_at
  ),
  per_topic as (
    select topic, count(*) as bumps, max(changed_at) as changed_at from folded group by topic
  ),
  updated as (
    update data_version_folded f
    set version = f.version + p.bumps, changed_at = greatest(f.changed_at, p.changed_at)
    from per_topic p where f.topic = p.topic
    returning p.bumps
  )
  select coalesce(sum(bumps), 0)::integer from updated
$$;
