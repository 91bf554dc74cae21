import { subtreeRange, type Scope } from '../auth/scope.ts';
import type { GroupsQuery } from '../contract/regional.ts';
import type { Queryable } from '../db/transaction.ts';

/**
 * The read rule: a group is read where its area lies in scope ($1, $2), or where one of its member
 * organizations' does, so a member's secretary sees the group it belongs to.
 */
const visible = `(coalesce(scope_holds(g.area_code, $1::text[], $2::text[]), false)
   or exists (select from regional_group_org r join org mo on mo.id = r.org_id
              where r.group_id = g.id and scope_holds(mo.area_code, $1::text[], $2::text[])))`;

export type GroupRow = {
  id: number;
  name: string;
  area_code: string;
  area_name: string;
  member_count: number;
  lead_id: number | null;
  lead_name: string | null;
  meeting_count: number;
  last_meeting_on: string | null;
};

const columns = `g.id, g.name, g.area_code, a.name as area_name,
  (select count(*)::int from regional_group_org r where r.group_id = g.id) as member_count,
  l.id as lead_id, l.name as lead_name,
  (select count(*)::int from regional_meeting m where m.group_id = g.id) as meeting_count,
  (select max(m.held_on)::text from regional_meeting m where m.group_id = g.id) as last_meeting_on`;

const from = `regional_group g
  join area a on a.code = g.area_code
  left join regional_group_org lr on lr.group_id = g.id and lr.is_lead
  left join org l on l.id = lr.org_id`;

/**
 * The groups in scope by the read rule, by name. A county has a group per street or town, a
 * province some hundreds: the list is read whole.
 */
export async function selectGroups(db: Queryable, q: GroupsQuery, scope: Scope): Promise<GroupRow[]> {
  const area = q.area ? subtreeRange(q.area) : null;
  const { rows } = await db.query<GroupRow>(
    `select ${columns}
     from ${from}
     where ${visible}
       and ($3::text is null or (g.area_code >= $3::text and g.area_code < $4::text))
       and ($5::bigint is null or exists (select from regional_group_org r where r.group_id = g.id and r.org_id = $5::bigint))
       and ($6::text is null or strpos(lower(g.name), lower($6::text)) > 0)
     order by g.name, g.id`,
    [scope.lo, scope.hi, area?.lo ?? null, area?.hi ?? null, q.org ?? null, q.q ?? null],
  );
  return rows;
}

/** One group in scope by the read rule. */
export async function selectGroup(db: Queryable, id: number, scope: Scope): Promise<GroupRow | undefined> {
  const { rows } = await db.query<GroupRow>(`select ${columns} from ${from} where g.id = $3::bigint and ${visible}`, [scope.lo, scope.hi, id]);
  return rows[0];
}

export type GroupMemberRow = {
  org_id: number;
  name: string;
  kind: string;
  is_lead: boolean;
  lng: number | null;
  lat: number | null;
  closed_on: string | null;
};

/** A group's member organizations: the lead first, then by name. */
export async function selectGroupMembers(db: Queryable, groupId: number): Promise<GroupMemberRow[]> {
  const { rows } = await db.query<GroupMemberRow>(
    `select o.id as org_id, o.name, o.kind::text as kind, r.is_lead, st_x(o.geom) as lng, st_y(o.geom) as lat, o.closed_on::text as closed_on
     from regional_group_org r join org o on o.id = r.org_id
     where r.group_id = $1::bigint
     order by r.is_lead desc, o.name, o.id`,
    [groupId],
  );
  return rows;
}

export type LockedGroupRow = { id: number; name: string; area_code: string };

/**
 * A group locked for a change until the transaction ends (membership, lead and meetings of one
 * group are changed one at a time). `side`: `group` where the group's area is in scope (the group
 * itself changes there), `either` where a member organization's is too (its lists).
 */
export async function lockGroup(tx: Queryable, id: number, scope: Scope, side: 'group' | 'either'): Promise<LockedGroupRow | undefined> {
  const { rows } = await tx.query<LockedGroupRow>(
    `select g.id, g.name, g.area_code from regional_group g
     where g.id = $3::bigint and ${side === 'group' ? 'coalesce(scope_holds(g.area_code, $1::text[], $2::text[]), false)' : visible}
     for update of g`,
    [scope.lo, scope.hi, id],
  );
  return rows[0];
}

/** An area in scope, for a group's area. */
export async function areaInScope(db: Queryable, code: string, scope: Scope): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from area where code = $1 and scope_holds(code, $2::text[], $3::text[])', [code, scope.lo, scope.hi]);
  return (rowCount ?? 0) > 0;
}

export async function insertGroup(tx: Queryable, name: string, areaCode: string): Promise<number> {
  const { rows } = await tx.query<{ id: number }>('insert into regional_group (name, area_code) values ($1, $2) returning id', [name, areaCode]);
  return rows[0]!.id;
}

export async function updateGroupRow(tx: Queryable, id: number, name: string, areaCode: string): Promise<void> {
  await tx.query('update regional_group set name = $2, area_code = $3 where id = $1::bigint', [id, name, areaCode]);
}

/** The ids among `orgIds` that are members of the group. */
export async function selectMemberIds(db: Queryable, groupId: number, orgIds: readonly number[]): Promise<number[]> {
  const { rows } = await db.query<{ org_id: number }>('select org_id from regional_group_org where group_id = $1::bigint and org_id = any($2::bigint[])', [
    groupId,
    orgIds,
  ]);
  return rows.map((r) => r.org_id);
}

/** The group's lead, if it has one. */
export async function selectLead(db: Queryable, groupId: number): Promise<number | undefined> {
  const { rows } = await db.query<{ org_id: number }>('select org_id from regional_group_org where group_id = $1::bigint and is_lead', [groupId]);
  return rows[0]?.org_id;
}

export async function insertMember(tx: Queryable, groupId: number, orgId: number, isLead: boolean): Promise<void> {
  await tx.query('insert into regional_group_org (group_id, org_id, is_lead) values ($1::bigint, $2::bigint, $3::boolean)', [groupId, orgId, isLead]);
}

/** Removes a member organization; answers whether it was the lead, or undefined when it was no member. */
export async function deleteMember(tx: Queryable, groupId: number, orgId: number): Promise<boolean | undefined> {
  const { rows } = await tx.query<{ is_lead: boolean }>(
    'delete from regional_group_org where group_id = $1::bigint and org_id = $2::bigint returning is_lead',
    [groupId, orgId],
  );
  return rows[0]?.is_lead;
}

/**
 * Makes `orgId` (a member) the group's lead and every other member not: one statement, so the
 * partial unique index regional_group_one_lead sees one lead when it is checked.
 */
export async function setLeadRow(tx: Queryable, groupId: number, orgId: number): Promise<void> {
  await tx.query(
    `update regional_group_org set is_lead = (org_id = $2::bigint)
     where group_id = $1::bigint and (is_lead or org_id = $2::bigint)`,
    [groupId, orgId],
  );
}

export type OutlineRow = { id: number; name: string; member_count: number; geometry: string };

/**
 * Each group's outline: the convex hull of its open member organizations' points (an organization
 * without one at a point inside its area), buffered by `bufferM` meters on the spheroid, so that
 * one or two members make a disc or a band. Groups whose members are all closed have none.
 */
export async function selectGroupOutlines(db: Queryable, q: GroupsQuery, scope: Scope, bufferM: number): Promise<OutlineRow[]> {
  const area = q.area ? subtreeRange(q.area) : null;
  const { rows } = await db.query<OutlineRow>(
    `select g.id, g.name, count(*)::int as member_count,
            st_asgeojson(st_buffer(st_convexhull(st_collect(coalesce(o.geom, st_pointonsurface(oa.geom))))::geography, $7::float8)::geometry, 7) as geometry
     from regional_group g
     join regional_group_org r on r.group_id = g.id
     join org o on o.id = r.org_id and o.closed_on is null
     join area oa on oa.code = o.area_code
     where ${visible}
       and ($3::text is null or (g.area_code >= $3::text and g.area_code < $4::text))
       and ($5::bigint is null or exists (select from regional_group_org m where m.group_id = g.id and m.org_id = $5::bigint))
       and ($6::text is null or strpos(lower(g.name), lower($6::text)) > 0)
     group by g.id, g.name
     order by g.id`,
    [scope.lo, scope.hi, area?.lo ?? null, area?.hi ?? null, q.org ?? null, q.q ?? null, bufferM],
  );
  return rows;
}
