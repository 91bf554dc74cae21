-- Data versions for the Party-building map (党建一张图): model belts, pairings and regional groups
-- change the `party_building` topic, micro-wishes the `wish` topic, so their tiles and the wall's
-- figures follow a change without refetching what did not change.
insert into data_version_folded (topic) values ('party_building'), ('wish');

do $$
declare
  t record;
begin
  for t in select * from (values
    ('belt', 'party_building'), ('belt_site', 'party_building'), ('pairing', 'party_building'),
    ('regional_group', 'party_building'), ('regional_group_org', 'party_building'), ('wish', 'wish')
  ) v(tbl, topic) loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function bump_on_insert(%L)', t.tbl || '_version_ins', t.tbl, t.topic);
    execute format('create trigger %I after update on %I referencing new table as new_rows for each statement execute function bump_on_insert(%L)', t.tbl || '_version_upd', t.tbl, t.topic);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function bump_on_delete(%L)', t.tbl || '_version_del', t.tbl, t.topic);
    execute format('create trigger %I after truncate on %I for each statement execute function bump_on_truncate(%L)', t.tbl || '_version_trn', t.tbl, t.topic);
  end loop;
end $$;
