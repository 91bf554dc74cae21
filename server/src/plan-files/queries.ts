import type { PlanFileProblem } from '../contract/plan-files.ts';
import type { Queryable, Tx } from '../db/transaction.ts';
import type { FileLayer } from './read-file.ts';

/** A grid of a file as the checks take it: its feature number, a label for messages, GeoJSON text. */
export type CheckedGrid = { feature: number; grid: string | null; label: string; geometry: string };

/** The community's current grids: the codes an imported file may carry, with their names. */
export async function selectCommunityGrids(db: Queryable, community: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ code: string; name: string }>(
    `select v.grid_code as code, v.name from grid_version v join grid g on g.code = v.grid_code
     where g.community_code = $1 and v.valid_to is null`,
    [community],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * What PostGIS finds wrong with a file's grids against their community, with where it is: an
 * invalid polygon (ST_IsValidReason), two grids overlapping, and for a plan a grid reaching outside
 * the community or ground of the community in no grid; areas on the spheroid, over 1 m². A
 * governance layer is another department's drawing: what lies outside the community is cut off
 * and ground it leaves out is the validation's to report, so only a grid wholly outside is wrong.
 * Invalid polygons are taken as ST_MakeValid makes them for the other checks, so that one bad ring
 * does not hide the rest.
 */
export async function selectFileProblems(tx: Tx, community: string, grids: CheckedGrid[], layer: FileLayer): Promise<PlanFileProblem[]> {
  const { rows } = await tx.query<PlanFileProblem>(
    `with f as materialized (
       select (e ->> 'feature')::integer as feature, e ->> 'grid' as grid, e ->> 'label' as label,
              st_setsrid(st_geomfromgeojson(e ->> 'geometry'), 4326) as geom
       from jsonb_array_elements($2::jsonb) e
     ),
     g as materialized (
       select f.*, st_isvalid(f.geom) as valid,
              case when st_isvalid(f.geom) then f.geom else st_collectionextract(st_makevalid(f.geom), 3) end as fixed
       from f
     ),
     c as (select a.geom from area a where a.code = $1)
     select code, feature, grid, message, st_asgeojson(geom, 7)::json as geometry from (
       select 'invalid_geometry' as code, g.feature, g.grid, format('%s: %s', g.label, st_isvalidreason(g.geom)) as message,
              (st_isvaliddetail(g.geom)).location as geom, 1 as rank
       from g where not g.valid
       union all
       select 'outside_community', g.feature, g.grid,
              format('%s reaches %s m² outside the community', g.label, round(st_area(d::geography))::text), d, 2
       from g, c, st_difference(g.fixed, c.geom) d where $3 = 'plan' and st_area(d::geography) > 1
       union all
       select 'outside_community', g.feature, g.grid, format('%s lies outside the community', g.label), g.fixed, 2
       from g, c where $3 = 'governance' and st_area(st_intersection(g.fixed, c.geom)::geography) <= 1
       union all
       select 'overlap', a.feature, a.grid,
              format('%s and %s overlap by %s m²', a.label, b.label, round(st_area(i::geography))::text), i, 3
       from g a join g b on a.feature < b.feature and st_intersects(a.fixed, b.fixed), st_intersection(a.fixed, b.fixed) i
       where st_area(i::geography) > 1
       union all
       select 'gap', null, null, format('%s m² of the community belong to no grid of the file', round(st_area(d.geom::geography))::text), d.geom, 4
       from c, st_dump(st_difference(c.geom, coalesce((select st_union(g.fixed) from g), 'SRID=4326;POLYGON EMPTY'::geometry))) d
       where $3 = 'plan' and st_area(d.geom::geography) > 1
     ) p
     order by rank, feature nulls last, message
     limit 500`,
    [community, JSON.stringify(grids), layer],
  );
  return rows;
}

/** A grid as the plan keeps it: its key, name and GeoJSON outline. */
export type StateGrid = { key: string; name: string; geometry: string };

/**
 * Records the file's grids as state `seq` of the plan: 2-D, exterior rings counter-clockwise, on
 * the 1e-9° grid the plan's states are kept on.
 */
export async function insertFileState(tx: Tx, planId: number, seq: number, grids: StateGrid[]): Promise<void> {
  await tx.query(
    `insert into plan_grid_state (plan_id, seq, key, name, geom)
     select $1, $2, e ->> 'key', e ->> 'name',
            st_multi(st_collectionextract(st_makevalid(st_snaptogrid(st_forcepolygonccw(st_force2d(
              st_setsrid(st_geomfromgeojson(e ->> 'geometry'), 4326))), 1e-9)), 3))
     from jsonb_array_elements($3::jsonb) e`,
    [planId, seq, JSON.stringify(grids)],
  );
}
