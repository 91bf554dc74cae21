import type { Scope } from '../auth/scope.ts';
import type { PlaceKind, PlaceTier } from '../contract/places.ts';
import type { PlaceExportQuery } from '../contract/registry-files.ts';
import type { Queryable } from '../db/transaction.ts';

/** A service position as a file holds it. */
export type PlaceValues = {
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
};

export type ExistingPlace = PlaceValues & { id: number; closed: boolean };

const valueColumns = `p.kind::text as kind, p.name, p.tier::text as tier, p.area_code, p.address, st_x(p.geom) as lng, st_y(p.geom) as lat,
  p.opening_hours, p.services, p.contact_name, p.contact_phone`;

export async function selectExistingPlaces(db: Queryable, ids: number[]): Promise<ExistingPlace[]> {
  const { rows } = await db.query<ExistingPlace>(
    `select p.id::float8 as id, ${valueColumns}, p.closed_on is not null as closed from place p where p.id = any($1::bigint[])`,
    [ids],
  );
  return rows;
}

const recordset = `jsonb_to_recordset($1::jsonb) as r(
  id bigint, kind place_kind, name text, tier place_tier, area_code text, address text, lng float8, lat float8,
  opening_hours text, services text[], contact_name text, contact_phone text, changed text[])`;

/** New positions; a center household starts with no linked households (its own action links them). */
export async function insertPlaces(db: Queryable, rows: PlaceValues[], importId: number, actorId: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `with ins as (
       insert into place (kind, name, tier, area_code, address, linked_households, geom, opening_hours, services, contact_name, contact_phone)
       select r.kind, r.name, r.tier, r.area_code, r.address, case when r.kind = 'center_household' then 0 end,
              st_setsrid(st_makepoint(r.lng, r.lat), 4326), r.opening_hours, coalesce(r.services, '{}'), r.contact_name, r.contact_phone
       from ${recordset}
       returning id
     )
     insert into registry_history (subject_kind, subject_id, action, detail, actor_id)
     select 'place', ins.id, 'created', jsonb_build_object('import', $2::bigint), $3::bigint from ins`,
    [JSON.stringify(rows), importId, actorId],
  );
  return rowCount ?? 0;
}

export type PlaceUpdate = PlaceValues & { id: number; changed: string[] };

export async function updatePlaces(db: Queryable, rows: PlaceUpdate[], importId: number, actorId: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `with upd as (
       update place p set
         name = r.name, tier = r.tier, area_code = r.area_code, address = r.address,
         geom = case when st_x(p.geom) = r.lng and st_y(p.geom) = r.lat then p.geom else st_setsrid(st_makepoint(r.lng, r.lat), 4326) end,
         opening_hours = r.opening_hours, services = coalesce(r.services, '{}'), contact_name = r.contact_name, contact_phone = r.contact_phone
       from ${recordset}
       where p.id = r.id
       returning p.id, r.changed
     )
     insert into registry_history (subject_kind, subject_id, action, detail, actor_id)
     select 'place', upd.id, 'edited', jsonb_build_object('import', $2::bigint, 'changed', to_jsonb(upd.changed)), $3::bigint from upd`,
    [JSON.stringify(rows), importId, actorId],
  );
  return rowCount ?? 0;
}

export type PlaceExportRow = PlaceValues & { id: number };

/** Positions in scope for an export, by id (place_area_idx on the area range). */
export async function selectPlacesForExport(
  db: Queryable,
  q: PlaceExportQuery,
  scope: Scope,
  area: { lo: string; hi: string } | null,
): Promise<PlaceExportRow[]> {
  const { rows } = await db.query<PlaceExportRow>(
    `select p.id::float8 as id, ${valueColumns}
     from place p
     where scope_holds(p.area_code, $1::text[], $2::text[])
       and ($3::text is null or (p.area_code >= $3 and p.area_code < $4::text))
       and ($5::place_kind is null or p.kind = $5)
       and ($6::text = 'all' or ($6 = 'open') = (p.closed_on is null))
       and ($7::text is null or strpos(p.name, $7) > 0 or strpos(coalesce(p.address, ''), $7) > 0)
     order by p.id
     limit $8`,
    [scope.lo, scope.hi, area?.lo ?? null, area?.hi ?? null, q.kind ?? null, q.status, q.q ?? null, q.limit ?? 1_000_000],
  );
  return rows;
}
