-- Regional Party building (区域化党建) as it is kept: the three lists of a pairing (结对共建) or a
-- regional group (党建组团) — needs (需求清单), resources (资源清单) and projects (项目清单) — each
-- item with its status; a group's joint meetings (联席会议) with who attended, what they resolved
-- and the follow-ups (督办事项) each with a responsible organization and a status; and at most one
-- lead organization per group. All of it changes the `party_building` data version (sql/000028).

create type regional_list as enum ('needs', 'resources', 'projects');
-- open → in_progress → done; cancelled from either; done and cancelled reopen to open
create type regional_status as enum ('open', 'in_progress', 'done', 'cancelled');

-- one lead (牵头单位) per group at most; setting another lead clears the first in one transaction
create unique index regional_group_one_lead on regional_group_org (group_id) where is_lead;
-- the groups an organization belongs to (its record, a scope through the members)
create index regional_group_org_org_idx on regional_group_org (org_id);
create index regional_group_area_idx on regional_group (area_code);
-- pairings found from the partner's side
create index pairing_partner_org_idx on pairing (partner_org_id) where partner_org_id is not null;
create index pairing_partner_new_org_idx on pairing (partner_new_org_id) where partner_new_org_id is not null;
create index pairing_partner_area_idx on pairing (partner_area_code) where partner_area_code is not null;
alter table pairing add constraint pairing_not_with_itself check (partner_org_id is distinct from org_id);

-- An item of one of the three lists; its owner is a pairing or a group, never both.
create table regional_list_item (
  id         bigint generated always as identity primary key,
  pairing_id bigint references pairing (id) on delete cascade,
  group_id   bigint references regional_group (id) on delete cascade,
  list       regional_list not null,
  title      text not null check (length(title) between 1 and 100),
  detail     text check (length(detail) between 1 and 2000),
  status     regional_status not null default 'open',
  due_on     date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (num_nonnulls(pairing_id, group_id) = 1)
);
create index regional_list_item_pairing_idx on regional_list_item (pairing_id, list, id) where pairing_id is not null;
create index regional_list_item_group_idx on regional_list_item (group_id, list, id) where group_id is not null;

-- A joint meeting of a group: held at a service position or at a place named in words.
create table regional_meeting (
  id             bigint generated always as identity primary key,
  group_id       bigint not null references regional_group (id) on delete cascade,
  held_on        date not null,
  place_id       bigint references place (id),
  place_text     text check (length(place_text) between 1 and 200),
  topic          text not null check (length(topic) between 1 and 200),
  -- people present; the organizations present are regional_meeting_org
  attendee_count integer check (attendee_count between 0 and 100000),
  resolutions    text[] not null default '{}' check (cardinality(resolutions) <= 50),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  check (num_nonnulls(place_id, place_text) = 1)
);
create index regional_meeting_group_idx on regional_meeting (group_id, held_on desc, id);

create table regional_meeting_org (
  meeting_id bigint not null references regional_meeting (id) on delete cascade,
  org_id     bigint not null references org (id),
  primary key (meeting_id, org_id)
);

-- What a meeting resolved to follow up, who answers for it, by when, and how far it got.
create table regional_follow_up (
  id                 bigint generated always as identity primary key,
  meeting_id         bigint not null references regional_meeting (id) on delete cascade,
  title              text not null check (length(title) between 1 and 200),
  responsible_org_id bigint references org (id),
  due_on             date,
  status             regional_status not null default 'open',
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);
create index regional_follow_up_meeting_idx on regional_follow_up (meeting_id, id);

do $$
declare
  t record;
begin
  for t in select * from (values
    ('regional_list_item', 'party_building'), ('regional_meeting', 'party_building'),
    ('regional_meeting_org', 'party_building'), ('regional_follow_up', 'party_building')
  ) v(tbl, topic) loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function bump_on_insert(%L)', t.tbl || '_version_ins', t.tbl, t.topic);
    execute format('create trigger %I after update on %I referencing new table as new_rows for each statement execute function bump_on_insert(%L)', t.tbl || '_version_upd', t.tbl, t.topic);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function bump_on_delete(%L)', t.tbl || '_version_del', t.tbl, t.topic);
    execute format('create trigger %I after truncate on %I for each statement execute function bump_on_truncate(%L)', t.tbl || '_version_trn', t.tbl, t.topic);
  end loop;
end $$;
