import type pg from 'pg';
import type { Collection } from './gis-files.ts';

/** The demo county's most populous community (the planner's tests work in it) and its town. */
export async function largestCommunity(db: pg.Pool): Promise<{ code: string; town: string }> {
  const { rows } = await db.query<{ code: string; town: string }>(
    "select code, parent_code as town from area where level = 'community' order by households desc limit 1",
  );
  return rows[0]!;
}

/**
 * The community's current grids as a GeoJSON file, as a GIS department would hold them; each
 * feature's properties are `properties`, an SQL json expression over the version `v`.
 */
export async function currentGridsFile(
  db: pg.Pool,
  community: string,
  properties = "json_build_object('code', v.grid_code, 'name', v.name)",
): Promise<Collection> {
  const { rows } = await db.query<{ c: Collection }>(
    `select json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
       'type', 'Feature', 'properties', ${properties}, 'geometry', st_asgeojson(v.geom, 9)::json) order by v.grid_code)) as c
     from grid_version v join grid g on g.code = v.grid_code where g.community_code = $1 and v.valid_to is null`,
    [community],
  );
  return rows[0]!.c;
}
