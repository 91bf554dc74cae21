-- Service positions (阵地) as the registry keeps them: opening hours, services and a contact for
-- centers and stations, closed with a day and a reason (off the map, kept in history), and a
-- center household's (党员中心户) linked households drawn on the map as lines to each.

alter table place
  add column opening_hours text check (length(opening_hours) between 1 and 100),
  add column services      text[] not null default '{}',
  add column contact_name  text check (length(contact_name) between 1 and 50),
  add column contact_phone text check (contact_phone ~ '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$'),
  add column closed_on     date,
  add column close_reason  text check (length(close_reason) between 1 and 500),
  add check ((closed_on is null) = (close_reason is null));
create index place_area_idx on place (area_code, id);

-- 党员中心户联系户: one household a center household links with, at its home (a building of the
-- territory where known). Homes are personal data: drawn only for roles that read members exactly.
create table place_household (
  id          bigint generated always as identity primary key,
  place_id    bigint not null references place (id) on delete cascade,
  label       text not null check (length(label) between 1 and 100),
  building_id bigint references building (id),
  geom        geometry(Point, 4326) not null check (st_isvalid(geom))
);
create index place_household_place_idx on place_household (place_id);

-- As in 000011, without closed positions.
create or replace function tile_places(z integer, x integer, y integer, lo text[], hi text[], with_households boolean)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'places', 4096, 'geom'), ''::bytea)
  from (
    select p.id, p.name, p.kind::text as kind, p.tier::text as tier,
           st_asmvtgeom(st_transform(p.geom, 3857), b.env3857, 4096, 64, true) as geom
    from place p, tile_bounds(z, x, y) b
    where p.geom && b.env4326 and scope_holds(p.area_code, lo, hi) and p.closed_on is null
      and (p.kind <> 'center_household' or with_households)
      and (p.kind in ('service_center', 'service_station') or z >= 13)
  ) t
  where t.geom is not null
$$;

-- A household linked or unlinked changes what the map draws for places.
create trigger place_household_version_ins after insert on place_household referencing new table as new_rows
  for each statement execute function bump_on_insert('place');
create trigger place_household_version_upd after update on place_household referencing new table as new_rows
  for each statement execute function bump_on_insert('place');
create trigger place_household_version_del after delete on place_household referencing old table as old_rows
  for each statement execute function bump_on_delete('place');
