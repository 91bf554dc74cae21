import { subtreeRange, type Scope } from '../auth/scope.ts';
import type { PairingArcsQuery, PairingsQuery, PartnerKind } from '../contract/regional.ts';
import type { Queryable } from '../db/transaction.ts';

/** Today in China Standard Time, the day the papers give (as the registry's commands take it). */
const today = `(now() at time zone 'Asia/Shanghai')::date`;

/** A pairing with both sides: the organization, and its partner (an area, a new-type organization or an organization). */
const from = `pairing p
  join org o on o.id = p.org_id
  join area oa on oa.code = o.area_code
  left join area pa on pa.code = p.partner_area_code
  left join new_org n on n.id = p.partner_new_org_id
  left join org po on po.id = p.partner_org_id
  left join area poa on poa.code = po.area_code`;

/** Where the partner is: its own area, or the area of the new-type organization or organization. */
const partnerArea = 'coalesce(p.partner_area_code, n.area_code, po.area_code)';

/**
 * The read rule: a pairing is read where either side is — the organization's area or the
 * partner's — lies in scope ($1, $2), so a village's secretary sees who pairs with it.
 */
const visible = `(coalesce(scope_holds(o.area_code, $1::text[], $2::text[]), false)
   or coalesce(scope_holds(${partnerArea}, $1::text[], $2::text[]), false))`;

const columns = `p.id, p.org_id, o.name as org_name, o.area_code as org_area_code, p.partner_kind::text as partner_kind,
  coalesce(n.id, po.id) as partner_id, ${partnerArea} as partner_area_code,
  coalesce(pa.name, n.name, po.name) as partner_name,
  p.started_on::text as started_on, p.ended_on::text as ended_on, p.content,
  (p.started_on <= ${today} and (p.ended_on is null or p.ended_on > ${today})) as active`;

/** Items of one list of the pairing that are open or in progress. */
const openItems = (list: string) => `(select count(*)::int from regional_list_item i
    where i.pairing_id = p.id and i.list = '${list}' and i.status in ('open', 'in_progress'))`;

export type PairingRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_area_code: string;
  partner_kind: PartnerKind;
  partner_id: number | null;
  partner_area_code: string;
  partner_name: string;
  started_on: string;
  ended_on: string | null;
  content: string | null;
  active: boolean;
  open_needs: number;
  open_resources: number;
  open_projects: number;
};

const rowColumns = `${columns},
  ${openItems('needs')} as open_needs, ${openItems('resources')} as open_resources, ${openItems('projects')} as open_projects`;

/** The list's filters, $3–$8 after the scope: organization (either side), partner kind, area subtree (either side), status, active on a day. */
const filters = `(${visible})
  and ($3::bigint is null or p.org_id = $3::bigint or p.partner_org_id = $3::bigint)
  and ($4::text is null or p.partner_kind = $4::pairing_partner)
  and ($5::text[] is null or coalesce(scope_holds(o.area_code, $5::text[], $6::text[]), false)
       or coalesce(scope_holds(${partnerArea}, $5::text[], $6::text[]), false))
  and case $7::text
        when 'active' then p.started_on <= ${today} and (p.ended_on is null or p.ended_on > ${today})
        when 'ended' then p.ended_on <= ${today}
        else true end
  and ($8::date is null or (p.started_on <= $8::date and (p.ended_on is null or p.ended_on > $8::date)))`;

function filterParams(q: PairingArcsQuery, scope: Scope): unknown[] {
  const area = q.area ? subtreeRange(q.area) : null;
  return [scope.lo, scope.hi, q.org ?? null, q.partner_kind ?? null, area ? [area.lo] : null, area ? [area.hi] : null, q.status, q.active_on ?? null];
}

/**
 * A page of pairings either side of which lies in scope, in id order (one more than `limit`). A
 * county holds a few hundred pairings and a province some thousands, a few per organization: the
 * join reads them whole, as the organization record's pairings do.
 */
export async function selectPairings(db: Queryable, q: PairingsQuery, scope: Scope): Promise<PairingRow[]> {
  const { rows } = await db.query<PairingRow>(
    `select ${rowColumns}
     from ${from}
     where ${filters} and ($9::bigint is null or p.id > $9::bigint)
     order by p.id
     limit $10::int`,
    [...filterParams(q, scope), q.after ?? null, q.limit + 1],
  );
  return rows;
}

/** One pairing either side of which lies in scope. */
export async function selectPairing(db: Queryable, id: number, scope: Scope): Promise<PairingRow | undefined> {
  const { rows } = await db.query<PairingRow>(`select ${rowColumns} from ${from} where p.id = $3::bigint and ${visible}`, [scope.lo, scope.hi, id]);
  return rows[0];
}

export type PairingArcRow = {
  id: number;
  org_id: number;
  org_name: string;
  partner_kind: PartnerKind;
  partner_name: string;
  active: boolean;
  from_lng: number;
  from_lat: number;
  to_lng: number;
  to_lat: number;
};

/**
 * The pairings of the list's filters as lines from the organization's point to the partner's: an
 * organization without a point of its own stands at a point inside its area (st_pointonsurface),
 * as a village or community partner does; a new-type organization at its own point. Pairings of
 * closed organizations leave the map, as the organizations do.
 */
export async function selectPairingArcs(db: Queryable, q: PairingArcsQuery, scope: Scope): Promise<PairingArcRow[]> {
  const { rows } = await db.query<PairingArcRow>(
    `select id, org_id, org_name, partner_kind, partner_name, active,
            st_x(a) as from_lng, st_y(a) as from_lat, st_x(b) as to_lng, st_y(b) as to_lat
     from (
       select ${columns},
              coalesce(o.geom, st_pointonsurface(oa.geom)) as a,
              case p.partner_kind
                when 'area' then st_pointonsurface(pa.geom)
                when 'new_org' then n.geom
                else coalesce(po.geom, st_pointonsurface(poa.geom)) end as b
       from ${from}
       where ${filters} and o.closed_on is null and po.closed_on is null
     ) arcs
     order by id`,
    filterParams(q, scope),
  );
  return rows;
}

export type LockedPairingRow = { id: number; org_id: number; org_area_code: string; started_on: string; ended_on: string | null; content: string | null };

/**
 * A pairing locked for a change until the transaction ends. `side`: `org` where its organization's
 * area is in scope (the pairing itself changes there), `either` where either side's is (its lists).
 */
export async function lockPairing(tx: Queryable, id: number, scope: Scope, side: 'org' | 'either'): Promise<LockedPairingRow | undefined> {
  const { rows } = await tx.query<LockedPairingRow>(
    `select p.id, p.org_id, o.area_code as org_area_code, p.started_on::text as started_on, p.ended_on::text as ended_on, p.content
     from ${from}
     where p.id = $3::bigint and ${side === 'org' ? 'coalesce(scope_holds(o.area_code, $1::text[], $2::text[]), false)' : visible}
     for update of p`,
    [scope.lo, scope.hi, id],
  );
  return rows[0];
}

export type PairingSideRow = { id: number; area_code: string; closed_on: string | null };

/** An organization in scope, for either side of a pairing or a group's membership. */
export async function selectOrgIn(db: Queryable, id: number, scope: Scope): Promise<PairingSideRow | undefined> {
  const { rows } = await db.query<PairingSideRow>(
    `select id, area_code, closed_on::text as closed_on from org where id = $1::bigint and scope_holds(area_code, $2::text[], $3::text[])`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

/** A village or community in scope: the areas a unit pairs with. */
export async function selectPartnerArea(db: Queryable, code: string, scope: Scope): Promise<{ code: string; level: string } | undefined> {
  const { rows } = await db.query<{ code: string; level: string }>(
    `select code, level::text as level from area where code = $1 and scope_holds(code, $2::text[], $3::text[])`,
    [code, scope.lo, scope.hi],
  );
  return rows[0];
}

/** A new-type organization in scope. */
export async function selectPartnerNewOrg(db: Queryable, id: number, scope: Scope): Promise<{ id: number; area_code: string } | undefined> {
  const { rows } = await db.query<{ id: number; area_code: string }>(
    `select id, area_code from new_org where id = $1::bigint and scope_holds(area_code, $2::text[], $3::text[])`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export type NewPairing = {
  orgId: number;
  partnerKind: PartnerKind;
  partnerAreaCode: string | null;
  partnerNewOrgId: number | null;
  partnerOrgId: number | null;
  startedOn: string;
  content: string | null;
};

/** The id of a current pairing (not ended) of the same organization with the same partner, if one exists. */
export async function selectSamePairing(tx: Queryable, p: NewPairing): Promise<number | undefined> {
  const { rows } = await tx.query<{ id: number }>(
    `select id from pairing
     where org_id = $1::bigint and partner_kind = $2::pairing_partner and ended_on is null
       and partner_area_code is not distinct from $3::text
       and partner_new_org_id is not distinct from $4::bigint
       and partner_org_id is not distinct from $5::bigint
     limit 1`,
    [p.orgId, p.partnerKind, p.partnerAreaCode, p.partnerNewOrgId, p.partnerOrgId],
  );
  return rows[0]?.id;
}

export async function insertPairing(tx: Queryable, p: NewPairing): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into pairing (org_id, partner_kind, partner_area_code, partner_new_org_id, partner_org_id, started_on, content)
     values ($1::bigint, $2::pairing_partner, $3::text, $4::bigint, $5::bigint, $6::date, $7::text)
     returning id`,
    [p.orgId, p.partnerKind, p.partnerAreaCode, p.partnerNewOrgId, p.partnerOrgId, p.startedOn, p.content],
  );
  return rows[0]!.id;
}

export async function updatePairingFields(tx: Queryable, id: number, fields: { startedOn: string; content: string | null }): Promise<void> {
  await tx.query('update pairing set started_on = $2::date, content = $3::text where id = $1::bigint', [id, fields.startedOn, fields.content]);
}

export async function endPairingRow(tx: Queryable, id: number, endedOn: string): Promise<void> {
  await tx.query('update pairing set ended_on = $2::date where id = $1::bigint', [id, endedOn]);
}

/** Deletes a pairing with its lists; answers how many list items went with it. */
export async function deletePairingRow(tx: Queryable, id: number): Promise<number> {
  const { rows } = await tx.query<{ items: number }>(
    // the items go by the foreign key's cascade; the count reads the snapshot from before the delete
    `with gone as (delete from pairing where id = $1::bigint returning id)
     select (select count(*)::int from regional_list_item where pairing_id = $1::bigint) as items`,
    [id],
  );
  return rows[0]?.items ?? 0;
}
