import type { Scope } from '../auth/scope.ts';
import type { PlaceKind, PlaceTier } from '../contract/places.ts';
import type { Queryable } from '../db/transaction.ts';

type LngLat = readonly [number, number];

/** The area in scope, and whether the point lies inside it; undefined when there is no such area in scope. */
export async function selectAreaHolding(db: Queryable, code: string, point: LngLat, scope: Scope): Promise<{ name: string; inside: boolean } | undefined> {
  const { rows } = await db.query<{ name: string; inside: boolean }>(
    `select name, st_intersects(geom, st_setsrid(st_point($2::float8, $3::float8), 4326)) as inside
     from area where code = $1 and scope_holds(code, $4::text[], $5::text[])`,
    [code, point[0], point[1], scope.lo, scope.hi],
  );
  return rows[0];
}

export type HouseholdMemberRow = { id: number; left_on: string | null; keeps_place_id: number | null };

/** A member in scope who could keep a center household: whether they left, and the open center household they keep already. */
export async function selectHouseholdMember(db: Queryable, memberId: number, scope: Scope): Promise<HouseholdMemberRow | undefined> {
  const { rows } = await db.query<HouseholdMemberRow>(
    `select m.id, m.left_on::text as left_on,
            (select p.id from place p where p.member_id = m.id and p.kind = 'center_household' and p.closed_on is null order by p.id limit 1) as keeps_place_id
     from member m
     where m.id = $1 and scope_holds(m.org_area_code, $2::text[], $3::text[])
       and ($4::text[] is null or m.county_code = any($4::text[]))`,
    [memberId, scope.lo, scope.hi, scope.counties],
  );
  return rows[0];
}

/** A new place: the fields an edit may change, and what only its creation sets (kind, area, a center household's member). */
export type NewPlace = PlaceFields & { kind: PlaceKind; areaCode: string; memberId: number | null };

/** A new place; a center household starts with no linked households. */
export async function insertPlace(db: Queryable, p: NewPlace): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into place (kind, name, tier, area_code, address, geom, opening_hours, services, contact_name, contact_phone, member_id, linked_households)
     values ($1::place_kind, $2, $3::place_tier, $4, $5, st_setsrid(st_point($6::float8, $7::float8), 4326), $8, $9::text[], $10, $11, $12::bigint,
             case when $1::place_kind = 'center_household' then 0 end)
     returning id`,
    [p.kind, p.name, p.tier, p.areaCode, p.address, p.position[0], p.position[1], p.openingHours, p.services, p.contactName, p.contactPhone, p.memberId],
  );
  return rows[0]!.id;
}

export type LockedPlaceRow = {
  id: number;
  kind: PlaceKind;
  name: string;
  tier: PlaceTier | null;
  area_code: string;
  address: string | null;
  lng: number;
  lat: number;
  opening_hours: string | null;
  services: string[];
  contact_name: string | null;
  contact_phone: string | null;
  closed_on: string | null;
  linked_households: number | null;
};

/** A place in scope, locked until the transaction ends: the edits of two secretaries do not interleave. */
export async function lockPlace(db: Queryable, id: number, scope: Scope): Promise<LockedPlaceRow | undefined> {
  const { rows } = await db.query<LockedPlaceRow>(
    `select id, kind, name, tier, area_code, address, st_x(geom) as lng, st_y(geom) as lat, opening_hours, services,
            contact_name, contact_phone, closed_on::text as closed_on, linked_households
     from place where id = $1 and scope_holds(area_code, $2::text[], $3::text[])
     for update`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export type PlaceFields = {
  name: string;
  tier: PlaceTier | null;
  address: string | null;
  position: LngLat;
  openingHours: string | null;
  services: string[];
  contactName: string | null;
  contactPhone: string | null;
};

export async function updatePlace(db: Queryable, id: number, f: PlaceFields): Promise<void> {
  await db.query(
    `update place set name = $2, tier = $3::place_tier, address = $4, geom = st_setsrid(st_point($5::float8, $6::float8), 4326),
            opening_hours = $7, services = $8::text[], contact_name = $9, contact_phone = $10
     where id = $1`,
    [id, f.name, f.tier, f.address, f.position[0], f.position[1], f.openingHours, f.services, f.contactName, f.contactPhone],
  );
}

export async function closePlace(db: Queryable, id: number, on: string, reason: string): Promise<void> {
  await db.query('update place set closed_on = $2::date, close_reason = $3 where id = $1', [id, on, reason]);
}

/** The positions (1-based, in the order given) that lie outside the area. */
export async function positionsOutside(db: Queryable, areaCode: string, positions: readonly LngLat[]): Promise<number[]> {
  const { rows } = await db.query<{ n: number }>(
    `select u.n from unnest($2::float8[], $3::float8[]) with ordinality u(lng, lat, n)
     where not st_intersects((select geom from area where code = $1), st_setsrid(st_point(u.lng, u.lat), 4326))
     order by u.n`,
    [areaCode, positions.map((p) => p[0]), positions.map((p) => p[1])],
  );
  return rows.map((r) => r.n);
}

/** Of the building ids, those that are no building of the area's subtree. */
export async function buildingsOutside(db: Queryable, ids: readonly number[], area: Scope): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `select u.id from unnest($1::bigint[]) u(id)
     where not exists (select from building b where b.id = u.id and scope_holds(b.community_code, $2::text[], $3::text[]))
     order by u.id`,
    [ids, area.lo, area.hi],
  );
  return rows.map((r) => r.id);
}

export async function deleteHouseholds(db: Queryable, placeId: number): Promise<number> {
  const { rowCount } = await db.query('delete from place_household where place_id = $1', [placeId]);
  return rowCount ?? 0;
}

export type HouseholdSpec = { label: string; buildingId: number | null; position: LngLat | null };

/** Linked households in the order given; a building's household sits at the building's point on surface. */
export async function insertHouseholds(db: Queryable, placeId: number, households: readonly HouseholdSpec[]): Promise<void> {
  if (households.length === 0) return;
  await db.query(
    `insert into place_household (place_id, label, building_id, geom)
     select $1, h.label, h.building_id, coalesce(st_pointonsurface(b.geom), st_setsrid(st_point(h.lng, h.lat), 4326))
     from unnest($2::text[], $3::bigint[], $4::float8[], $5::float8[]) with ordinality h(label, building_id, lng, lat, n)
     left join building b on b.id = h.building_id
     order by h.n`,
    [
      placeId,
      households.map((h) => h.label),
      households.map((h) => h.buildingId),
      households.map((h) => h.position?.[0] ?? null),
      households.map((h) => h.position?.[1] ?? null),
    ],
  );
}

export async function setLinkedHouseholds(db: Queryable, placeId: number, count: number): Promise<void> {
  await db.query('update place set linked_households = $2 where id = $1', [placeId, count]);
}
