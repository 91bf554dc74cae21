-- Nearby members at province scale. The geography KNN scan of 000007–000024 is exact but slow at
-- ten million members (its first row alone ~15 ms, planning up to 30 ms): here the candidates come
-- from the plain geometry index, and boxes proven to hold every point within r meters bound the
-- exact ranking. Homes crowd at that scale: the 50 nearest may all live in one building 128 m away
-- while other buildings fill the corners of the 128 m box with 13,000 members, so the ranking reads
-- 32 latitude strips around the circle's inscribed ellipse instead (638 members there). The
-- geography index on member homes is dropped: nothing reads it any more, and every load and home
-- move paid for it.

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

-- Proof that the ellipse holds the circle: with the notation above, a path of length L ≤ r has
--   L = ∫ √(M² φ'² + (N cos φ)² λ'²) dt ≥ ∫ √((a(1 − e²) φ')² + (a cos φmax λ')²) dt
--     ≥ √((a(1 − e²) Δφ)² + (a cos φmax Δλ)²),
-- the last step because a curve is no shorter than the straight line between its ends in the plane
-- with coordinates (a(1 − e²) φ, a cos φmax λ). So (Δφ / Δφmax)² + (Δλ / Δλmax)² ≤ (L / r)² ≤ 1,
-- where Δφmax and Δλmax are the half-sizes of geodesic_box(r).

-- n boxes, in latitude bands of the box, each as wide as the ellipse is within its band: together
-- they hold every point within r meters of (lng, lat). Bands share their edges (a point on one may
-- come from both); widths get the box's margins for rounding.
create function geodesic_strips(lng float8, lat float8, r float8, n integer default 32) returns setof geometry
language sql immutable parallel safe rows 32 as $$
  select st_makeenvelope(lng - w, lat + y0 * dlat, lng + w, lat + y1 * dlat, 4326)
  from (
    select degrees(r / 6335439.327) * 1.000001 + 1e-9 as dlat,
           case when abs(lat) + degrees(r / 6335439.327) >= 89.9 then 180
                else degrees(r / (6378137 * cos(radians(abs(lat)) + r / 6335439.327))) * 1.000001 + 1e-9 end as dlng
  ) h
  cross join generate_series(0, n - 1) i
  cross join lateral (select -1 + 2 * i::float8 / n as y0, -1 + 2 * (i + 1)::float8 / n as y1) y
  cross join lateral (
    select dlng * sqrt(1 - (case when y0 < 0 and y1 > 0 then 0 else least(abs(y0), abs(y1)) end) ^ 2) * 1.000001 + 1e-9 as w
  ) x
$$;

-- The k nearest matching members within radius_m, nearest first by geodesic (spheroid) distance,
-- ties by id, exactly. Proof:
--   1. KNN on the geometry index (planar order in degrees, any order would do) gives k eligible
--      candidates; their largest spheroid distance D bounds the true k-th distance, so the true k
--      nearest within radius_m all lie within r = min(D, radius_m);
--   2. geodesic_strips(r) hold every point within r (proof above): their eligible members are
--      ranked by the cheap sphere distance. Sphere and spheroid distances differ by less than 0.6 % (ε),
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
    select distinct on (m.id) m.id, m.home,
           st_distance(m.home::geography, st_setsrid(st_makepoint(lng, lat), 4326)::geography, false) as ds
    from bound cross join geodesic_strips(lng, lat, bound.r) s(box)
    join member m on m.home && s.box
    where member_eligible(m.available, m.skills, m.org_area_code, only_available, with_skills, lo, hi)
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
