-- Nearby at ten million members, where homes crowd: the 50 nearest may all live in one building
-- 128 m away while other buildings fill the corners of geodesic_box(128 m) with 13,000 members,
-- every one fetched and ranked (40 ms). The circle of radius r lies inside the ellipse inscribed in
-- the box, and a few strips cover the ellipse far more tightly than the box does.
--
-- Proof that the ellipse holds the circle: with the notation of 000033, a path of length L ≤ r has
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

-- As in 000033, with the members of the circle's strips instead of its box (proof of exactness
-- there; the strips hold the circle, proof above).
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
