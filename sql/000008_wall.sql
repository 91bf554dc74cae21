-- The wall display: data versions (tile ETags, live bumps), a member density pyramid kept up to
-- date by statement triggers, coverage analysis (emergency blind spots, service-center reach) and
-- vector tiles for organizations, places, cases, density and coverage.

-- Data versions: every change to a topic's tables bumps its version once per statement and
-- announces it on the live channel (delivered at commit, so a reader never sees it early).
create table data_version (
  topic      text primary key,
  version    bigint not null default 1,
  changed_at timestamptz not null default now()
);
insert into data_version (topic)
values ('territory'), ('org'), ('place'), ('member'), ('case'), ('dispatch'), ('coverage');

create function bump_data_version(topic text) returns bigint language plpgsql as $$
declare
  bumped bigint;
begin
  update data_version v set version = v.version + 1, changed_at = now() where v.topic = bump_data_version.topic
  returning v.version into bumped;
  perform pg_notify('redgrid_live', json_build_object('type', 'data.version', 'topic', topic, 'version', bumped)::text);
  return bumped;
end $$;

-- Statement triggers fire even when no row changed (a sweep that times nothing out), so they look
-- at the transition table and bump only when it holds a row.
create function bump_on_insert() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_rows) then perform bump_data_version(tg_argv[0]); end if;
  return null;
end $$;
create function bump_on_delete() returns trigger language plpgsql as $$
begin
  if exists (select 1 from old_rows) then perform bump_data_version(tg_argv[0]); end if;
  return null;
end $$;
create function bump_on_truncate() returns trigger language plpgsql as $$
begin
  perform bump_data_version(tg_argv[0]);
  return null;
end $$;

do $$
declare
  t record;
begin
  for t in select * from (values
    ('area', 'territory'), ('grid', 'territory'), ('road', 'territory'), ('building', 'territory'),
    ('org', 'org'), ('new_org', 'org'), ('place', 'place'), ('member', 'member'),
    ('case', 'case'), ('dispatch', 'dispatch'), ('dispatch_alert', 'dispatch')
  ) v(tbl, topic) loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function bump_on_insert(%L)', t.tbl || '_version_ins', t.tbl, t.topic);
    execute format('create trigger %I after update on %I referencing new table as new_rows for each statement execute function bump_on_insert(%L)', t.tbl || '_version_upd', t.tbl, t.topic);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function bump_on_delete(%L)', t.tbl || '_version_del', t.tbl, t.topic);
    execute format('create trigger %I after truncate on %I for each statement execute function bump_on_truncate(%L)', t.tbl || '_version_trn', t.tbl, t.topic);
  end loop;
end $$;

-- Cells: squares in Web Mercator, `cell_size(level)` wide — 16 across a tile of zoom `level` —
-- numbered from the west (cx) and from the north (cy) like tiles, so a cell of level L holds
-- exactly the cells (cx << k .. , cy << k ..) of level L + k.
create function cell_size(level integer) returns double precision
language sql immutable parallel safe as $$ select 40075016.685578488 / (16 * 2.0 ^ level) $$;

create function cell_envelope(level integer, cx integer, cy integer) returns geometry
language sql immutable parallel safe as $$
  select st_makeenvelope(
    -20037508.342789244 + cx * cell_size(level), 20037508.342789244 - (cy + 1) * cell_size(level),
    -20037508.342789244 + (cx + 1) * cell_size(level), 20037508.342789244 - cy * cell_size(level), 3857)
$$;

-- The column and row of the level's cell holding Web-Mercator x, y.
create function cell_column(level integer, x double precision) returns integer
language sql immutable parallel safe as $$ select floor((x + 20037508.342789244) / cell_size(level))::integer $$;
create function cell_row(level integer, y double precision) returns integer
language sql immutable parallel safe as $$ select floor((20037508.342789244 - y) / cell_size(level))::integer $$;

-- A cell as an MVT geometry of tile (z, x, y), clipped to the tile.
create function cell_tile_geom(level integer, cx integer, cy integer, z integer, x integer, y integer) returns geometry
language sql immutable parallel safe as $$
  select st_asmvtgeom(cell_envelope(level, cx, cy), st_tileenvelope(z, x, y), 4096, 0, true)
$$;

-- The cells of `level` that touch tile (z, x, y).
create function tile_cells(z integer, x integer, y integer, level integer)
returns table (cx0 integer, cx1 integer, cy0 integer, cy1 integer)
language sql immutable parallel safe as $$
  select floor(x * n)::integer, (ceil((x + 1) * n) - 1)::integer, floor(y * n)::integer, (ceil((y + 1) * n) - 1)::integer
  from (select 16 * 2.0 ^ (level - z) as n) s
$$;

-- Member density: counts per cell of levels 6..14 (≈ 5 km .. 130 m here) and organization area;
-- an area's member figures are the sum of its level-6 rows. Kept by the member triggers below.
create table member_density (
  level      smallint not null check (level between 6 and 14),
  cx         integer not null,
  cy         integer not null,
  area_code  text not null references area (code),
  total      integer not null,
  available  integer not null,
  skilled    integer not null,
  mobile     integer not null,
  in_service integer not null,
  primary key (level, cx, cy, area_code)
);

-- The statement that adds `source`'s members (home, org_id, available, skills, mobile, in_service,
-- sign) to the pyramid: counted once at level 14, then rolled up by shifting the cell numbers.
create function member_density_sql(source text) returns text
language sql immutable as $$
  select format($f$
    with d as (%s),
    fine as (
      select cell_column(14, st_x(p)) as cx, cell_row(14, st_y(p)) as cy,
             o.area_code,
             sum(d.sign) as total,
             sum(d.sign * d.available::integer) as available,
             sum(d.sign * (cardinality(d.skills) > 0)::integer) as skilled,
             sum(d.sign * d.mobile::integer) as mobile,
             sum(d.sign * d.in_service::integer) as in_service
      from d join org o on o.id = d.org_id, st_transform(d.home, 3857) p
      group by 1, 2, 3
    )
    insert into member_density as m (level, cx, cy, area_code, total, available, skilled, mobile, in_service)
    select l.level, f.cx >> (14 - l.level), f.cy >> (14 - l.level), f.area_code,
           sum(f.total), sum(f.available), sum(f.skilled), sum(f.mobile), sum(f.in_service)
    from fine f cross join generate_series(6, 14) l(level)
    group by 1, 2, 3, 4
    having sum(f.total) <> 0 or sum(f.available) <> 0 or sum(f.skilled) <> 0 or sum(f.mobile) <> 0 or sum(f.in_service) <> 0
    on conflict (level, cx, cy, area_code) do update set
      total = m.total + excluded.total, available = m.available + excluded.available,
      skilled = m.skilled + excluded.skilled, mobile = m.mobile + excluded.mobile,
      in_service = m.in_service + excluded.in_service
  $f$, source)
$$;

create function refresh_member_density() returns void language plpgsql as $$
begin
  delete from member_density;
  execute member_density_sql('select home, org_id, available, skills, mobile, in_service, 1 as sign from member');
end $$;

create function member_density_on_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    execute member_density_sql('select home, org_id, available, skills, mobile, in_service, 1 as sign from new_rows');
  elsif tg_op = 'DELETE' then
    execute member_density_sql('select home, org_id, available, skills, mobile, in_service, -1 as sign from old_rows');
  else
    execute member_density_sql(
      'select home, org_id, available, skills, mobile, in_service, 1 as sign from new_rows
       union all select home, org_id, available, skills, mobile, in_service, -1 from old_rows');
  end if;
  return null;
end $$;

create trigger member_density_ins after insert on member referencing new table as new_rows
  for each statement execute function member_density_on_change();
create trigger member_density_upd after update on member referencing old table as old_rows new table as new_rows
  for each statement execute function member_density_on_change();
create trigger member_density_del after delete on member referencing old table as old_rows
  for each statement execute function member_density_on_change();

create function member_density_on_truncate() returns trigger language plpgsql as $$
begin
  delete from member_density;
  return null;
end $$;
create trigger member_density_trn after truncate on member
  for each statement execute function member_density_on_truncate();

-- An organization moved to another area moves its members' counts with it.
create function member_density_on_org_move() returns trigger language plpgsql as $$
begin
  if exists (select 1 from old_rows o join new_rows n on n.id = o.id where n.area_code <> o.area_code) then
    perform refresh_member_density();
  end if;
  return null;
end $$;
create trigger member_density_org_upd after update on org referencing old table as old_rows new table as new_rows
  for each statement execute function member_density_on_org_move();

-- Coverage analysis settings (one row) and results.
create table coverage_setting (
  id               boolean primary key default true check (id),
  -- a blind spot has fewer than k available members living within radius_m
  k                integer not null default 20 check (k between 1 and 100),
  radius_m         integer not null default 1000 check (radius_m between 100 and 10000),
  -- households farther than this from every service center and station are beyond reach
  reach_distance_m integer not null default 1000 check (reach_distance_m between 100 and 20000),
  computed_at      timestamptz,
  -- the member / place / territory versions the last computation saw
  computed_from    jsonb not null default '{}'
);
insert into coverage_setting default values;

-- Level-13 cells (≈ 260 m here) whose centre lies in a community or village.
create table coverage_cell (
  cx               integer not null,
  cy               integer not null,
  area_code        text not null references area (code),
  -- available members within radius_m of the centre, counted up to k (enough is enough)
  available_nearby smallint not null,
  primary key (cx, cy)
);
create index coverage_cell_area_idx on coverage_cell (area_code text_pattern_ops);

create table building_reach (
  building_id bigint primary key references building (id) on delete cascade,
  area_code   text not null references area (code),
  households  integer not null,
  -- metres from the building's centre to the nearest service center or station
  distance_m  double precision not null,
  cx          integer not null, -- level-14 cell of the building's centre
  cy          integer not null
);
create index building_reach_cell_idx on building_reach (cx, cy);

create function refresh_coverage() returns void language plpgsql as $$
declare
  s coverage_setting;
begin
  select * into s from coverage_setting;
  delete from coverage_cell;
  insert into coverage_cell (cx, cy, area_code, available_nearby)
  select c.cx, c.cy, a.code,
         (select count(*) from (
            select 1 from member m
            where m.available and st_dwithin(m.home::geography, c.centre::geography, s.radius_m)
            limit s.k) n)
  from (
    select cx, cy, st_transform(st_centroid(cell_envelope(13, cx, cy)), 4326) as centre
    from area county, st_transform(county.geom, 3857) g,
         generate_series(cell_column(13, st_xmin(g)), cell_column(13, st_xmax(g))) cx,
         generate_series(cell_row(13, st_ymax(g)), cell_row(13, st_ymin(g))) cy
    where county.level = 'county'
  ) c
  join area a on a.level in ('community', 'village') and st_intersects(a.geom, c.centre);

  delete from building_reach;
  insert into building_reach (building_id, area_code, households, distance_m, cx, cy)
  select b.id, b.community_code, b.households, coalesce(n.distance_m, 'infinity'),
         cell_column(14, st_x(p)), cell_row(14, st_y(p))
  from building b
  cross join lateral (select st_pointonsurface(b.geom) as centre) c
  cross join lateral st_transform(c.centre, 3857) p
  left join lateral (
    select st_distance(pl.geom::geography, c.centre::geography) as distance_m
    from place pl
    where pl.kind in ('service_center', 'service_station')
    order by pl.geom::geography <-> c.centre::geography
    limit 1
  ) n on true;

  update coverage_setting set computed_at = now(), computed_from = (
    select jsonb_object_agg(topic, version) from data_version where topic in ('member', 'place', 'territory'));
  perform bump_data_version('coverage');
end $$;

-- Grids from zoom 10: a 1080p wall shows the whole county at about zoom 10.3.
create or replace function tile_grids(z integer, x integer, y integer, scope text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'grids', 4096, 'geom'), ''::bytea)
  from (
    select g.code, g.name, g.community_code, g.kind::text as kind, g.households,
           st_asmvtgeom(st_transform(g.geom, 3857), b.env3857, 4096, 64, true) as geom
    from grid g, tile_bounds(z, x, y) b
    where z >= 10 and g.valid_to is null and g.geom && b.env4326 and g.code like any(scope)
  ) t
  where t.geom is not null
$$;

-- Tiles. Organizations and places are points; places hold center households (a member's home)
-- only when the caller may read members exactly.
create function tile_orgs(z integer, x integer, y integer, scope text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'orgs', 4096, 'geom'), ''::bytea)
  from (
    select o.id, o.name, o.kind::text as kind, o.sector::text as sector, o.area_code,
           st_asmvtgeom(st_transform(o.geom, 3857), b.env3857, 4096, 64, true) as geom
    from org o, tile_bounds(z, x, y) b
    where o.geom && b.env4326 and o.area_code like any(scope)
      and (o.kind = 'committee' or z >= 12)
  ) t
  where t.geom is not null
$$;

create function tile_places(z integer, x integer, y integer, scope text[], with_households boolean)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'places', 4096, 'geom'), ''::bytea)
  from (
    select p.id, p.name, p.kind::text as kind, p.tier::text as tier,
           st_asmvtgeom(st_transform(p.geom, 3857), b.env3857, 4096, 64, true) as geom
    from place p, tile_bounds(z, x, y) b
    where p.geom && b.env4326 and p.area_code like any(scope)
      and (p.kind <> 'center_household' or with_households)
      and (p.kind in ('service_center', 'service_station') or z >= 13)
  ) t
  where t.geom is not null
$$;

-- Open cases and those closed in the last 24 hours.
create function tile_cases(z integer, x integer, y integer, scope text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'cases', 4096, 'geom'), ''::bytea)
  from (
    select c.id, c.kind, c.title, c.severity::text as severity, c.status::text as status,
           extract(epoch from c.reported_at)::bigint as reported_at,
           st_asmvtgeom(st_transform(c.geom, 3857), b.env3857, 4096, 64, true) as geom
    from "case" c, tile_bounds(z, x, y) b
    where c.geom && b.env4326 and c.community_code like any(scope)
      and (c.status <> 'closed' or c.closed_at > now() - interval '24 hours')
  ) t
  where t.geom is not null
$$;

-- The cell layers group first and draw after (offset 0 keeps the planner from drawing every row).
-- Member density: cells 32 to a tile side up to level 14; cells under `minimum` members are left out.
create function tile_density(z integer, x integer, y integer, scope text[], minimum integer)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'density', 4096, 'geom'), ''::bytea)
  from (
    select g.total, g.available, g.skilled,
           cell_tile_geom(g.level, g.cx, g.cy, z, x, y) as geom
    from (
      select l.level, d.cx, d.cy,
             sum(d.total)::integer as total, sum(d.available)::integer as available, sum(d.skilled)::integer as skilled
      from (select least(greatest(z + 1, 6), 14) as level) l
      cross join tile_cells(z, x, y, l.level) r
      join member_density d on d.level = l.level and d.cx between r.cx0 and r.cx1 and d.cy between r.cy0 and r.cy1
      where d.area_code like any(scope)
      group by l.level, d.cx, d.cy
      having sum(d.total) >= minimum
      offset 0
    ) g
  ) t
  where t.geom is not null
$$;

-- Blind spots: cells of level min(z + 2, 13) holding at least one blind level-13 cell; `share`
-- is the blind part of the cell, `none_share` the part with no available member at all.
create function tile_blind_spots(z integer, x integer, y integer, scope text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'blind_spots', 4096, 'geom'), ''::bytea)
  from (
    select g.share, g.none_share,
           cell_tile_geom(g.level, g.cx, g.cy, z, x, y) as geom
    from (
      select l.level, c.cx >> (13 - l.level) as cx, c.cy >> (13 - l.level) as cy,
             round((count(*) filter (where c.available_nearby < s.k))::numeric / count(*), 3)::float8 as share,
             round((count(*) filter (where c.available_nearby = 0))::numeric / count(*), 3)::float8 as none_share
      from coverage_setting s
      cross join (select least(z + 2, 13) as level) l
      cross join tile_cells(z, x, y, 13) r
      join coverage_cell c on c.cx between r.cx0 and r.cx1 and c.cy between r.cy0 and r.cy1
      where c.area_code like any(scope)
      group by 1, 2, 3
      having count(*) filter (where c.available_nearby < s.k) > 0
      offset 0
    ) g
  ) t
  where t.geom is not null
$$;

-- Households beyond reach: buildings from zoom 14, below it cells of level min(z + 1, 14).
create function tile_reach(z integer, x integer, y integer, scope text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'reach', 4096, 'geom'), ''::bytea)
  from (
    select r.households, round(r.distance_m)::integer as distance_m,
           st_asmvtgeom(st_transform(bl.geom, 3857), b.env3857, 4096, 64, true) as geom
    from building bl
    join building_reach r on r.building_id = bl.id
    cross join coverage_setting s
    cross join tile_bounds(z, x, y) b
    where z >= 14 and bl.geom && b.env4326 and r.distance_m > s.reach_distance_m and r.area_code like any(scope)
    union all
    select g.households, g.distance_m,
           cell_tile_geom(g.level, g.cx, g.cy, z, x, y)
    from (
      select l.level, r.cx >> (14 - l.level) as cx, r.cy >> (14 - l.level) as cy,
             sum(r.households)::integer as households, min(round(r.distance_m))::integer as distance_m
      from coverage_setting s
      cross join (select least(z + 1, 14) as level) l
      cross join tile_cells(z, x, y, 14) c
      join building_reach r on r.cx between c.cx0 and c.cx1 and r.cy between c.cy0 and c.cy1
      where z < 14 and r.distance_m > s.reach_distance_m and r.households > 0 and r.area_code like any(scope)
      group by 1, 2, 3
      offset 0
    ) g
  ) t
  where t.geom is not null
$$;

select refresh_member_density();
select refresh_coverage();
