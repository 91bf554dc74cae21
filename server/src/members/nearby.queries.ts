import type pg from 'pg';

export type NearbyRow = {
  id: number; name: string; org_id: number; org_name: string; distance_m: number;
  skills: string[]; stars: number; lng: number; lat: number;
};

export type NearbyFilter = {
  lng: number; lat: number; radius: number; limit: number; available: boolean; skills: string[]; scope: string[];
  /** leave out members already in, or engaged elsewhere than, this dispatch; and over the daily cap */
  excludeDispatch?: { id: number; dailyCap: number };
};

/** The nearest members by geodesic distance, ties by id (the SQL function nearest_members). */
export async function selectNearby(db: pg.Pool | pg.PoolClient, f: NearbyFilter): Promise<NearbyRow[]> {
  // named: prepared once per connection, so the planner's work is not repeated on the hot path
  const { rows } = await db.query<NearbyRow>({
    name: 'select_nearby',
    text: `select m.id, m.name, o.id as org_id, o.name as org_name, n.distance_m, m.skills, m.stars,
            st_x(m.home) as lng, st_y(m.home) as lat
     from nearest_members($1, $2, $3, $4, $5, $6::text[], $7::text[], $8, $9) n
     join member m on m.id = n.member_id
     join org o on o.id = m.org_id
     order by n.distance_m, n.member_id`,
    values: [f.lng, f.lat, f.radius, f.limit, f.available, f.skills, f.scope, f.excludeDispatch?.id ?? null, f.excludeDispatch?.dailyCap ?? null],
  });
  return rows;
}
