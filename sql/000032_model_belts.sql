-- 示范带 as the registry keeps them: a corridor of a width on either side of the line, a
-- description, when it was made and last changed, and each leg between two sites — along the roads
-- (routed) or straight — so the map can tell the two apart.

alter table belt
  add column width_m     integer not null default 500 check (width_m between 50 and 5000),
  add column description text check (length(description) between 1 and 500),
  add column created_at  timestamptz not null default now(),
  add column updated_at  timestamptz not null default now(),
  -- Derived, never written: the line buffered by width_m meters on the spheroid (geography), so a
  -- new line or width changes it in the same statement, and belts loaded or drawn before this
  -- migration (the demo county's straight chains) have theirs from the moment they exist.
  add column corridor    geometry(MultiPolygon, 4326)
    generated always as (st_multi(st_buffer(geom::geography, width_m)::geometry)) stored;
create index belt_corridor_idx on belt using gist (corridor);
create index belt_area_idx on belt (area_code, id);

-- The way from site seq to site seq + 1. A belt without legs (loaded before routing existed) is
-- read as straight legs between its sites, as its stored line draws it.
create table belt_leg (
  belt_id bigint not null references belt (id) on delete cascade,
  seq     smallint not null check (seq >= 1),
  routed  boolean not null,
  geom    geometry(LineString, 4326) not null check (st_isvalid(geom)),
  primary key (belt_id, seq)
);

create trigger belt_leg_version_ins after insert on belt_leg referencing new table as new_rows
  for each statement execute function bump_on_insert('party_building');
create trigger belt_leg_version_upd after update on belt_leg referencing new table as new_rows
  for each statement execute function bump_on_insert('party_building');
create trigger belt_leg_version_del after delete on belt_leg referencing old table as old_rows
  for each statement execute function bump_on_delete('party_building');
create trigger belt_leg_version_trn after truncate on belt_leg
  for each statement execute function bump_on_truncate('party_building');

-- Belts on the map, for every role that reads the territory (the wall included): each belt twice,
-- its corridor (part 'corridor') and its line (part 'line'), with its id and name only.
create function tile_belts(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'belts', 4096, 'geom'), ''::bytea)
  from (
    select bl.id, bl.name, p.part,
           st_asmvtgeom(st_transform(p.geom, 3857), b.env3857, 4096, 64, true) as geom
    from belt bl
    cross join tile_bounds(z, x, y) b
    cross join lateral (values ('corridor', bl.corridor), ('line', bl.geom)) p(part, geom)
    where bl.corridor && b.env4326 and scope_holds(bl.area_code, lo, hi) and p.geom is not null
  ) t
  where t.geom is not null
$$;
