import type { Scope } from '../auth/scope.ts';
import type { Queryable } from '../db/transaction.ts';

export type LocateRow = {
  county_code: string;
  county_name: string;
  town_code: string;
  town_name: string;
  community_code: string;
  community_name: string;
  community_level: 'community' | 'village';
  grid_code: string | null;
  grid_name: string | null;
  branch_id: number | null;
  branch_name: string | null;
  leader_name: string | null;
  center_id: number | null;
  center_name: string | null;
  center_kind: 'service_center' | 'service_station' | null;
  center_distance_m: number | null;
};

/**
 * What lies at a point: its community/village and parents, its grid as of `at` (now when null)
 * with the grid's branch and leader, and the nearest service center or station. Points outside
 * the caller's scope find nothing. The nearest is picked by index-assisted KNN among a few
 * candidates, then ranked by geodesic (spheroid) distance, which KNN only approximates.
 */
export async function selectLocation(db: Queryable, lng: number, lat: number, scope: Scope, at: string | null = null): Promise<LocateRow | undefined> {
  const { rows } = await db.query<LocateRow>(
    `with p as (select st_setsrid(st_makepoint($1::float8, $2::float8), 4326) as geom)
     select k.code as county_code, k.name as county_name,
            t.code as town_code, t.name as town_name,
            c.code as community_code, c.name as community_name, c.level as community_level,
            g.code as grid_code, g.name as grid_name,
            b.id as branch_id, b.name as branch_name,
            s.name as leader_name,
            sc.id as center_id, sc.name as center_name, sc.kind as center_kind, sc.distance_m as center_distance_m
     from p
     join area c on c.level in ('community', 'village') and st_intersects(c.geom, p.geom) and scope_holds(c.code, $3::text[], $4::text[])
     join area t on t.code = c.parent_code
     join area k on k.code = t.parent_code
     left join lateral (
       select v.grid_code as code, v.name from grid_versions_at($5::timestamptz) v
       join grid gi on gi.code = v.grid_code
       where gi.community_code = c.code and st_intersects(v.geom, p.geom)
       order by v.grid_code limit 1
     ) g on true
     left join lateral (
       select id, name from org where grid_code = g.code and kind = 'branch' and closed_on is null order by id limit 1
     ) b on true
     left join grid_staff s on s.grid_code = g.code and s.role = 'grid_leader'
     left join lateral (
       select id, name, kind, st_distance(geom::geography, p.geom::geography) as distance_m
       from (
         select id, name, kind, geom from place
         where kind in ('service_center', 'service_station') and closed_on is null
         order by geom::geography <-> p.geom::geography
         limit 8
       ) near
       order by distance_m, id
       limit 1
     ) sc on true
     order by c.code
     limit 1`,
    [lng, lat, scope.lo, scope.hi, at],
  );
  return rows[0];
}
