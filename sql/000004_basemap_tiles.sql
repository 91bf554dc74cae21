-- Vector tiles for the offline basemap, one function per layer: (z, x, y) → MVT bytes.
-- Each layer shows more detail as the zoom grows; features are clipped to the tile with a buffer.

create or replace function tile_bounds(z integer, x integer, y integer)
returns table (env3857 geometry, env4326 geometry)
language sql immutable parallel safe as $$
  select st_tileenvelope(z, x, y), st_transform(st_tileenvelope(z, x, y, margin => 64.0 / 4096), 4326)
$$;

create or replace function tile_areas(z integer, x integer, y integer)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'areas', 4096, 'geom'), ''::bytea)
  from (
    select a.code, a.name, a.level::text as level,
           st_asmvtgeom(st_transform(a.geom, 3857), b.env3857, 4096, 64, true) as geom
    from area a, tile_bounds(z, x, y) b
    where a.geom && b.env4326
      and (a.level in ('county', 'town') or z >= 10)
  ) t
  where t.geom is not null
$$;

create or replace function tile_grids(z integer, x integer, y integer)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'grids', 4096, 'geom'), ''::bytea)
  from (
    select g.code, g.name, g.community_code, g.kind::text as kind, g.households,
           st_asmvtgeom(st_transform(g.geom, 3857), b.env3857, 4096, 64, true) as geom
    from grid g, tile_bounds(z, x, y) b
    where z >= 11 and g.valid_to is null and g.geom && b.env4326
  ) t
  where t.geom is not null
$$;

create or replace function tile_roads(z integer, x integer, y integer)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'roads', 4096, 'geom'), ''::bytea)
  from (
    select r.name, r.class::text as class,
           st_asmvtgeom(st_transform(r.geom, 3857), b.env3857, 4096, 64, true) as geom
    from road r, tile_bounds(z, x, y) b
    where r.geom && b.env4326
      and case r.class
            when 'primary' then true
            when 'secondary' then z >= 11
            when 'tertiary' then z >= 13
            else z >= 14
          end
  ) t
  where t.geom is not null
$$;

create or replace function tile_buildings(z integer, x integer, y integer)
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'buildings', 4096, 'geom'), ''::bytea)
  from (
    select bl.name, bl.floors, bl.households,
           st_asmvtgeom(st_transform(bl.geom, 3857), b.env3857, 4096, 64, true) as geom
    from building bl, tile_bounds(z, x, y) b
    where z >= 14 and bl.geom && b.env4326
  ) t
  where t.geom is not null
$$;
