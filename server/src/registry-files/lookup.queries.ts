import type { Scope } from '../auth/scope.ts';
import type { Queryable } from '../db/transaction.ts';

export type OrgRef = { id: number; name: string; area_code: string; closed: boolean };

/** Organizations by id or exact name (what a file's org_id/org_name or parent_id/parent_name names). */
export async function selectOrgRefs(db: Queryable, ids: number[], names: string[]): Promise<OrgRef[]> {
  const { rows } = await db.query<OrgRef>(
    `select o.id::float8 as id, o.name, o.area_code, o.closed_on is not null as closed
     from org o where o.id = any($1::bigint[]) or o.name = any($2::text[])`,
    [ids, names],
  );
  return rows;
}

export type AreaRef = { code: string; level: 'county' | 'town' | 'community' | 'village' };

export async function selectAreaRefs(db: Queryable, codes: string[]): Promise<AreaRef[]> {
  const { rows } = await db.query<AreaRef>(`select a.code, a.level::text as level from area a where a.code = any($1::text[])`, [codes]);
  return rows;
}

export type GridRef = { code: string; community_code: string; retired: boolean };

export async function selectGridRefs(db: Queryable, codes: string[]): Promise<GridRef[]> {
  const { rows } = await db.query<GridRef>(`select g.code, g.community_code, g.retired_at is not null as retired from grid g where g.code = any($1::text[])`, [
    codes,
  ]);
  return rows;
}

export type BuildingMatch = { address: string; matches: number; lng: number; lat: number };

/**
 * Buildings of the territory in scope named by an address: the building's name ("锦江苑3栋", as
 * the generator and the housing registry name them) or its compound's name and then its own. A
 * position is a point on the building's surface (inside it, unlike a centroid). `matches` over 1
 * means the address names several buildings.
 */
export async function selectBuildingsByAddress(db: Queryable, addresses: string[], scope: Scope): Promise<BuildingMatch[]> {
  const { rows } = await db.query<BuildingMatch>(
    `with named as (
       select b.id, b.geom, n.name
       from building b
       left join compound c on c.id = b.compound_id
       cross join lateral (values (b.name), (c.name || b.name)) n(name)
       where n.name is not null and scope_holds(b.community_code, $2::text[], $3::text[])
     )
     select a.address, count(distinct named.id)::int as matches,
            st_x(st_pointonsurface((array_agg(named.geom order by named.id))[1])) as lng,
            st_y(st_pointonsurface((array_agg(named.geom order by named.id))[1])) as lat
     from unnest($1::text[]) a(address)
     join named on named.name = a.address
     group by a.address`,
    [addresses, scope.lo, scope.hi],
  );
  return rows;
}
