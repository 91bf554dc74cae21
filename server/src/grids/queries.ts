import type pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import type { Bbox } from '../contract/grids.ts';

/** Current grids in scope intersecting `bbox`, as GeoJSON text; uses the partial GiST index on current grids. */
export async function selectGridCollection(db: pg.Pool, bbox: Bbox, scope: Scope): Promise<string> {
  const { rows } = await db.query<{ collection: string }>(
    `select json_build_object(
       'type', 'FeatureCollection',
       'features', coalesce(json_agg(json_build_object(
         'type', 'Feature',
         'id', g.code,
         'geometry', st_asgeojson(g.geom, 6)::json,
         'properties', json_build_object(
           'code', g.code, 'name', g.name, 'community_code', g.community_code,
           'kind', g.kind, 'households', g.households, 'valid_from', g.valid_from)
       ) order by g.code), '[]'::json)
     )::text as collection
     from grid g
     where g.valid_to is null
       and g.geom && st_makeenvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)
       and st_intersects(g.geom, st_makeenvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326))
       and scope_holds(g.code, $5::text[], $6::text[])`,
    [bbox.minLng, bbox.minLat, bbox.maxLng, bbox.maxLat, scope.lo, scope.hi],
  );
  return rows[0]?.collection ?? '{"type":"FeatureCollection","features":[]}';
}
