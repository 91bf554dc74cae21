import type { Scope } from '../auth/scope.ts';
import type { CreateMemberBody, UpdateMemberBody } from '../contract/members.ts';
import type { Queryable } from '../db/transaction.ts';

export type OrgRef = { id: number; name: string; area_code: string };

/** An open organization in scope: where a member may be created or transferred to. */
export async function selectOpenOrg(db: Queryable, id: number, scope: Scope): Promise<OrgRef | undefined> {
  const { rows } = await db.query<OrgRef>(
    `select o.id, o.name, o.area_code from org o
     where o.id = $1 and o.closed_on is null and scope_holds(o.area_code, $2::text[], $3::text[])`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export type AreaRef = { code: string; name: string; level: 'county' | 'town' | 'community' | 'village' };

export async function selectArea(db: Queryable, code: string): Promise<AreaRef | undefined> {
  const { rows } = await db.query<AreaRef>('select code, name, level::text as level from area where code = $1', [code]);
  return rows[0];
}

/** Whether a point lies in the county of an area code (a member's home must be in the territory). */
export async function inCounty(db: Queryable, lng: number, lat: number, areaCode: string): Promise<boolean> {
  const { rows } = await db.query<{ inside: boolean }>(
    `select exists (
       select 1 from area c where c.code = left($3::text, 6) || '000000' and st_covers(c.geom, st_setsrid(st_point($1, $2), 4326))
     ) as inside`,
    [lng, lat, areaCode],
  );
  return rows[0]!.inside;
}

/** A member as a write finds them, locked until the transaction ends. */
export type MemberState = {
  id: number;
  name: string;
  gender: 'male' | 'female';
  birth_year: number | null;
  lng: number;
  lat: number;
  phone: string | null;
  skills: string[];
  in_service: boolean;
  available: boolean;
  joined_on: string | null;
  points: number;
  org_id: number;
  org_name: string;
  org_area_code: string;
  left_on: string | null;
  registration_community: string | null;
  registration_name: string | null;
  registered_on: string | null;
  mobile: boolean;
  mobile_area_code: string | null;
  mobile_area_name: string | null;
  mobile_whereabouts: string | null;
  mobile_since: string | null;
};

export async function selectMemberForUpdate(db: Queryable, id: number, scope: Scope): Promise<MemberState | undefined> {
  const { rows } = await db.query<MemberState>(
    `select m.id, m.name, m.gender, m.birth_year, st_x(m.home) as lng, st_y(m.home) as lat, m.phone, m.skills, m.in_service,
            m.available, m.joined_on::text as joined_on, m.points, o.id as org_id, o.name as org_name, o.area_code as org_area_code,
            m.left_on::text as left_on, m.registration_community, rc.name as registration_name, m.registered_on::text as registered_on,
            m.mobile, m.mobile_area_code, ma.name as mobile_area_name, m.mobile_whereabouts, m.mobile_since::text as mobile_since
     from member m
     join org o on o.id = m.org_id
     left join area rc on rc.code = m.registration_community
     left join area ma on ma.code = m.mobile_area_code
     where m.id = $1 and scope_holds(o.area_code, $2::text[], $3::text[])
     for update of m`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export async function insertMember(db: Queryable, b: CreateMemberBody, orgAreaCode: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into member (county_code, name, gender, birth_year, org_id, home, phone, skills, in_service, available, joined_on)
     values (left($1::text, 6) || '000000', $2, $3::member_gender, $4, $5, st_setsrid(st_point($6, $7), 4326), $8, $9::text[], $10, $11, $12::date)
     returning id`,
    [
      orgAreaCode,
      b.name,
      b.gender,
      b.birth_year ?? null,
      b.org_id,
      b.position[0],
      b.position[1],
      b.phone ?? null,
      b.skills,
      b.in_service,
      b.available,
      b.joined_on ?? null,
    ],
  );
  return rows[0]!.id;
}

/** The fields a PATCH names, and only those: an absent key keeps its column, a null clears it. */
export async function updateMemberFields(db: Queryable, id: number, b: UpdateMemberBody): Promise<void> {
  await db.query(
    `update member m set
       name = case when $2::jsonb ? 'name' then $2::jsonb ->> 'name' else m.name end,
       gender = case when $2::jsonb ? 'gender' then ($2::jsonb ->> 'gender')::member_gender else m.gender end,
       birth_year = case when $2::jsonb ? 'birth_year' then ($2::jsonb ->> 'birth_year')::smallint else m.birth_year end,
       home = case when $2::jsonb ? 'position'
                then st_setsrid(st_point(($2::jsonb #>> '{position,0}')::float8, ($2::jsonb #>> '{position,1}')::float8), 4326)
                else m.home end,
       phone = case when $2::jsonb ? 'phone' then $2::jsonb ->> 'phone' else m.phone end,
       skills = case when $2::jsonb ? 'skills' then array(select jsonb_array_elements_text($2::jsonb -> 'skills')) else m.skills end,
       in_service = case when $2::jsonb ? 'in_service' then ($2::jsonb ->> 'in_service')::boolean else m.in_service end,
       available = case when $2::jsonb ? 'available' then ($2::jsonb ->> 'available')::boolean else m.available end,
       joined_on = case when $2::jsonb ? 'joined_on' then ($2::jsonb ->> 'joined_on')::date else m.joined_on end
     where m.id = $1`,
    [id, JSON.stringify(b)],
  );
}

export async function updateMemberOrg(db: Queryable, id: number, orgId: number): Promise<void> {
  await db.query('update member set org_id = $2 where id = $1', [id, orgId]);
}

/** 双报到: registered with `community` since `since` (today when null), or the registration ended (null). */
export async function updateRegistration(db: Queryable, id: number, community: string | null, since: string | null): Promise<void> {
  await db.query(
    `update member set registration_community = $2::text,
            registered_on = case when $2::text is null then null else coalesce($3::date, current_date) end
     where id = $1`,
    [id, community, since],
  );
}

/** 流动党员: mobile, where and since when (today when not given); or no longer mobile (null). */
export async function updateMobile(
  db: Queryable,
  id: number,
  place: { areaCode: string | null; whereabouts: string | null; since: string | null } | null,
): Promise<void> {
  await db.query(
    `update member set mobile = $2, mobile_area_code = $3::text, mobile_whereabouts = $4::text,
            mobile_since = case when $2 then coalesce($5::date, current_date) end
     where id = $1`,
    [id, place !== null, place?.areaCode ?? null, place?.whereabouts ?? null, place?.since ?? null],
  );
}

/** Leaving: the day and reason kept, and no longer available for anything. */
export async function updateLeft(db: Queryable, id: number, on: string | null, reason: string): Promise<void> {
  await db.query('update member set left_on = coalesce($2::date, current_date), left_reason = $3, available = false where id = $1', [id, on, reason]);
}
