import type { Scope } from '../auth/scope.ts';
import type { CaseEvent } from '../contract/cases.ts';
import type { LocateRow } from '../locate/queries.ts';
import type { Queryable } from '../db/transaction.ts';

export type CaseRow = {
  id: number;
  kind: string;
  title: string;
  description: string | null;
  severity: 'low' | 'normal' | 'high' | 'critical';
  status: 'reported' | 'registered' | 'dispatched' | 'handling' | 'verifying' | 'closed';
  lng: number;
  lat: number;
  town_code: string | null;
  town_name: string | null;
  community_code: string | null;
  community_name: string | null;
  grid_code: string | null;
  grid_name: string | null;
  org_id: number | null;
  org_name: string | null;
  grid_leader: string | null;
  reported_at: Date;
  closed_at: Date | null;
  active_dispatch_id: number | null;
  idempotency_fingerprint: string | null;
};

const caseColumns = `c.id, c.kind, c.title, c.description, c.severity, c.status, st_x(c.geom) as lng, st_y(c.geom) as lat,
  c.town_code, t.name as town_name, c.community_code, k.name as community_name, c.grid_code, g.name as grid_name,
  c.org_id, o.name as org_name, s.name as grid_leader, c.reported_at, c.closed_at, c.idempotency_fingerprint,
  (select d.id from dispatch d where d.case_id = c.id and d.status <> 'closed' order by d.id desc limit 1) as active_dispatch_id`;

const caseJoins = `left join area t on t.code = c.town_code
  left join area k on k.code = c.community_code
  left join lateral (
    -- the grid's name as it was when the case was reported
    select v.name from grid_version v where v.grid_code = c.grid_code order by v.valid_from <= c.reported_at desc, v.valid_from desc limit 1
  ) g on true
  left join org o on o.id = c.org_id
  left join grid_staff s on s.grid_code = c.grid_code and s.role = 'grid_leader'`;

export type NewCase = {
  kind: string;
  title: string;
  description: string | null;
  severity: string;
  lng: number;
  lat: number;
  idempotencyKey: string;
  fingerprint: string;
  reportedBy: number | null;
  location: LocateRow;
};

/** Inserts the case unless its idempotency key exists; answers the new id, or undefined. */
export async function insertCase(db: Queryable, c: NewCase): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `insert into "case" (county_code, kind, title, description, severity, town_code, community_code, grid_code, org_id,
       reported_by, idempotency_key, idempotency_fingerprint, geom)
     values ($1, $2, $3, $4, $5::case_severity, $6, $7, $8, $9, $10, $11, $12, st_setsrid(st_makepoint($13, $14), 4326))
     on conflict (idempotency_key) do nothing
     returning id`,
    [
      c.location.county_code,
      c.kind,
      c.title,
      c.description,
      c.severity,
      c.location.town_code,
      c.location.community_code,
      c.location.grid_code,
      c.location.branch_id,
      c.reportedBy,
      c.idempotencyKey,
      c.fingerprint,
      c.lng,
      c.lat,
    ],
  );
  return rows[0]?.id;
}

/** A case's community in scope (an index condition on the code, see scope_holds), and its county: the shard key. */
const inScope = (lo: number) =>
  `scope_holds(c.community_code, $${lo}::text[], $${lo + 1}::text[]) and ($${lo + 2}::text[] is null or c.county_code = any($${lo + 2}::text[]))`;

export async function selectCaseByKey(db: Queryable, key: string, scope: Scope): Promise<CaseRow | undefined> {
  const { rows } = await db.query<CaseRow>(`select ${caseColumns} from "case" c ${caseJoins} where c.idempotency_key = $1 and ${inScope(2)}`, [
    key,
    scope.lo,
    scope.hi,
    scope.counties,
  ]);
  return rows[0];
}

export async function selectCase(db: Queryable, id: number, scope: Scope): Promise<CaseRow | undefined> {
  const { rows } = await db.query<CaseRow>(`select ${caseColumns} from "case" c ${caseJoins} where c.id = $1 and ${inScope(2)}`, [
    id,
    scope.lo,
    scope.hi,
    scope.counties,
  ]);
  return rows[0];
}

/** The newest 500 cases in scope; the joins follow the limit, so they see 500 rows, not the scope's all. */
export async function selectCases(db: Queryable, status: 'open' | 'closed' | 'all', scope: Scope): Promise<CaseRow[]> {
  const { rows } = await db.query<CaseRow>(
    `select ${caseColumns}
     from (
       select * from "case" c
       where ${inScope(2)}
         and ($1 = 'all' or ($1 = 'open') = (c.status <> 'closed'))
       order by c.reported_at desc, c.id desc limit 500
     ) c ${caseJoins}
     order by c.reported_at desc, c.id desc`,
    [status, scope.lo, scope.hi, scope.counties],
  );
  return rows;
}

/** The newest cases in scope and under `area` (any area when null), for the wall's feed. */
export async function selectFeed(db: Queryable, scope: Scope, area: Scope | null, limit: number): Promise<CaseRow[]> {
  const { rows } = await db.query<CaseRow>(
    `select ${caseColumns}
     from (
       select * from "case" c
       where ${inScope(1)}
         and ($4::text[] is null or scope_holds(c.community_code, $4::text[], $5::text[]))
       order by c.reported_at desc, c.id desc limit $6
     ) c ${caseJoins}
     order by c.reported_at desc, c.id desc`,
    [scope.lo, scope.hi, scope.counties, area?.lo ?? null, area?.hi ?? null, limit],
  );
  return rows;
}

type EventRow = Omit<CaseEvent, 'at'> & { at: Date };

export async function selectTimeline(db: Queryable, caseId: number): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>('select id, at, from_status, to_status, note, data from case_event where case_id = $1 order by at, id', [caseId]);
  return rows;
}
