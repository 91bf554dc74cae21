import type { Scope } from '../auth/scope.ts';
import type { PlanStatus } from '../contract/plans.ts';
import type { Queryable, Tx } from '../db/transaction.ts';

export type PlanRow = {
  id: number;
  community_code: string;
  title: string;
  status: PlanStatus;
  revision: number;
  state_seq: number;
  next_seq: number;
  next_new: number;
  created_by: string;
  created_at: Date;
  submitted_at: Date | null;
  warnings_reason: string | null;
  reviewed_at: Date | null;
  effective_on: string | null;
  reject_reason: string | null;
  published_at: Date | null;
  can_undo: boolean;
  can_redo: boolean;
};

const planColumns = `p.id::integer as id, p.community_code, p.title, p.status, p.revision, p.state_seq, p.next_seq, p.next_new,
  u.display_name as created_by, p.created_at, p.submitted_at, p.warnings_reason, p.reviewed_at,
  to_char(p.effective_on, 'YYYY-MM-DD') as effective_on, p.reject_reason, p.published_at,
  exists (select from plan_edit e where e.plan_id = p.id and e.undone_at is null and e.discarded_at is null) as can_undo,
  exists (select from plan_edit e where e.plan_id = p.id and e.undone_at is not null and e.discarded_at is null) as can_redo`;

/** A plan whose community the scope holds; `lock` takes its row for the transaction. */
export async function selectPlan(db: Queryable, id: number, scope: Scope, lock = false): Promise<PlanRow | undefined> {
  const { rows } = await db.query<PlanRow>(
    `select ${planColumns} from plan p join app_user u on u.id = p.created_by
     where p.id = $1 and scope_holds(p.community_code, $2::text[], $3::text[]) ${lock ? 'for update of p' : ''}`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export async function selectPlans(db: Queryable, community: string, scope: Scope): Promise<PlanRow[]> {
  const { rows } = await db.query<PlanRow>(
    `select ${planColumns} from plan p join app_user u on u.id = p.created_by
     where p.community_code = $1 and scope_holds(p.community_code, $2::text[], $3::text[])
     order by p.id desc limit 200`,
    [community, scope.lo, scope.hi],
  );
  return rows;
}

/** Whether `code` is a community or village the scope holds. */
export async function communityInScope(db: Queryable, code: string, scope: Scope): Promise<boolean> {
  const { rows } = await db.query(`select from area where code = $1 and level in ('community', 'village') and scope_holds(code, $2::text[], $3::text[])`, [
    code,
    scope.lo,
    scope.hi,
  ]);
  return rows.length > 0;
}

/** Opens a draft on the community's current grids (state 0) and builds its topology. */
export async function insertPlan(tx: Tx, community: string, title: string, userId: number): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into plan (community_code, title, base_version_ids, created_by)
     select $1, $2, coalesce(array_agg(v.id order by v.id), '{}'), $3
     from grid_version v join grid g on g.code = v.grid_code
     where g.community_code = $1 and v.valid_to is null
     returning id::integer as id`,
    [community, title, userId],
  );
  const id = rows[0]!.id;
  await tx.query(
    `insert into plan_grid_state (plan_id, seq, key, name, geom)
     select $1, 0, v.grid_code, v.name, v.geom
     from grid_version v join grid g on g.code = v.grid_code
     where g.community_code = $2 and v.valid_to is null`,
    [id, community],
  );
  await tx.query('select plan_topology_build($1, 0)', [id]);
  await tx.query('select plan_count_base($1)', [id]);
  return id;
}

export type EditCall = { sql: string; values: unknown[] };

/** Applies an edit to the plan's topology (the SQL functions of sql/000017). */
export async function applyTopologyEdit(tx: Tx, call: EditCall): Promise<void> {
  await tx.query(call.sql, call.values);
}

export async function unitOutline(tx: Tx, community: string, unit: { compoundId?: number; buildingId?: number }): Promise<string | undefined> {
  const { rows } = await tx.query<{ geom: string }>(
    unit.compoundId !== undefined
      ? 'select geom::text from compound where id = $1 and community_code = $2'
      : 'select geom::text from building where id = $1 and community_code = $2',
    [unit.compoundId ?? unit.buildingId, community],
  );
  return rows[0]?.geom;
}

export async function recordState(tx: Tx, planId: number, seq: number, prior: number, names: Record<string, string>): Promise<void> {
  await tx.query('select plan_record_state($1, $2, $3, $4::jsonb)', [planId, seq, prior, JSON.stringify(names)]);
}

export async function rebuildTopology(tx: Tx, planId: number, seq: number): Promise<void> {
  await tx.query('select plan_topology_build($1, $2)', [planId, seq]);
}

/** Records an edit as made; edits undone before it can no longer be redone. */
export async function insertEdit(tx: Tx, planId: number, seq: number, kind: string, params: unknown, actorId: number | null): Promise<void> {
  await tx.query('update plan_edit set discarded_at = now() where plan_id = $1 and undone_at is not null and discarded_at is null', [planId]);
  await tx.query('insert into plan_edit (plan_id, seq, kind, params, actor_id) values ($1, $2, $3, $4::jsonb, $5)', [
    planId,
    seq,
    kind,
    JSON.stringify(params),
    actorId,
  ]);
}

/** The edit an undo takes back (the latest in effect) and the state before it (0: as opened). */
export async function selectUndo(tx: Tx, planId: number): Promise<{ seq: number; previous: number } | undefined> {
  const { rows } = await tx.query<{ seq: number; previous: number }>(
    `select e.seq, coalesce((select max(b.seq) from plan_edit b where b.plan_id = e.plan_id and b.seq < e.seq
                              and b.undone_at is null and b.discarded_at is null), 0) as previous
     from plan_edit e where e.plan_id = $1 and e.undone_at is null and e.discarded_at is null
     order by e.seq desc limit 1`,
    [planId],
  );
  return rows[0];
}

/** The edit a redo brings back: the earliest undone one not discarded. */
export async function selectRedo(tx: Tx, planId: number): Promise<number | undefined> {
  const { rows } = await tx.query<{ seq: number }>(
    'select seq from plan_edit where plan_id = $1 and undone_at is not null and discarded_at is null order by seq limit 1',
    [planId],
  );
  return rows[0]?.seq;
}

export async function markUndone(tx: Tx, planId: number, seq: number, undone: boolean): Promise<void> {
  await tx.query(`update plan_edit set undone_at = ${undone ? 'now()' : 'null'} where plan_id = $1 and seq = $2`, [planId, seq]);
}

export type PlanChange = Partial<{
  state_seq: number;
  next_seq: number;
  next_new: number;
  status: PlanStatus;
  warnings_reason: string | null;
  effective_on: string;
  reject_reason: string;
  submitted_by: number | null;
  reviewed_by: number | null;
}>;

const changeColumns = [
  'state_seq',
  'next_seq',
  'next_new',
  'status',
  'warnings_reason',
  'effective_on',
  'reject_reason',
  'submitted_by',
  'reviewed_by',
] as const;

/** Updates a plan and bumps its revision (and the submitted/reviewed times with their users). */
export async function updatePlan(tx: Tx, planId: number, change: PlanChange): Promise<void> {
  const set: string[] = ['revision = revision + 1'];
  const values: unknown[] = [planId];
  for (const column of changeColumns) {
    if (change[column] === undefined) continue;
    values.push(change[column]);
    set.push(`${column} = $${values.length}`);
  }
  if (change.submitted_by !== undefined) set.push('submitted_at = now()');
  if (change.reviewed_by !== undefined) set.push('reviewed_at = now()');
  await tx.query(`update plan set ${set.join(', ')} where id = $1`, values);
}

export async function dropTopology(tx: Tx, planId: number): Promise<void> {
  await tx.query('select topology.droptopology(plan_topology($1)) where exists (select from topology.topology where name = plan_topology($1))', [planId]);
}

/** Publishes an approved plan at the later of its effective day's start (+08:00) and now. */
export async function publishPlan(tx: Tx, planId: number): Promise<void> {
  await tx.query(`select plan_publish($1, greatest(now(), (select (effective_on::text || 'T00:00:00+08:00')::timestamptz from plan where id = $1)))`, [planId]);
}

/** Approved plans whose day has come (China Standard Time). */
export async function selectDuePlans(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `select id::integer as id from plan where status = 'approved' and effective_on <= (now() at time zone 'Asia/Shanghai')::date order by id`,
  );
  return rows.map((r) => r.id);
}

export async function selectHouseholdBand(db: Queryable, community: string): Promise<{ min: number; max: number }> {
  const { rows } = await db.query<{ min: number; max: number }>('select min_households as min, max_households as max from household_band($1)', [community]);
  return rows[0]!;
}

/** The plan's grids as they stand, with households, as GeoJSON text. */
export async function selectPlanGrids(db: Queryable, planId: number, seq: number, community: string): Promise<string> {
  const { rows } = await db.query<{ collection: string }>(
    `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', s.key, 'geometry', st_asgeojson(s.geom, 12)::json,
       'properties', json_build_object('key', s.key, 'name', s.name, 'households',
         (select coalesce(sum(b.households), 0) from building b
          where b.community_code = $3 and st_within(st_pointonsurface(b.geom), s.geom)))
     ) order by s.key), '[]'::json))::text as collection
     from plan_grid_state s where s.plan_id = $1 and s.seq = $2`,
    [planId, seq, community],
  );
  return rows[0]!.collection;
}

/** The community's compounds with their households, as GeoJSON text. */
export async function selectCompounds(db: Queryable, community: string): Promise<string> {
  const { rows } = await db.query<{ collection: string }>(
    `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', k.id, 'geometry', st_asgeojson(st_multi(k.geom), 7)::json,
       'properties', json_build_object('id', k.id, 'name', k.name, 'households',
         (select coalesce(sum(b.households), 0) from building b where b.compound_id = k.id))
     ) order by k.id), '[]'::json))::text as collection
     from compound k where k.community_code = $1`,
    [community],
  );
  return rows[0]!.collection;
}

export type ValidationRow = {
  severity: 'error' | 'warning';
  code: string;
  grid: string | null;
  message: string;
  params: Record<string, string | number | null>;
  geometry: unknown;
};

export async function selectValidation(db: Queryable, planId: number): Promise<ValidationRow[]> {
  const { rows } = await db.query<ValidationRow>(
    `select severity, code, grid_key as grid, message, params, st_asgeojson(geom, 7)::json as geometry from plan_validation($1)`,
    [planId],
  );
  return rows;
}

export type ImpactRow = { what: string; from: string | null; to: string | null; count: number };

export async function selectImpact(db: Queryable, planId: number): Promise<ImpactRow[]> {
  const { rows } = await db.query<ImpactRow>(`select what, from_key as "from", to_key as "to", n::integer as count from plan_impact($1)`, [planId]);
  return rows;
}

export type EditRecordRow = {
  seq: number;
  kind: string;
  params: unknown;
  actor: string | null;
  made_at: Date;
  undone_at: Date | null;
  discarded_at: Date | null;
};

export async function selectEdits(db: Queryable, planId: number): Promise<EditRecordRow[]> {
  const { rows } = await db.query<EditRecordRow>(
    `select e.seq, e.kind, e.params, u.display_name as actor, e.made_at, e.undone_at, e.discarded_at
     from plan_edit e left join app_user u on u.id = e.actor_id where e.plan_id = $1 order by e.seq`,
    [planId],
  );
  return rows;
}
