import type { GovernanceLayer } from '../contract/plan-files.ts';
import type { Queryable, Tx } from '../db/transaction.ts';

/** A governance grid as it is stored: its feature number, code, name and GeoJSON outline. */
export type GovernanceGridRow = { feature: number; code: string | null; name: string | null; geometry: string };

export type GovernanceSource = { format: 'geojson' | 'shapefile'; crs: string; gcj02: boolean };

/**
 * Replaces the community's governance layer with a file's grids, cut to the community (2-D,
 * valid, exterior rings counter-clockwise, on the 1e-9° grid plans are kept on).
 */
export async function replaceGovernanceLayer(
  tx: Tx,
  community: string,
  userId: number | null,
  source: GovernanceSource,
  grids: GovernanceGridRow[],
): Promise<void> {
  await tx.query(
    `insert into governance_layer (community_code, source, loaded_by) values ($1, $2::jsonb, $3)
     on conflict (community_code) do update set source = excluded.source, loaded_by = excluded.loaded_by, loaded_at = now()`,
    [community, JSON.stringify(source), userId],
  );
  await tx.query('delete from governance_grid where community_code = $1', [community]);
  await tx.query(
    `insert into governance_grid (community_code, feature, code, name, geom)
     select $1, (e ->> 'feature')::integer, e ->> 'code', e ->> 'name',
            st_forcepolygonccw(st_multi(st_collectionextract(st_intersection(a.geom,
              st_makevalid(st_snaptogrid(st_force2d(st_setsrid(st_geomfromgeojson(e ->> 'geometry'), 4326)), 1e-9))), 3)))
     from jsonb_array_elements($2::jsonb) e, area a
     where a.code = $1`,
    [community, JSON.stringify(grids)],
  );
}

/** Removes the community's governance layer; false when it had none. */
export async function deleteGovernanceLayer(tx: Tx, community: string): Promise<boolean> {
  const { rowCount } = await tx.query('delete from governance_layer where community_code = $1', [community]);
  return (rowCount ?? 0) > 0;
}

/** The community's governance layer: where it came from and its grids (none while none is loaded). */
export async function selectGovernanceLayer(db: Queryable, community: string): Promise<GovernanceLayer> {
  const { rows } = await db.query<{ layer: GovernanceLayer }>(
    `select json_build_object(
       'community_code', $1::text,
       'loaded', (select json_build_object('at', l.loaded_at, 'by', u.display_name, 'format', l.source ->> 'format',
                                           'crs', l.source ->> 'crs', 'gcj02', (l.source ->> 'gcj02')::boolean)
                  from governance_layer l left join app_user u on u.id = l.loaded_by where l.community_code = $1),
       'grids', json_build_object('type', 'FeatureCollection', 'features', coalesce((
         select json_agg(json_build_object('type', 'Feature', 'id', h.feature, 'geometry', st_asgeojson(h.geom, 9)::json,
                                           'properties', json_build_object('feature', h.feature, 'code', h.code, 'name', h.name))
                         order by h.feature)
         from governance_grid h where h.community_code = $1), '[]'::json))
     ) as layer`,
    [community],
  );
  return rows[0]!.layer;
}
