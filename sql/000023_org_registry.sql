-- Organizations as their secretaries keep them: closed with a day and a reason (a closed one
-- leaves the map and the figures, not the history), merged into another (its members move
-- there, the merge stays on both records).
alter table org
  add column closed_on    date,
  add column close_reason text check (length(close_reason) between 1 and 500),
  add column merged_into  bigint references org (id),
  add check ((closed_on is null) = (close_reason is null)),
  add check (merged_into is null or closed_on is not null),
  add check (merged_into is distinct from id);
create index org_open_area_idx on org (area_code, id) where closed_on is null;

-- As in 000011, without closed organizations.
create or replace function tile_orgs(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'orgs', 4096, 'geom'), ''::bytea)
  from (
    select o.id, o.name, o.kind::text as kind, o.sector::text as sector, o.area_code,
           st_asmvtgeom(st_transform(o.geom, 3857), b.env3857, 4096, 64, true) as geom
    from org o, tile_bounds(z, x, y) b
    where o.geom && b.env4326 and scope_holds(o.area_code, lo, hi) and o.closed_on is null
      and (o.kind = 'committee' or z >= 12)
  ) t
  where t.geom is not null
$$;
