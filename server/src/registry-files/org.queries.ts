import type { Scope } from '../auth/scope.ts';
import type { OrgKind, OrgSector } from '../contract/orgs.ts';
import type { OrgExportQuery } from '../contract/registry-files.ts';
import type { Queryable } from '../db/transaction.ts';

/** An organization as a file holds it. */
export type OrgValues = {
  name: string;
  kind: OrgKind;
  sector: OrgSector;
  parent_id: number | null;
  area_code: string;
  secretary_name: string | null;
  founded_on: string | null;
  lng: number | null;
  lat: number | null;
  grid_code: string | null;
};

export type ExistingOrg = OrgValues & { id: number; closed: boolean };

const valueColumns = `o.name, o.kind::text as kind, o.sector::text as sector, o.parent_id::float8 as parent_id, o.area_code,
  o.secretary_name, o.founded_on::text as founded_on, st_x(o.geom) as lng, st_y(o.geom) as lat, o.grid_code`;

export async function selectExistingOrgs(db: Queryable, ids: number[]): Promise<ExistingOrg[]> {
  const { rows } = await db.query<ExistingOrg>(
    `select o.id::float8 as id, ${valueColumns}, o.closed_on is not null as closed from org o where o.id = any($1::bigint[])`,
    [ids],
  );
  return rows;
}

const recordset = `jsonb_to_recordset($1::jsonb) as r(
  id bigint, name text, kind org_kind, sector org_sector, parent_id bigint, area_code text, secretary_name text,
  founded_on date, lng float8, lat float8, grid_code text, changed text[])`;

const geom = `case when r.lng is null then null else st_setsrid(st_makepoint(r.lng, r.lat), 4326) end`;

export async function insertOrgs(db: Queryable, rows: OrgValues[], importId: number, actorId: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `with ins as (
       insert into org (name, kind, sector, parent_id, area_code, secretary_name, founded_on, geom, grid_code)
       select r.name, r.kind, r.sector, r.parent_id, r.area_code, r.secretary_name, r.founded_on, ${geom}, r.grid_code
       from ${recordset}
       returning id
     )
     insert into registry_history (subject_kind, subject_id, action, detail, actor_id)
     select 'org', ins.id, 'created', jsonb_build_object('import', $2::bigint), $3::bigint from ins`,
    [JSON.stringify(rows), importId, actorId],
  );
  return rowCount ?? 0;
}

export type OrgUpdate = OrgValues & { id: number; changed: string[] };

export async function updateOrgs(db: Queryable, rows: OrgUpdate[], importId: number, actorId: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `with upd as (
       update org o set
         name = r.name, sector = r.sector, area_code = r.area_code, secretary_name = r.secretary_name, founded_on = r.founded_on,
         geom = case when st_x(o.geom) = r.lng and st_y(o.geom) = r.lat then o.geom else ${geom} end, grid_code = r.grid_code
       from ${recordset}
       where o.id = r.id
       returning o.id, r.changed
     )
     insert into registry_history (subject_kind, subject_id, action, detail, actor_id)
     select 'org', upd.id, 'edited', jsonb_build_object('import', $2::bigint, 'changed', to_jsonb(upd.changed)), $3::bigint from upd`,
    [JSON.stringify(rows), importId, actorId],
  );
  return rowCount ?? 0;
}

export type OrgExportRow = OrgValues & { id: number; parent_name: string | null };

/** Organizations in scope for an export, by id (org_open_area_idx / org_area_idx on the area range). */
export async function selectOrgsForExport(db: Queryable, q: OrgExportQuery, scope: Scope, area: { lo: string; hi: string } | null): Promise<OrgExportRow[]> {
  const { rows } = await db.query<OrgExportRow>(
    `select o.id::float8 as id, ${valueColumns}, p.name as parent_name
     from org o left join org p on p.id = o.parent_id
     where scope_holds(o.area_code, $1::text[], $2::text[])
       and ($3::text is null or (o.area_code >= $3 and o.area_code < $4::text))
       and ($5::org_kind is null or o.kind = $5)
       and ($6::bigint is null or o.parent_id = $6)
       and ($7::text = 'all' or ($7 = 'open') = (o.closed_on is null))
       and ($8::text is null or strpos(o.name, $8) > 0 or strpos(coalesce(o.secretary_name, ''), $8) > 0)
     order by o.id
     limit $9`,
    [scope.lo, scope.hi, area?.lo ?? null, area?.hi ?? null, q.kind ?? null, q.parent ?? null, q.status, q.q ?? null, q.limit ?? 1_000_000],
  );
  return rows;
}
