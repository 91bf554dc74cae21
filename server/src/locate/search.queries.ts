import type { Scope } from '../auth/scope.ts';
import type { PlaceSearchKind } from '../contract/locate.ts';
import type { Queryable } from '../db/transaction.ts';

export type PlaceSearchRow = {
  kind: PlaceSearchKind;
  /** what the result is in the registry: an area or grid code, or a record's id */
  ref: string;
  name: string;
  context: string | null;
  lng: number;
  lat: number;
};

/**
 * Places in scope whose name contains `q` (case-insensitive), or grids whose code starts with it:
 * towns, communities and villages, current grids, compounds, buildings (their names are their
 * addresses: 东包村4组2号), organizations with a position, service centers and stations, education
 * and model sites, and new-type organizations (also by a prefix of their credit code). Center
 * households are members' homes and never found here. Each kind is limited on its own, then ranked by kind and then by
 * how close the name is to `q` (exact, prefix, shorter first). strpos, not like: `q` is not a pattern.
 */
export async function searchPlaces(db: Queryable, q: string, limit: number, scope: Scope): Promise<PlaceSearchRow[]> {
  const { rows } = await db.query<PlaceSearchRow>(
    `with hits as (
       (select 'town' as kind, 0 as rank, a.code as ref, a.name, t.name as context, st_pointonsurface(a.geom) as geom
        from area a join area t on t.code = a.parent_code
        where a.level = 'town' and strpos(lower(a.name), lower($1)) > 0 and scope_holds(a.code, $3::text[], $4::text[])
        order by length(a.name), a.code limit $2)
       union all
       (select 'community', 0, a.code, a.name, t.name, st_pointonsurface(a.geom)
        from area a join area t on t.code = a.parent_code
        where a.level in ('community', 'village') and strpos(lower(a.name), lower($1)) > 0 and scope_holds(a.code, $3::text[], $4::text[])
        order by length(a.name), a.code limit $2)
       union all
       (select 'grid', 1, v.grid_code, v.name, c.name, st_pointonsurface(v.geom)
        from grid_versions_at(null::timestamptz) v join grid g on g.code = v.grid_code join area c on c.code = g.community_code
        where (strpos(lower(v.name), lower($1)) > 0 or ($1 ~ '^[0-9]{3,15}$' and v.grid_code like $1 || '%'))
          and scope_holds(g.community_code, $3::text[], $4::text[])
        order by length(v.name), v.grid_code limit $2)
       union all
       (select 'compound', 2, p.id::text, p.name, c.name, st_pointonsurface(p.geom)
        from compound p join area c on c.code = p.community_code
        where strpos(lower(p.name), lower($1)) > 0 and scope_holds(p.community_code, $3::text[], $4::text[])
        order by length(p.name), p.id limit $2)
       union all
       (select 'building', 3, b.id::text, b.name, c.name, st_pointonsurface(b.geom)
        from building b join area c on c.code = b.community_code
        where strpos(lower(b.name), lower($1)) > 0 and scope_holds(b.community_code, $3::text[], $4::text[])
        order by length(b.name), b.id limit $2)
       union all
       (select 'org', 4, o.id::text, o.name, c.name, o.geom
        from org o join area c on c.code = o.area_code
        where o.geom is not null and o.closed_on is null and strpos(lower(o.name), lower($1)) > 0 and scope_holds(o.area_code, $3::text[], $4::text[])
        order by length(o.name), o.id limit $2)
       union all
       (select 'service_center', 5, p.id::text, p.name, c.name, p.geom
        from place p join area c on c.code = p.area_code
        where p.kind in ('service_center', 'service_station') and p.closed_on is null and strpos(lower(p.name), lower($1)) > 0
          and scope_holds(p.area_code, $3::text[], $4::text[])
        order by length(p.name), p.id limit $2)
       union all
       (select 'place', 6, p.id::text, p.name, c.name, p.geom
        from place p join area c on c.code = p.area_code
        where p.kind in ('education_site', 'model_site') and p.closed_on is null and strpos(lower(p.name), lower($1)) > 0
          and scope_holds(p.area_code, $3::text[], $4::text[])
        order by length(p.name), p.id limit $2)
       union all
       (select 'new_org', 7, n.id::text, n.name, c.name, n.geom
        from new_org n join area c on c.code = n.area_code
        where (strpos(lower(n.name), lower($1)) > 0 or ($1 ~ '^[0-9A-Za-z]{4,18}$' and n.credit_code like upper($1) || '%'))
          and scope_holds(n.area_code, $3::text[], $4::text[])
        order by length(n.name), n.id limit $2)
     )
     select kind, ref, name, context, st_x(geom) as lng, st_y(geom) as lat from hits
     order by lower(name) = lower($1) desc, strpos(lower(name), lower($1)) = 1 desc, rank, length(name), name
     limit $2`,
    [q, limit, scope.lo, scope.hi],
  );
  return rows;
}
