import { subtreeRange, type Scope } from '../auth/scope.ts';
import type { PlaceKind, PlacesQuery, PlaceTier } from '../contract/places.ts';
import type { Queryable } from '../db/transaction.ts';

/** A ~100 m cell centre in Web Mercator: where a center household (a member's home) is shown without member.read_exact. */
const approx = (g: string) => `st_transform(st_setsrid(st_point(
    floor(st_x(st_transform(${g}, 3857)) / 100) * 100 + 50,
    floor(st_y(st_transform(${g}, 3857)) / 100) * 100 + 50), 3857), 4326)`;

export type PlaceSummaryRow = {
  id: number;
  kind: PlaceKind;
  name: string;
  tier: PlaceTier | null;
  area_code: string;
  area_name: string;
  /** null for a center household the caller may not read exactly */
  address: string | null;
  lng: number;
  lat: number;
  exact: boolean;
  linked_households: number | null;
  closed_on: string | null;
};

/**
 * Service positions in scope, keyset-paged by id: the areas in scope come by range on their code
 * (an index condition, see scope_holds), then each area's next places by place_area_idx
 * (area_code, id). Center households outside `exact` (the caller's member.read_exact scope) are
 * answered, filtered by bbox and searched by their generalized position and without their address,
 * so no filter can find a home more exactly than the answer shows it.
 */
export async function selectPlaces(db: Queryable, q: PlacesQuery, scope: Scope, exact: Scope): Promise<PlaceSummaryRow[]> {
  const area = q.area ? subtreeRange(q.area) : null;
  // coalesce: an empty scope (no member.read_exact anywhere) holds nothing, never an unknown
  const hidden = `p.kind = 'center_household' and not coalesce(scope_holds(a.code, $3::text[], $4::text[]), false)`;
  const { rows } = await db.query<PlaceSummaryRow>(
    `select p.id, p.kind, p.name, p.tier, p.area_code, a.name as area_name,
            case when p.hidden then null else p.address end as address,
            case when p.hidden then round(st_x(${approx('p.geom')})::numeric, 6)::float8 else st_x(p.geom) end as lng,
            case when p.hidden then round(st_y(${approx('p.geom')})::numeric, 6)::float8 else st_y(p.geom) end as lat,
            not p.hidden as exact, p.linked_households, p.closed_on::text as closed_on
     from area a
     cross join lateral (
       select p.*, ${hidden} as hidden from place p
       where p.area_code = a.code
         and ($7::place_kind is null or p.kind = $7::place_kind)
         and ($8::text = 'all' or ($8::text = 'open') = (p.closed_on is null))
         and ($9::text is null
              or strpos(lower(p.name), lower($9::text)) > 0
              or (strpos(lower(coalesce(p.address, '')), lower($9::text)) > 0 and not (${hidden})))
         and ($10::float8 is null
              or (case when ${hidden} then ${approx('p.geom')} else p.geom end) && st_makeenvelope($10, $11, $12, $13, 4326))
         and ($14::bigint is null or p.id > $14::bigint)
       order by p.id
       limit $15
     ) p
     where scope_holds(a.code, $1::text[], $2::text[])
       and ($5::text is null or (a.code >= $5::text and a.code < $6::text))
     order by p.id
     limit $15`,
    [
      scope.lo,
      scope.hi,
      exact.lo,
      exact.hi,
      area?.lo ?? null,
      area?.hi ?? null,
      q.kind ?? null,
      q.status,
      q.q ?? null,
      q.bbox?.minLng ?? null,
      q.bbox?.minLat ?? null,
      q.bbox?.maxLng ?? null,
      q.bbox?.maxLat ?? null,
      q.after ?? null,
      q.limit + 1,
    ],
  );
  return rows;
}

export type PlaceRow = {
  id: number;
  kind: PlaceKind;
  name: string;
  tier: PlaceTier | null;
  area_code: string;
  area_name: string;
  address: string | null;
  lng: number;
  lat: number;
  approx_lng: number;
  approx_lat: number;
  linked_households: number | null;
  closed_on: string | null;
  opening_hours: string | null;
  services: string[];
  contact_name: string | null;
  contact_phone: string | null;
  member_id: number | null;
  member_name: string | null;
  close_reason: string | null;
};

/** One place in scope, exact and generalized positions both (the caller's right picks one). */
export async function selectPlace(db: Queryable, id: number, scope: Scope): Promise<PlaceRow | undefined> {
  const { rows } = await db.query<PlaceRow>(
    `select p.id, p.kind, p.name, p.tier, p.area_code, a.name as area_name, p.address,
            st_x(p.geom) as lng, st_y(p.geom) as lat,
            round(st_x(${approx('p.geom')})::numeric, 6)::float8 as approx_lng,
            round(st_y(${approx('p.geom')})::numeric, 6)::float8 as approx_lat,
            p.linked_households, p.closed_on::text as closed_on, p.opening_hours, p.services,
            p.contact_name, p.contact_phone, p.member_id, m.name as member_name, p.close_reason
     from place p
     join area a on a.code = p.area_code
     left join member m on m.id = p.member_id
     where p.id = $1 and scope_holds(p.area_code, $2::text[], $3::text[])`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export type HouseholdRow = { id: number; label: string; building_id: number | null; lng: number; lat: number };

/** The households a center household links with, in the order they were given. */
export async function selectHouseholds(db: Queryable, placeId: number): Promise<HouseholdRow[]> {
  const { rows } = await db.query<HouseholdRow>(
    `select id, label, building_id, st_x(geom) as lng, st_y(geom) as lat
     from place_household where place_id = $1 order by id`,
    [placeId],
  );
  return rows;
}
