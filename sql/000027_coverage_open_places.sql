-- Emergency reach (building_reach) counts open service centers and stations only: a closed one
-- (sql/000025) keeps its record and history but serves nobody. As in 000008 otherwise.
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
    where pl.kind in ('service_center', 'service_station') and pl.closed_on is null
    order by pl.geom::geography <-> c.centre::geography
    limit 1
  ) n on true;

  update coverage_setting set computed_at = now(), computed_from = (
    select jsonb_object_agg(topic, version) from data_version where topic in ('member', 'place', 'territory'));
  perform bump_data_version('coverage');
end $$;
