import type { Scope } from '../auth/scope.ts';
import type { Queryable } from '../db/transaction.ts';

export type NearbyRow = {
  id: number;
  name: string;
  org_id: number;
  org_name: string;
  distance_m: number;
  skills: string[];
  stars: number;
  lng: number;
  lat: number;
};

export type NearbyFilter = {
  lng: number;
  lat: number;
  radius: number;
  limit: number;
  available: boolean;
  skills: string[];
  /** the caller's scope, or a dispatch's stored one: code ranges */
  scope: Pick<Scope, 'lo' | 'hi'>;
  /** leave out members already in, or engaged elsewhere than, this dispatch; and over the daily cap */
  excludeDispatch?: { id: number; dailyCap: number };
};

export type ReadAudit = { userId: number | null; ip: string | null; detail: Record<string, unknown> };

/**
 * The nearest members by geodesic distance, ties by id (the SQL function nearest_members). With
 * `read`, the audit record of this exact read is written by the same statement: neither happens
 * without the other, and the hot path makes one round trip instead of two.
 */
export async function selectNearby(db: Queryable, f: NearbyFilter, read?: ReadAudit): Promise<NearbyRow[]> {
  // Not a named (prepared) statement on purpose: a generic plan cannot see the LIMIT and may
  // drop the KNN index scan; a custom plan per call costs about a millisecond.
  const { rows } = await db.query<NearbyRow>({
    text: `with found as (
       select m.id, m.name, o.id as org_id, o.name as org_name, n.distance_m, m.skills, m.stars,
              st_x(m.home) as lng, st_y(m.home) as lat, o.area_code
       from nearest_members($1, $2, $3, $4, $5, $6::text[], $7::text[], $8::text[], $9, $10) n
       join member m on m.id = n.member_id
       join org o on o.id = m.org_id
     ), logged as (
       insert into audit_log (user_id, action, target_kind, target_ids, scope_code, ip, detail)
       select $11, 'member.read_exact', 'member', array_agg(id order by distance_m, id), min(area_code), $12::inet, $13::jsonb
       from found having count(*) > 0 and $14::boolean
     )
     select id, name, org_id, org_name, distance_m, skills, stars, lng, lat from found order by distance_m, id`,
    values: [
      f.lng,
      f.lat,
      f.radius,
      f.limit,
      f.available,
      f.skills,
      f.scope.lo,
      f.scope.hi,
      f.excludeDispatch?.id ?? null,
      f.excludeDispatch?.dailyCap ?? null,
      read?.userId ?? null,
      read?.ip ?? null,
      JSON.stringify(read?.detail ?? {}),
      read !== undefined,
    ],
  });
  return rows;
}
