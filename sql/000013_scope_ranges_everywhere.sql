-- The last functions that took a scope as LIKE patterns take it as code ranges (lo, hi), as the
-- listings and the other tiles do since 000011: one representation of scope everywhere. A
-- dispatch keeps its dispatcher's scope as ranges too, for the waves it sends later.

drop function nearest_members(float8, float8, float8, integer, boolean, text[], text[], bigint, integer);
drop function member_eligible(boolean, text[], text, boolean, text[], text[]);
drop function tile_density(integer, integer, integer, text[]);
drop function density_cells(integer, integer, integer, integer, integer, text[], text[]);
drop function tile_blind_spots(integer, integer, integer, text[]);
drop function tile_reach(integer, integer, integer, text[]);

-- Whether a member may be listed: available if asked, holding every skill asked, in scope.
-- Plain expressions, so PostgreSQL inlines it into the KNN scan.
create function member_eligible(
  available boolean, skills text[], org_area text, only_available boolean, with_skills text[], lo text[], hi text[]
) returns boolean
language sql immutable parallel safe as $$
  select (not only_available or available) and skills @> with_skills and scope_holds(org_area, lo, hi)
$$;

-- As in 000007, with the scope as ranges (the proof of exactness there holds unchanged).
create function nearest_members(
  lng float8, lat float8, radius_m float8, k integer, only_available boolean, with_skills text[],
  lo text[], hi text[], exclude_dispatch bigint, daily_cap integer
) returns table (member_id bigint, distance_m float8)
language sql stable as $$
  with knn as (
    select st_distance(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, true) as d
    from member m join org o on o.id = m.org_id
    where member_eligible(m.available, m.skills, o.area_code, only_available, with_skills, lo, hi)
      and (exclude_dispatch is null or member_dispatchable(m.id, exclude_dispatch, daily_cap))
    order by m.home::geography <-> st_setsrid(st_makepoint(lng, lat), 4326)::geography
    limit k
  ), bound as (
    select least(coalesce(max(d), 0), radius_m) * 1.006 + 0.01 as r from knn
  ), near as materialized (
    -- the cheap tests first, on everything the index box returns
    select m.id, m.home, m.org_id,
           st_distance(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, false) as ds
    from member m, bound
    where st_dwithin(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, bound.r, false)
      and (not only_available or m.available)
      and m.skills @> with_skills
  ), disc as (
    -- then the organization's scope, one lookup per member of the disc
    select near.id, near.home, near.ds from near
    where scope_holds((select o.area_code from org o where o.id = near.org_id), lo, hi)
      and (exclude_dispatch is null or member_dispatchable(near.id, exclude_dispatch, daily_cap))
  ), cut as (
    select coalesce((select ds from disc order by ds offset k - 1 limit 1) * 1.013 + 0.01, 'infinity') as ds
  ), ranked as (
    select disc.id, st_distance(disc.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, true) as d
    from disc, cut
    where disc.ds <= cut.ds
  )
  select id, d from ranked where d <= radius_m order by d, id limit k
$$;

-- As in 000009, with the scopes as ranges.
create function density_cells(level integer, cx0 integer, cx1 integer, cy0 integer, cy1 integer, lo text[], hi text[], raw_lo text[], raw_hi text[])
returns table (cx integer, cy integer, total integer, available integer, skilled integer)
language sql stable parallel safe as $$
  select d.cx, d.cy,
         sum(case when scope_holds(d.area_code, raw_lo, raw_hi) then d.total else d.pub_total end)::integer,
         sum(case when scope_holds(d.area_code, raw_lo, raw_hi) then d.available else d.pub_available end)::integer,
         sum(case when scope_holds(d.area_code, raw_lo, raw_hi) then d.skilled else d.pub_skilled end)::integer
  from member_density d
  where d.level = density_cells.level and d.cx between cx0 and cx1 and d.cy between cy0 and cy1
    and scope_holds(d.area_code, lo, hi)
  group by d.cx, d.cy
  having sum(case when scope_holds(d.area_code, raw_lo, raw_hi) then d.total else d.pub_total end) > 0
$$;

create function tile_density(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'density', 4096, 'geom'), ''::bytea)
  from (
    select g.total, g.available, g.skilled,
           cell_tile_geom(g.level, g.cx, g.cy, z, x, y) as geom
    from (
      select l.level, c.cx, c.cy, c.total, c.available, c.skilled
      from (select least(greatest(z + 1, 6), 14) as level) l
      cross join tile_cells(z, x, y, l.level) r
      cross join lateral density_cells(l.level, r.cx0, r.cx1, r.cy0, r.cy1, lo, hi, '{}', '{}') c
      offset 0
    ) g
  ) t
  where t.geom is not null
$$;

create function tile_blind_spots(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'blind_spots', 4096, 'geom'), ''::bytea)
  from (
    select g.share, g.few_share,
           cell_tile_geom(g.level, g.cx, g.cy, z, x, y) as geom
    from (
      select l.level, c.cx >> (13 - l.level) as cx, c.cy >> (13 - l.level) as cy,
             round((count(*) filter (where c.available_nearby < s.k))::numeric / count(*), 3)::float8 as share,
             round((count(*) filter (where c.available_nearby < 5))::numeric / count(*), 3)::float8 as few_share
      from coverage_setting s
      cross join (select least(z + 2, 13) as level) l
      cross join tile_cells(z, x, y, 13) r
      join coverage_cell c on c.cx between r.cx0 and r.cx1 and c.cy between r.cy0 and r.cy1
      where scope_holds(c.area_code, lo, hi)
      group by 1, 2, 3
      having count(*) filter (where c.available_nearby < s.k) > 0
      offset 0
    ) g
  ) t
  where t.geom is not null
$$;

-- As in 000008, with the scope as ranges.
create function tile_reach(z integer, x integer, y integer, lo text[], hi text[])
returns bytea language sql stable parallel safe as $$
  select coalesce(st_asmvt(t, 'reach', 4096, 'geom'), ''::bytea)
  from (
    select r.households, round(r.distance_m)::integer as distance_m,
           st_asmvtgeom(st_transform(bl.geom, 3857), b.env3857, 4096, 64, true) as geom
    from building bl
    join building_reach r on r.building_id = bl.id
    cross join coverage_setting s
    cross join tile_bounds(z, x, y) b
    where z >= 14 and bl.geom && b.env4326 and r.distance_m > s.reach_distance_m and scope_holds(r.area_code, lo, hi)
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
      where z < 14 and r.distance_m > s.reach_distance_m and r.households > 0 and scope_holds(r.area_code, lo, hi)
      group by 1, 2, 3
      offset 0
    ) g
  ) t
  where t.geom is not null
$$;

-- The dispatcher's scope: each LIKE pattern 'prefix%' becomes the range [prefix, successor) —
-- the digit string after it of the same length (510709 → 510710; '' and all nines: above all codes),
-- the rule of server/src/auth/scope.ts, applied here once to the dispatches already stored.
alter table dispatch add column scope_lo text[], add column scope_hi text[];
update dispatch d set
  scope_lo = coalesce((select array_agg(rtrim(p, '%') order by rtrim(p, '%')) from unnest(d.scope) p), '{}'),
  scope_hi = coalesce((select array_agg(
      case when rtrim(p, '%') ~ '^9*$' then repeat('9', 16)
           else lpad((rtrim(p, '%')::numeric + 1)::text, length(rtrim(p, '%')), '0') end
      order by rtrim(p, '%')) from unnest(d.scope) p), '{}');
-- as the patterns did, a dispatch made without a scope holds nobody
alter table dispatch alter column scope_lo set not null, alter column scope_hi set not null,
  alter column scope_lo set default '{}', alter column scope_hi set default '{}',
  add constraint dispatch_scope_ranges check (cardinality(scope_lo) = cardinality(scope_hi));
alter table dispatch drop column scope;

-- The SQL copy of the subtree rule (000005) has no caller left: server/src/auth/scope.ts is the one.
drop function area_scope_prefix(text);
