import type pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import type { AreaLevel } from '../contract/areas.ts';

/** Areas in scope (and the county and town above it) as GeoJSON, built by PostGIS, returned as text. */
export async function selectAreaCollection(db: pg.Pool, filter: { level?: AreaLevel | undefined; parent?: string | undefined }, scope: Scope): Promise<string> {
  const { rows } = await db.query<{ collection: string }>(
    `select json_build_object(
       'type', 'FeatureCollection',
       'features', coalesce(json_agg(json_build_object(
         'type', 'Feature',
         'id', a.code,
         'geometry', st_asgeojson(a.geom, 6)::json,
         'properties', json_build_object(
           'code', a.code, 'name', a.name, 'level', a.level,
           'parent_code', a.parent_code, 'households', a.households)
       ) order by a.code), '[]'::json)
     )::text as collection
     from area a
     where ($1::area_level is null or a.level = $1::area_level)
       and ($2::text is null or a.parent_code = $2::text)
       and (scope_holds(a.code, $3::text[], $4::text[]) or a.code = any($5::text[]))`,
    [filter.level ?? null, filter.parent ?? null, scope.lo, scope.hi, scope.ancestors],
  );
  return rows[0]?.collection ?? '{"type":"FeatureCollection","features":[]}';
}
