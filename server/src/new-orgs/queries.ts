import { subtreeRange, type Scope } from '../auth/scope.ts';
import type { CoverageMode, NewOrgKind, NewOrgsQuery, NewOrgStatus, TrackingQuery } from '../contract/new-orgs.ts';
import type { Queryable } from '../db/transaction.ts';

/** Today in China Standard Time: the day a target day is compared with. */
const today = "(now() at time zone 'Asia/Shanghai')::date";

export type NewOrgRow = {
  id: number;
  kind: NewOrgKind;
  name: string;
  credit_code: string | null;
  area_code: string;
  area_name: string;
  town_code: string;
  staff_count: number;
  member_count: number;
  coverage_mode: CoverageMode | null;
  status: NewOrgStatus;
  formed: boolean;
  covered: boolean;
  covering_org_id: number | null;
  covering_org_name: string | null;
  instructor_name: string | null;
  registered_on: string | null;
  covered_on: string | null;
  lng: number;
  lat: number;
  tracking_id: number | null;
  opened_on: string | null;
  target_on: string | null;
  overdue: boolean;
};

/** The columns of a new-type organization read with its status (new_org_coverage) and its open tracking entry. */
const innerColumns = `n.id, n.kind::text as kind, n.name, n.credit_code, n.area_code, n.town_code, n.staff_count, n.member_count,
  n.coverage_mode::text as coverage_mode, n.status, n.formed, n.covered, n.covering_org_id, n.instructor_name,
  n.registered_on::text as registered_on, n.covered_on::text as covered_on, st_x(n.geom) as lng, st_y(n.geom) as lat,
  t.id as tracking_id, t.opened_on::text as opened_on, g.target_on::text as target_on,
  coalesce(t.id is not null and g.target_on < ${today}, false) as overdue`;

const innerJoins = `from new_org_coverage n
  left join new_org_tracking t on t.new_org_id = n.id and t.closed_on is null
  left join new_org_target g on g.town_code = n.town_code`;

/**
 * New-type organizations in scope, keyset-paged by id: the areas in scope by range on their code
 * (scope_holds, an index condition), then each area's next organizations by new_org_area_id_idx
 * (area_code, id), as the place and organization lists page. q is part of the name, or a credit
 * code exactly; overdue keeps those whose open entry is past its town's target day.
 */
export async function selectNewOrgs(db: Queryable, q: NewOrgsQuery, scope: Scope): Promise<NewOrgRow[]> {
  const area = q.area ? subtreeRange(q.area) : null;
  const { rows } = await db.query<NewOrgRow>(
    `select x.*, a.name as area_name, o.name as covering_org_name
     from area a
     cross join lateral (
       select ${innerColumns}
       ${innerJoins}
       where n.area_code = a.code
         and ($5::new_org_kind is null or n.kind = $5::new_org_kind)
         and ($6::text is null or n.status = $6::text)
         and ($7::text is null or strpos(lower(n.name), lower($7::text)) > 0 or n.credit_code = upper($7::text))
         and ($8::boolean is null or coalesce(t.id is not null and g.target_on < ${today}, false) = $8::boolean)
         and ($9::bigint is null or n.id > $9::bigint)
       order by n.id
       limit $10::int
     ) x
     left join org o on o.id = x.covering_org_id
     where scope_holds(a.code, $1::text[], $2::text[])
       and ($3::text is null or (a.code >= $3::text and a.code < $4::text))
     order by x.id
     limit $10::int`,
    [scope.lo, scope.hi, area?.lo ?? null, area?.hi ?? null, q.kind ?? null, q.status ?? null, q.q ?? null, q.overdue ?? null, q.after ?? null, q.limit + 1],
  );
  return rows;
}

/** One new-type organization in scope. */
export async function selectNewOrg(db: Queryable, id: number, scope: Scope): Promise<NewOrgRow | undefined> {
  const { rows } = await db.query<NewOrgRow>(
    `select ${innerColumns}, a.name as area_name, o.name as covering_org_name
     ${innerJoins}
     join area a on a.code = n.area_code
     left join org o on o.id = n.covering_org_id
     where n.id = $1::bigint and scope_holds(n.area_code, $2::text[], $3::text[])`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export type TrackingEntryRow = {
  id: number;
  opened_on: string;
  closed_on: string | null;
  closed_mode: CoverageMode | null;
  closed_by: string | null;
};

/** An organization's tracking entries, oldest first (new_org_tracking_org_idx). */
export async function selectTrackingEntries(db: Queryable, newOrgId: number): Promise<TrackingEntryRow[]> {
  const { rows } = await db.query<TrackingEntryRow>(
    `select t.id, t.opened_on::text as opened_on, t.closed_on::text as closed_on, t.closed_mode::text as closed_mode, u.display_name as closed_by
     from new_org_tracking t left join app_user u on u.id = t.closed_by
     where t.new_org_id = $1::bigint
     order by t.id`,
    [newOrgId],
  );
  return rows;
}

export type TrackingItemRow = {
  id: number;
  new_org_id: number;
  name: string;
  kind: NewOrgKind;
  status: NewOrgStatus;
  member_count: number;
  staff_count: number;
  area_code: string;
  area_name: string;
  town_code: string;
  town_name: string;
  opened_on: string;
  target_on: string | null;
  overdue: boolean;
  closed_on: string | null;
  closed_mode: CoverageMode | null;
  closed_by: string | null;
};

/** Literal conditions, so that the open ones read the partial index new_org_tracking_open_idx. */
const stateCondition = { open: 't.closed_on is null', closed: 't.closed_on is not null', all: 'true' } as const;

/**
 * The tracking ledger (挂号销号) in scope, keyset-paged by entry id: each area in scope by range,
 * then its organizations (new_org_area_id_idx) and their entries (new_org_tracking_org_idx), with
 * the town's target day; overdue = open and the target day has passed.
 */
export async function selectTracking(db: Queryable, q: TrackingQuery, scope: Scope): Promise<TrackingItemRow[]> {
  const area = q.area ? subtreeRange(q.area) : null;
  const { rows } = await db.query<TrackingItemRow>(
    `select x.*, a.name as area_name, tw.name as town_name, u.display_name as closed_by
     from area a
     cross join lateral (
       select t.id, n.id as new_org_id, n.name, n.kind::text as kind, n.status, n.member_count, n.staff_count, n.area_code, n.town_code,
              t.opened_on::text as opened_on, g.target_on::text as target_on,
              coalesce(t.closed_on is null and g.target_on < ${today}, false) as overdue,
              t.closed_on::text as closed_on, t.closed_mode::text as closed_mode, t.closed_by as closed_by_id
       from new_org_coverage n
       join new_org_tracking t on t.new_org_id = n.id
       left join new_org_target g on g.town_code = n.town_code
       where n.area_code = a.code and ${stateCondition[q.state]}
         and ($5::new_org_kind is null or n.kind = $5::new_org_kind)
         and ($6::boolean is null or coalesce(t.closed_on is null and g.target_on < ${today}, false) = $6::boolean)
         and ($7::bigint is null or t.id > $7::bigint)
       order by t.id
       limit $8::int
     ) x
     join area tw on tw.code = x.town_code
     left join app_user u on u.id = x.closed_by_id
     where scope_holds(a.code, $1::text[], $2::text[])
       and ($3::text is null or (a.code >= $3::text and a.code < $4::text))
     order by x.id
     limit $8::int`,
    [scope.lo, scope.hi, area?.lo ?? null, area?.hi ?? null, q.kind ?? null, q.overdue ?? null, q.after ?? null, q.limit + 1],
  );
  return rows;
}

export type AreaRow = { code: string; name: string; level: string; target_on: string | null };

/** An area in scope (with its town's target day when it is a town). */
export async function selectAreaInScope(db: Queryable, code: string, scope: Scope): Promise<AreaRow | undefined> {
  const { rows } = await db.query<AreaRow>(
    `select a.code, a.name, a.level::text as level, g.target_on::text as target_on
     from area a left join new_org_target g on g.town_code = a.code
     where a.code = $1 and scope_holds(a.code, $2::text[], $3::text[])`,
    [code, scope.lo, scope.hi],
  );
  return rows[0];
}

/** The areas the rates of `parent` are given for: its children in code order, or the area itself when it has none. */
export async function selectRateAreas(db: Queryable, parent: string): Promise<AreaRow[]> {
  const { rows } = await db.query<AreaRow>(
    `select a.code, a.name, a.level::text as level, g.target_on::text as target_on
     from area a left join new_org_target g on g.town_code = a.code
     where a.parent_code = $1
        or (a.code = $1 and not exists (select from area c where c.parent_code = $1))
     order by a.code`,
    [parent],
  );
  return rows;
}

export type RateRow = {
  /** the child area the organizations lie in */
  code: string;
  kind: NewOrgKind;
  total: number;
  formed: number;
  covered: number;
  as_rule: number;
  otherwise: number;
  members_no_org: number;
  no_members: number;
};

/**
 * Counts by child area and kind of the organizations in `area`'s subtree and the caller's scope:
 * a county's by town (town_code), a town's or a community's by community (area_code).
 */
export async function selectRates(db: Queryable, area: string, byTown: boolean, scope: Scope): Promise<RateRow[]> {
  const range = subtreeRange(area);
  const { rows } = await db.query<RateRow>(
    `select case when $5::boolean then c.town_code else c.area_code end as code, c.kind::text as kind,
            count(*)::int as total,
            count(*) filter (where c.formed)::int as formed,
            count(*) filter (where c.covered)::int as covered,
            count(*) filter (where c.status = 'as_rule')::int as as_rule,
            count(*) filter (where c.status = 'otherwise')::int as otherwise,
            count(*) filter (where c.status = 'members_no_org')::int as members_no_org,
            count(*) filter (where c.status = 'no_members')::int as no_members
     from new_org_coverage c
     where c.area_code >= $1::text and c.area_code < $2::text
       and scope_holds(c.area_code, $3::text[], $4::text[])
     group by 1, 2`,
    [range.lo, range.hi, scope.lo, scope.hi, byTown],
  );
  return rows;
}

export type RuleRow = { own_branch_min_members: number; updated_at: Date; updated_by: string | null };

export async function selectRule(db: Queryable): Promise<RuleRow> {
  const { rows } = await db.query<RuleRow>(
    `select r.own_branch_min_members, r.updated_at, u.display_name as updated_by
     from new_org_rule r left join app_user u on u.id = r.updated_by`,
  );
  return rows[0]!;
}
