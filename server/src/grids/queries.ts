import type { Scope } from '../auth/scope.ts';
import type { Bbox } from '../contract/grids.ts';
import type { Queryable } from '../db/transaction.ts';

/**
 * Grids in scope intersecting `bbox` as they were at `at` (now when null), as GeoJSON text: now by
 * the partial GiST index on current versions, a date by the one on all outlines.
 */
export async function selectGridCollection(db: Queryable, bbox: Bbox, scope: Scope, at: string | null): Promise<string> {
  const { rows } = await db.query<{ collection: string }>(
    `select json_build_object(
       'type', 'FeatureCollection',
       'features', coalesce(json_agg(json_build_object(
         'type', 'Feature',
         'id', v.grid_code,
         'geometry', st_asgeojson(v.geom, 6)::json,
         'properties', json_build_object(
           'code', v.grid_code, 'name', v.name, 'community_code', g.community_code,
           'kind', g.kind, 'households', v.households, 'valid_from', v.valid_from, 'valid_to', v.valid_to)
       ) order by v.grid_code), '[]'::json)
     )::text as collection
     from grid_versions_at($7::timestamptz) v
     join grid g on g.code = v.grid_code
     where v.geom && st_makeenvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)
       and st_intersects(v.geom, st_makeenvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326))
       and scope_holds(v.grid_code, $5::text[], $6::text[])`,
    [bbox.minLng, bbox.minLat, bbox.maxLng, bbox.maxLat, scope.lo, scope.hi, at],
  );
  return rows[0]?.collection ?? '{"type":"FeatureCollection","features":[]}';
}

/** A grid in scope with every version, newest first, as JSON text; undefined when there is none. */
export async function selectGridHistory(db: Queryable, code: string, scope: Scope): Promise<string | undefined> {
  const { rows } = await db.query<{ history: string }>(
    `select json_build_object(
       'code', g.code, 'community_code', g.community_code, 'kind', g.kind,
       'created_at', g.created_at, 'retired_at', g.retired_at,
       'versions', json_build_object('type', 'FeatureCollection', 'features', (
         select coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', v.id,
           'geometry', st_asgeojson(v.geom, 6)::json,
           'properties', json_build_object(
             'name', v.name, 'households', v.households, 'valid_from', v.valid_from, 'valid_to', v.valid_to, 'plan_id', v.plan_id)
         ) order by v.valid_from desc), '[]'::json)
         from grid_version v where v.grid_code = g.code))
     )::text as history
     from grid g
     where g.code = $1 and scope_holds(g.code, $2::text[], $3::text[])`,
    [code, scope.lo, scope.hi],
  );
  return rows[0]?.history;
}
