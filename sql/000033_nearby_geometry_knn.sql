-- Nearby members at province scale. The geography KNN scan of 000007–000024 is exact but slow at
-- ten million members (its first row alone ~15 ms, planning up to 30 ms): here the candidates come
-- from the plain geometry index, and a box proven to hold every point within r meters bounds the
-- exact ranking. The geography index on member homes is dropped: nothing reads it any more, and
-- every load and home move paid for it.

-- A box (SRID 4326) that holds every point within r meters (geodesic, WGS-84 spheroid) of
-- (lng, lat). Proof: on an ellipsoid of revolution the line element is
--   ds² = M(φ)² dφ² + (N(φ) cos φ)² dλ²,
-- with the meridian radius M(φ) ≥ a(1 − e²) = 6,335,439.327 m and the normal radius N(φ) ≥ a =
-- 6,378,137 m. A path of length ≤ r from (φ0, λ0) therefore changes latitude by at most
-- Δφ = r / (a(1 − e²)) radians, so all of it lies in the band |φ| ≤ |φ0| + Δφ, where cos φ ≥
-- cos(|φ0| + Δφ); and it changes longitude by at most r / (a cos(|φ0| + Δφ)). The geodesic to any
-- point within r is such a path. The box is widened by a relative 1e-6 and 1e-9° for rounding;
-- within 0.1° of a pole it spans all longitudes.
create function geodesic_box(lng float8, lat float8, r float8) returns geometry
language sql immutable parallel safe as $$
  select st_makeenvelope(
    lng - case when abs(lat) + degrees(r / 6335439.327) >= 89.9 then 180
               else degrees(r / (6378137 * cos(radians(abs(lat)) + r / 6335439.327))) * 1.000001 + 1e-9 end,
    lat - degrees(r / 6335439.327) * 1.000001 - 1e-9,
    lng + case when abs(lat) + degrees(r / 6335439.327) >= 89.9 then 180
               else degrees(r / (6378137 * cos(radians(abs(lat)) + r / 6335439.327))) * 1.000001 + 1e-9 end,
    lat + degrees(r / 6335439.327) * 1.000001 + 1e-9,
    4326)
$$;

-- The k nearest matching members within radius_m, nearest first by geodesic (spheroid) distance,
-- ties by id, exactly. Proof:
--   1. KNN on the geometry index (planar order in degrees, any order would do) gives k eligible
--      candidates; their largest spheroid distance D bounds the true k-th distance, so the true k
--      nearest within radius_m all lie within r = min(D, radius_m);
--   2. geodesic_box(r) holds every point within r (proof above): its eligible members are ranked
--      by the cheap sphere distance. Sphere and spheroid distances differ by less than 0.6 % (ε),
--      so the true k nearest lie within (1 + ε) / (1 − ε) < 1.013 × the k-th sphere distance;
--   3. only those few get the spheroid distance, and the k smallest within radius_m win.
-- The organization's area is read from member.org_area_code (kept by 000011), so no join.
create or replace function nearest_members(
  lng float8, lat float8, radius_m float8, k integer, only_available boolean, with_skills text[],
  lo text[], hi text[], exclude_dispatch bigint, daily_cap integer
) returns table (member_id bigint, distance_m float8)
language sql stable as $$
  with knn as (
    select st_distance(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, true) as d
    from member m
    where member_eligible(m.available, m.skills, m.org_area_code, only_available, with_skills, lo, hi)
      and m.left_on is null
      and (exclude_dispatch is null or member_dispatchable(m.id, exclude_dispatch, daily_cap))
    order by m.home <-> st_setsrid(st_makepoint(lng, lat), 4326)
    limit k
  ), bound as (
    select least(coalesce(max(d), 0), radius_m) as r from knn
  ), disc as materialized (
    select m.id, m.home,
           st_distance(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, false) as ds
    from member m, bound
    where m.home && geodesic_box(lng, lat, bound.r)
      and member_eligible(m.available, m.skills, m.org_area_code, only_available, with_skills, lo, hi)
      and m.left_on is null
      and (exclude_dispatch is null or member_dispatchable(m.id, exclude_dispatch, daily_cap))
  ), cut as (
    select coalesce((select ds from disc order by ds offset k - 1 limit 1) * 1.013 + 0.01, 'infinity') as ds
  ), ranked as (
    select disc.id, st_distance(disc.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, true) as d
    from disc, cut
    where disc.ds <= cut.ds
  )
  select id, d from ranked where d <= radius_m order by d, id limit k
$$;

-- Coverage counts available members near each cell centre through the geometry index too: the
-- box holds the circle (proof above), the geodesic test decides. As in 000027 otherwise.
create or replace function refresh_coverage() returns void language plpgsql as $$
declare
  s coverage_setting;
begin
  select * into s from coverage_setting;
  delete from coverage_cell;
  insert into coverage_cell (cx, cy, area_code, available_nearby)
  select c.cx, c.cy, a.code,
         (select count(*) from (
            select 1 from member m
            where m.available
              and m.home && geodesic_box(st_x(c.centre), st_y(c.centre), s.radius_m)
              and st_dwithin(m.home::geography, c.centre::geography, s.radius_m)
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
    where pl.kind in ('service_center', 'service_station') and pl.closed_on is null
    order by pl.geom::geography <-> c.centre::geography
    limit 1
  ) n on true;

  update coverage_setting set computed_at = now(), computed_from = (
    select jsonb_object_agg(topic, version) from data_version where topic in ('member', 'place', 'territory'));
  perform bump_data_version('coverage');
end $$;

drop index member_home_geog_idx;
