-- Area and grid tiles hold only what the caller's scope covers: `scope` is a list of LIKE
-- patterns on area codes (see area_scope_prefix); ancestors of the scope show as outlines.

drop function tile_areas(integer, integer, integer);
drop function tile_grids(integer, integer, integer);

create or replace function tile_areas(z integer, x integer, y integer, scope text[], ancestors text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'areas', 4096, 'geom'), ''::bytea)
  from (
    select a.code, a.name, a.level::text as level,
           st_asmvtgeom(st_transform(a.geom, 3857), b.env3857, 4096, 64, true) as geom
    from area a, tile_bounds(z, x, y) b
    where a.geom && b.env4326
      and (a.level in ('county', 'town') or z >= 10)
      and (a.code like any(scope) or a.code = any(ancestors))
  ) t
  where t.geom is not null
$$;

create or replace function tile_grids(z integer, x integer, y integer, scope text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'grids', 4096, 'geom'), ''::bytea)
  from (
    select g.code, g.name, g.community_code, g.kind::text as kind, g.households,
           st_asmvtgeom(st_transform(g.geom, 3857), b.env3857, 4096, 64, true) as geom
    from grid g, tile_bounds(z, x, y) b
    where z >= 11 and g.valid_to is null and g.geom && b.env4326 and g.code like any(scope)
  ) t
  where t.geom is not null
$$;
