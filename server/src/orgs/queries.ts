import type { Scope } from '../auth/scope.ts';
import type { OrgKind, OrgSector } from '../contract/orgs.ts';
import type { Queryable } from '../db/transaction.ts';

export type OrgRow = {
  id: number;
  name: string;
  kind: OrgKind;
  sector: OrgSector;
  area_code: string;
  area_name: string;
  parent_id: number | null;
  secretary_name: string | null;
  member_count: number;
  children_count: number;
  lng: number | null;
  lat: number | null;
  grid_code: string | null;
  closed_on: string | null;
};

export type OrgRecordRow = OrgRow & {
  founded_on: string | null;
  parent_name: string | null;
  close_reason: string | null;
  merged_into: number | null;
  merged_into_name: string | null;
};

const summaryColumns = `o.id, o.name, o.kind::text as kind, o.sector::text as sector, o.area_code, a.name as area_name, o.parent_id,
  o.secretary_name,
  (select count(*)::int from member m where m.org_id = o.id and m.left_on is null) as member_count,
  (select count(*)::int from org c where c.parent_id = o.id and c.closed_on is null) as children_count,
  st_x(o.geom) as lng, st_y(o.geom) as lat, o.grid_code, o.closed_on::text as closed_on`;

/** Literal conditions, so that `open` reads the partial index org_open_area_idx (area_code, id). */
const statusCondition = { open: 'o.closed_on is null', closed: 'o.closed_on is not null', all: 'true' } as const;

export type OrgFilter = {
  q?: string | undefined;
  kind?: OrgKind | undefined;
  sector?: OrgSector | undefined;
  /** the subtree of the `area` filter */
  area?: Scope | undefined;
  secretary?: string | undefined;
  parent?: number | 'root' | undefined;
  status: keyof typeof statusCondition;
  after?: number | undefined;
  limit: number;
};

/**
 * A page of organizations in scope, in id order (one more than `limit`, to tell whether another
 * page follows). As the member list does, it pages through each area in scope (a range on the
 * area's key) and reads each area's organizations by org_open_area_idx (area_code, id), so a page
 * reads at most a page per area wherever the scope sits in id order.
 * `root`: those whose parent is none or outside the scope — the tops of the caller's tree.
 */
export async function selectOrgs(db: Queryable, f: OrgFilter, scope: Scope): Promise<OrgRow[]> {
  const { rows } = await db.query<OrgRow>(
    `select ${summaryColumns}
     from area a
     cross join lateral (
       select o.* from org o
       where o.area_code = a.code and ${statusCondition[f.status]}
         and ($3::text is null or strpos(lower(o.name), lower($3::text)) > 0 or strpos(lower(coalesce(o.secretary_name, '')), lower($3::text)) > 0)
         and ($4::text is null or o.kind = $4::org_kind)
         and ($5::text is null or o.sector = $5::org_sector)
         and ($8::text is null or strpos(lower(coalesce(o.secretary_name, '')), lower($8::text)) > 0)
         and ($9::bigint is null or o.parent_id = $9::bigint)
         and (not $10::boolean or o.parent_id is null
              or not exists (select from org p where p.id = o.parent_id and scope_holds(p.area_code, $1::text[], $2::text[])))
         and ($11::bigint is null or o.id > $11::bigint)
       order by o.id
       limit $12::int
     ) o
     where scope_holds(a.code, $1::text[], $2::text[])
       and ($6::text[] is null or scope_holds(a.code, $6::text[], $7::text[]))
     order by o.id
     limit $12::int`,
    [
      scope.lo,
      scope.hi,
      f.q ?? null,
      f.kind ?? null,
      f.sector ?? null,
      f.area?.lo ?? null,
      f.area?.hi ?? null,
      f.secretary ?? null,
      typeof f.parent === 'number' ? f.parent : null,
      f.parent === 'root',
      f.after ?? null,
      f.limit + 1,
    ],
  );
  return rows;
}

/** One organization in scope, open or closed, with its parent's and its merge target's names. */
export async function selectOrg(db: Queryable, id: number, scope: Scope): Promise<OrgRecordRow | undefined> {
  const { rows } = await db.query<OrgRecordRow>(
    `select ${summaryColumns}, o.founded_on::text as founded_on, p.name as parent_name, o.close_reason,
            o.merged_into, mi.name as merged_into_name
     from org o join area a on a.code = o.area_code
     left join org p on p.id = o.parent_id
     left join org mi on mi.id = o.merged_into
     where o.id = $1::bigint and scope_holds(o.area_code, $2::text[], $3::text[])`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

/** The grid a grid branch serves (named as now, or as last drawn), or a community committee's current grids. */
export async function selectOrgGrids(db: Queryable, id: number): Promise<Array<{ code: string; name: string }>> {
  const { rows } = await db.query<{ code: string; name: string }>(
    `select o.grid_code as code,
            (select v.name from grid_version v where v.grid_code = o.grid_code order by v.valid_to is null desc, v.valid_from desc limit 1) as name
     from org o where o.id = $1::bigint and o.grid_code is not null
     union all
     select v.grid_code, v.name
     from org o join area a on a.code = o.area_code
     join grid g on g.community_code = o.area_code
     join grid_version v on v.grid_code = g.code and v.valid_to is null
     where o.id = $1::bigint and o.grid_code is null and o.kind = 'committee' and a.level in ('community', 'village')
     order by code`,
    [id],
  );
  return rows.map((r) => ({ code: r.code, name: r.name ?? r.code }));
}

export async function selectRegionalGroups(db: Queryable, id: number): Promise<Array<{ id: number; name: string; is_lead: boolean }>> {
  const { rows } = await db.query<{ id: number; name: string; is_lead: boolean }>(
    `select g.id, g.name, r.is_lead from regional_group_org r join regional_group g on g.id = r.group_id
     where r.org_id = $1::bigint order by r.is_lead desc, g.name, g.id`,
    [id],
  );
  return rows;
}

export type PairingRow = { id: number; partner_kind: 'area' | 'new_org' | 'org'; partner_name: string; started_on: string; ended_on: string | null };

/** Pairings (结对共建) the organization made, and those where another organization paired with it. */
export async function selectPairings(db: Queryable, id: number): Promise<PairingRow[]> {
  const { rows } = await db.query<PairingRow>(
    `select p.id, p.partner_kind::text as partner_kind, coalesce(a.name, n.name, po.name, '') as partner_name,
            p.started_on::text as started_on, p.ended_on::text as ended_on
     from pairing p
     left join area a on a.code = p.partner_area_code
     left join new_org n on n.id = p.partner_new_org_id
     left join org po on po.id = p.partner_org_id
     where p.org_id = $1::bigint
     union all
     select p.id, 'org', o.name, p.started_on::text, p.ended_on::text
     from pairing p join org o on o.id = p.org_id
     where p.partner_org_id = $1::bigint
     order by started_on desc, id`,
    [id],
  );
  return rows;
}

/** What the commands check and change: an organization in scope, locked until the transaction ends. */
export type OrgStateRow = {
  id: number;
  name: string;
  kind: OrgKind;
  sector: OrgSector;
  area_code: string;
  parent_id: number | null;
  secretary_name: string | null;
  founded_on: string | null;
  lng: number | null;
  lat: number | null;
  grid_code: string | null;
  closed_on: string | null;
};

export async function lockOrg(db: Queryable, id: number, scope: Scope): Promise<OrgStateRow | undefined> {
  const { rows } = await db.query<OrgStateRow>(
    `select o.id, o.name, o.kind::text as kind, o.sector::text as sector, o.area_code, o.parent_id, o.secretary_name,
            o.founded_on::text as founded_on, st_x(o.geom) as lng, st_y(o.geom) as lat, o.grid_code, o.closed_on::text as closed_on
     from org o
     where o.id = $1::bigint and scope_holds(o.area_code, $2::text[], $3::text[])
     for update`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

/**
 * Moves and merges change the tree's shape; one at a time, so that two concurrent moves cannot
 * close a cycle that neither saw. They are rare; edits and closings do not take this lock.
 */
export async function lockOrgTree(db: Queryable): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('redgrid.org_tree'))`);
}

/** Whether `ancestor` is `id` itself or lies above it in the tree. */
export async function isSelfOrAncestor(db: Queryable, ancestor: number, id: number): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `with recursive up (id, parent_id) as (
       select o.id, o.parent_id from org o where o.id = $2::bigint
       union
       select o.id, o.parent_id from org o join up on o.id = up.parent_id
     )
     select exists (select from up where up.id = $1::bigint) as found`,
    [ancestor, id],
  );
  return rows[0]!.found;
}

export async function areaInScope(db: Queryable, code: string, scope: Scope): Promise<boolean> {
  const { rowCount } = await db.query(`select from area where code = $1::text and scope_holds(code, $2::text[], $3::text[])`, [code, scope.lo, scope.hi]);
  return Boolean(rowCount);
}

/** A current grid (one with an outline now) in scope, with its community. */
export async function currentGridInScope(db: Queryable, code: string, scope: Scope): Promise<{ community_code: string } | undefined> {
  const { rows } = await db.query<{ community_code: string }>(
    `select g.community_code from grid g
     where g.code = $1::text and g.retired_at is null and scope_holds(g.code, $2::text[], $3::text[])
       and exists (select from grid_version v where v.grid_code = g.code and v.valid_to is null)`,
    [code, scope.lo, scope.hi],
  );
  return rows[0];
}

/** Current members and open children: what keeps an organization from closing. */
export async function selectOccupancy(db: Queryable, id: number): Promise<{ members: number; children: number }> {
  const { rows } = await db.query<{ members: number; children: number }>(
    `select (select count(*)::int from member m where m.org_id = $1::bigint and m.left_on is null) as members,
            (select count(*)::int from org c where c.parent_id = $1::bigint and c.closed_on is null) as children`,
    [id],
  );
  return rows[0]!;
}

/** The kinds of an organization's open children. */
export async function selectChildKinds(db: Queryable, id: number): Promise<OrgKind[]> {
  const { rows } = await db.query<{ kind: OrgKind }>(`select distinct kind::text as kind from org where parent_id = $1::bigint and closed_on is null`, [id]);
  return rows.map((r) => r.kind);
}

export type OrgFields = {
  name: string;
  kind: OrgKind;
  sector: OrgSector;
  parent_id: number | null;
  area_code: string;
  secretary_name: string | null;
  founded_on: string | null;
  position: [number, number] | null;
  grid_code: string | null;
};

export async function insertOrg(db: Queryable, f: OrgFields): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into org (name, kind, sector, parent_id, area_code, secretary_name, founded_on, geom, grid_code)
     values ($1::text, $2::org_kind, $3::org_sector, $4::bigint, $5::text, $6::text, $7::date,
             case when $8::float8 is null then null else st_setsrid(st_makepoint($8::float8, $9::float8), 4326) end, $10::text)
     returning id`,
    [f.name, f.kind, f.sector, f.parent_id, f.area_code, f.secretary_name, f.founded_on, f.position?.[0] ?? null, f.position?.[1] ?? null, f.grid_code],
  );
  return rows[0]!.id;
}

/** Writes an organization's editable fields as the command settled them. */
export async function updateOrgFields(db: Queryable, id: number, f: Omit<OrgFields, 'kind' | 'parent_id'>): Promise<void> {
  await db.query(
    `update org set name = $2::text, sector = $3::org_sector, area_code = $4::text, secretary_name = $5::text, founded_on = $6::date,
            geom = case when $7::float8 is null then null else st_setsrid(st_makepoint($7::float8, $8::float8), 4326) end, grid_code = $9::text
     where id = $1::bigint`,
    [id, f.name, f.sector, f.area_code, f.secretary_name, f.founded_on, f.position?.[0] ?? null, f.position?.[1] ?? null, f.grid_code],
  );
}

export async function updateOrgParent(db: Queryable, id: number, parentId: number): Promise<void> {
  await db.query('update org set parent_id = $2::bigint where id = $1::bigint', [id, parentId]);
}

export async function closeOrgRow(db: Queryable, id: number, c: { effectiveOn: string | null; reason: string; mergedInto: number | null }): Promise<string> {
  const { rows } = await db.query<{ closed_on: string }>(
    `update org set closed_on = coalesce($2::date, current_date), close_reason = $3::text, merged_into = $4::bigint
     where id = $1::bigint returning closed_on::text as closed_on`,
    [id, c.effectiveOn, c.reason, c.mergedInto],
  );
  return rows[0]!.closed_on;
}

type Carry = { from: number; to: number; effectiveOn: string | null; reason: string | null; actorId: number | null };

/**
 * A merge's members: every current member of `from` moves to `to`, each with a 'transferred' row
 * of history, in one statement. Answers how many moved.
 */
export async function transferMembersOnMerge(db: Queryable, c: Carry): Promise<number> {
  const { rows } = await db.query<{ moved: number }>(
    `with moved as (
       update member set org_id = $2::bigint where org_id = $1::bigint and left_on is null returning id
     ), noted as (
       insert into registry_history (subject_kind, subject_id, action, effective_on, reason, detail, actor_id)
       select 'member', moved.id, 'transferred', coalesce($3::date, current_date), $4::text,
              jsonb_build_object('from', jsonb_build_object('id', f.id, 'name', f.name),
                                 'to', jsonb_build_object('id', t.id, 'name', t.name), 'merge', true), $5::bigint
       from moved, org f, org t
       where f.id = $1::bigint and t.id = $2::bigint
       returning 1
     )
     select (select count(*)::int from moved) as moved, (select count(*)::int from noted) as noted`,
    [c.from, c.to, c.effectiveOn, c.reason, c.actorId],
  );
  return rows[0]!.moved;
}

/** A merge's children: every child of `from` goes under `to`, each with a 'moved' row of history, in one statement. */
export async function reparentChildrenOnMerge(db: Queryable, c: Carry): Promise<number> {
  const { rows } = await db.query<{ moved: number }>(
    `with moved as (
       update org set parent_id = $2::bigint where parent_id = $1::bigint returning id
     ), noted as (
       insert into registry_history (subject_kind, subject_id, action, effective_on, reason, detail, actor_id)
       select 'org', moved.id, 'moved', coalesce($3::date, current_date), $4::text,
              jsonb_build_object('from_parent_id', $1::bigint, 'to_parent_id', $2::bigint, 'merge', true), $5::bigint
       from moved
       returning 1
     )
     select (select count(*)::int from moved) as moved, (select count(*)::int from noted) as noted`,
    [c.from, c.to, c.effectiveOn, c.reason, c.actorId],
  );
  return rows[0]!.moved;
}
