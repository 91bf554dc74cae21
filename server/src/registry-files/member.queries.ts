import type { Scope } from '../auth/scope.ts';
import type { MemberExportQuery } from '../contract/registry-files.ts';
import type { Queryable } from '../db/transaction.ts';
import { memberFilterSql, memberFilterValues } from '../members/filters.queries.ts';

/** A member as a file holds them. */
export type MemberValues = {
  name: string;
  gender: 'male' | 'female';
  birth_year: number | null;
  org_id: number;
  lng: number;
  lat: number;
  phone: string | null;
  skills: string[];
  in_service: boolean;
  mobile: boolean;
  available: boolean;
  joined_on: string | null;
  registration_community: string | null;
};

export type ExistingMember = MemberValues & {
  id: number;
  org_area_code: string;
  left: boolean;
  /** a mobile member's whereabouts are recorded: ending it is the mobile/end action's */
  mobile_details: boolean;
};

const valueColumns = `m.name, m.gender::text as gender, m.birth_year, m.org_id::float8 as org_id, st_x(m.home) as lng, st_y(m.home) as lat,
  m.phone, m.skills, m.in_service, m.mobile, m.available, m.joined_on::text as joined_on, m.registration_community`;

export async function selectExistingMembers(db: Queryable, ids: number[]): Promise<ExistingMember[]> {
  const { rows } = await db.query<ExistingMember>(
    `select m.id::float8 as id, ${valueColumns}, m.org_area_code, m.left_on is not null as left,
            (m.mobile_area_code is not null or m.mobile_whereabouts is not null or m.mobile_since is not null) as mobile_details
     from member m where m.id = any($1::bigint[])`,
    [ids],
  );
  return rows;
}

const recordset = `jsonb_to_recordset($1::jsonb) as r(
  id bigint, name text, gender member_gender, birth_year smallint, org_id bigint, lng float8, lat float8, phone text,
  skills text[], in_service boolean, mobile boolean, available boolean, joined_on date, registration_community text,
  changed text[], transferred boolean)`;

/** New members with a 'created' history row each; their county is their organization's. */
export async function insertMembers(db: Queryable, rows: MemberValues[], importId: number, actorId: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `with ins as (
       insert into member (county_code, name, gender, birth_year, org_id, home, phone, skills, in_service, mobile, available,
                           joined_on, registration_community, registered_on)
       select left(o.area_code, 6) || '000000', r.name, r.gender, r.birth_year, r.org_id, st_setsrid(st_makepoint(r.lng, r.lat), 4326),
              r.phone, coalesce(r.skills, '{}'), r.in_service, r.mobile, r.available, r.joined_on, r.registration_community,
              case when r.registration_community is not null then current_date end
       from ${recordset}
       join org o on o.id = r.org_id
       returning id
     )
     insert into registry_history (subject_kind, subject_id, action, detail, actor_id)
     select 'member', ins.id, 'created', jsonb_build_object('import', $2::bigint), $3::bigint from ins`,
    [JSON.stringify(rows), importId, actorId],
  );
  return rowCount ?? 0;
}

export type MemberUpdate = MemberValues & { id: number; changed: string[]; transferred: boolean };

/** Members changed by a file, with an 'edited' (or 'transferred', for another organization) history row each. */
export async function updateMembers(db: Queryable, rows: MemberUpdate[], importId: number, actorId: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `with upd as (
       update member m set
         name = r.name, gender = r.gender, birth_year = r.birth_year, org_id = r.org_id,
         home = case when st_x(m.home) = r.lng and st_y(m.home) = r.lat then m.home else st_setsrid(st_makepoint(r.lng, r.lat), 4326) end,
         phone = r.phone, skills = coalesce(r.skills, '{}'), in_service = r.in_service, mobile = r.mobile, available = r.available,
         joined_on = r.joined_on, registration_community = r.registration_community,
         registered_on = case when r.registration_community is null then null
                              when r.registration_community is distinct from m.registration_community then current_date
                              else m.registered_on end
       from ${recordset}
       where m.id = r.id
       returning m.id, r.changed, r.transferred, r.org_id
     )
     insert into registry_history (subject_kind, subject_id, action, detail, actor_id)
     select 'member', upd.id, case when upd.transferred then 'transferred' else 'edited' end,
            jsonb_build_object('import', $2::bigint, 'changed', to_jsonb(upd.changed))
              || case when upd.transferred then jsonb_build_object('org_id', upd.org_id) else '{}' end,
            $3::bigint
     from upd`,
    [JSON.stringify(rows), importId, actorId],
  );
  return rowCount ?? 0;
}

export type MemberExportRow = MemberValues & { id: number; org_name: string };

/**
 * Members of organizations in scope for an export, by id: the exact home and phone (the caller
 * audits the read in the same transaction). A range on org_area_code (scope, then the area filter)
 * is the index condition (member_area_id_idx).
 */
export async function selectMembersForExport(
  db: Queryable,
  q: MemberExportQuery,
  scope: Scope,
  area: { lo: string; hi: string } | null,
): Promise<MemberExportRow[]> {
  const { rows } = await db.query<MemberExportRow>(
    `select m.id::float8 as id, ${valueColumns}, o.name as org_name
     from member m join org o on o.id = m.org_id
     where scope_holds(m.org_area_code, $1::text[], $2::text[])
       and ($3::text[] is null or m.county_code = any($3::text[]))
       and ($4::text is null or (m.org_area_code >= $4 and m.org_area_code < $5::text))
       and ($6::text = 'all' or ($6 = 'current') = (m.left_on is null))
       and ${memberFilterSql(8)}
     order by m.id
     limit $7`,
    [scope.lo, scope.hi, scope.counties, area?.lo ?? null, area?.hi ?? null, q.status, q.limit ?? 1_000_000, ...memberFilterValues(q)],
  );
  return rows;
}
