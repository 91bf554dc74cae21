import type { Scope } from '../auth/scope.ts';
import type { CoverageMode, NewOrgKind } from '../contract/new-orgs.ts';
import type { Queryable } from '../db/transaction.ts';

type LngLat = readonly [number, number];

export type HoldingAreaRow = { name: string; level: string; inside: boolean };

/** The area in scope, its level, and whether the point lies inside it; undefined when there is no such area in scope. */
export async function selectAreaHolding(db: Queryable, code: string, point: LngLat, scope: Scope): Promise<HoldingAreaRow | undefined> {
  const { rows } = await db.query<HoldingAreaRow>(
    `select name, level::text as level, st_intersects(geom, st_setsrid(st_point($2::float8, $3::float8), 4326)) as inside
     from area where code = $1 and scope_holds(code, $4::text[], $5::text[])`,
    [code, point[0], point[1], scope.lo, scope.hi],
  );
  return rows[0];
}

export type NewOrgFields = {
  name: string;
  creditCode: string | null;
  staffCount: number;
  memberCount: number;
  position: LngLat;
  registeredOn: string | null;
};

/** A new organization, uncovered: the tracking trigger registers it (sql/000029). */
export async function insertNewOrg(db: Queryable, kind: NewOrgKind, areaCode: string, f: NewOrgFields): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into new_org (kind, name, credit_code, area_code, staff_count, member_count, registered_on, geom)
     values ($1::new_org_kind, $2, $3, $4, $5, $6, $7::date, st_setsrid(st_point($8::float8, $9::float8), 4326))
     returning id`,
    [kind, f.name, f.creditCode, areaCode, f.staffCount, f.memberCount, f.registeredOn, f.position[0], f.position[1]],
  );
  return rows[0]!.id;
}

export type LockedNewOrgRow = {
  id: number;
  kind: NewOrgKind;
  name: string;
  credit_code: string | null;
  area_code: string;
  staff_count: number;
  member_count: number;
  registered_on: string | null;
  lng: number;
  lat: number;
  coverage_mode: CoverageMode | null;
  covering_org_id: number | null;
  instructor_name: string | null;
  covered_on: string | null;
};

/** A new-type organization in scope, locked until the transaction ends: two keepers' changes do not interleave. */
export async function lockNewOrg(db: Queryable, id: number, scope: Scope): Promise<LockedNewOrgRow | undefined> {
  const { rows } = await db.query<LockedNewOrgRow>(
    `select id, kind::text as kind, name, credit_code, area_code, staff_count, member_count, registered_on::text as registered_on,
            st_x(geom) as lng, st_y(geom) as lat, coverage_mode::text as coverage_mode, covering_org_id, instructor_name,
            covered_on::text as covered_on
     from new_org where id = $1::bigint and scope_holds(area_code, $2::text[], $3::text[])
     for update`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export async function updateNewOrgFields(db: Queryable, id: number, f: NewOrgFields): Promise<void> {
  await db.query(
    `update new_org set name = $2, credit_code = $3, staff_count = $4, member_count = $5, registered_on = $6::date,
            geom = st_setsrid(st_point($7::float8, $8::float8), 4326)
     where id = $1::bigint`,
    [id, f.name, f.creditCode, f.staffCount, f.memberCount, f.registeredOn, f.position[0], f.position[1]],
  );
}

export type Coverage = { mode: CoverageMode; orgId: number | null; instructor: string | null; on: string };

export async function setCoverage(db: Queryable, id: number, c: Coverage): Promise<void> {
  await db.query(
    `update new_org set coverage_mode = $2::coverage_mode, covering_org_id = $3::bigint, instructor_name = $4, covered_on = $5::date
     where id = $1::bigint`,
    [id, c.mode, c.orgId, c.instructor, c.on],
  );
}

/** Coverage ended: the tracking trigger opens an entry unless the command opened one already. */
export async function clearCoverage(db: Queryable, id: number): Promise<void> {
  await db.query('update new_org set coverage_mode = null, covering_org_id = null, instructor_name = null, covered_on = null where id = $1::bigint', [id]);
}

/**
 * Closes the organization's open tracking entry (销号) on a day (never before it opened), with the
 * mode and who closed it: the id of the entry, or undefined when none was open.
 */
export async function closeTracking(db: Queryable, newOrgId: number, on: string, mode: CoverageMode, by: number | null): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `update new_org_tracking set closed_on = greatest($2::date, opened_on), closed_mode = $3::coverage_mode, closed_by = $4::bigint
     where new_org_id = $1::bigint and closed_on is null
     returning id`,
    [newOrgId, on, mode, by],
  );
  return rows[0]?.id;
}

/** Opens a tracking entry (挂号) on a day: the id. */
export async function openTracking(db: Queryable, newOrgId: number, on: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('insert into new_org_tracking (new_org_id, opened_on) values ($1::bigint, $2::date) returning id', [
    newOrgId,
    on,
  ]);
  return rows[0]!.id;
}

export type CoveringOrgRow = { id: number; name: string; closed_on: string | null };

/** An organization in scope that may cover a new-type organization. */
export async function selectCoveringOrg(db: Queryable, id: number, scope: Scope): Promise<CoveringOrgRow | undefined> {
  const { rows } = await db.query<CoveringOrgRow>(
    'select id, name, closed_on::text as closed_on from org where id = $1::bigint and scope_holds(area_code, $2::text[], $3::text[])',
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

/** A town in scope, with its target day. */
export async function selectTown(db: Queryable, code: string, scope: Scope): Promise<{ name: string; target_on: string | null } | undefined> {
  const { rows } = await db.query<{ name: string; target_on: string | null }>(
    `select a.name, g.target_on::text as target_on
     from area a left join new_org_target g on g.town_code = a.code
     where a.code = $1 and a.level = 'town' and scope_holds(a.code, $2::text[], $3::text[])`,
    [code, scope.lo, scope.hi],
  );
  return rows[0];
}

export async function upsertTarget(db: Queryable, town: string, on: string, by: number | null): Promise<void> {
  await db.query(
    `insert into new_org_target (town_code, target_on, set_by) values ($1, $2::date, $3::bigint)
     on conflict (town_code) do update set target_on = excluded.target_on, set_by = excluded.set_by, set_at = now()`,
    [town, on, by],
  );
}

export async function deleteTarget(db: Queryable, town: string): Promise<void> {
  await db.query('delete from new_org_target where town_code = $1', [town]);
}

/** The rule, locked for the transaction. */
export async function lockRule(db: Queryable): Promise<{ own_branch_min_members: number }> {
  const { rows } = await db.query<{ own_branch_min_members: number }>('select own_branch_min_members from new_org_rule for update');
  return rows[0]!;
}

export async function updateRule(db: Queryable, ownBranchMinMembers: number, by: number | null): Promise<void> {
  await db.query('update new_org_rule set own_branch_min_members = $1::int, updated_at = now(), updated_by = $2::bigint', [ownBranchMinMembers, by]);
}
