import type { Scope } from '../auth/scope.ts';
import type { AlertState, SmsStatus } from '../contract/dispatch.ts';
import type { Queryable } from '../db/transaction.ts';

export type DispatchRow = {
  id: number;
  case_id: number;
  status: 'active' | 'fulfilled' | 'closed';
  radius_m: number;
  max_radius_m: number;
  wave_size: number;
  target: number;
  skills: string[];
  alert_timeout_s: number;
  waves: number;
  exhausted: boolean;
  lng: number;
  lat: number;
  community_code: string;
  /** the dispatcher's scope as code ranges: later waves alert only members in it */
  scope_lo: string[];
  scope_hi: string[];
};

const dispatchColumns = `d.id, d.case_id, d.status, d.radius_m, d.max_radius_m, d.wave_size, d.target, d.skills,
  d.alert_timeout_s, d.waves, d.exhausted, d.scope_lo, d.scope_hi, st_x(c.geom) as lng, st_y(c.geom) as lat, c.community_code`;

export async function insertDispatch(
  db: Queryable,
  d: {
    caseId: number;
    radius: number;
    maxRadius: number;
    waveSize: number;
    target: number;
    skills: string[];
    alertTimeout: number;
    createdBy: number | null;
    scope: Pick<Scope, 'lo' | 'hi'>;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into dispatch (case_id, radius_m, max_radius_m, wave_size, target, skills, alert_timeout_s, created_by, scope_lo, scope_hi)
     values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::text[], $10::text[]) returning id`,
    [d.caseId, d.radius, d.maxRadius, d.waveSize, d.target, d.skills, d.alertTimeout, d.createdBy, d.scope.lo, d.scope.hi],
  );
  return rows[0]!.id;
}

/** The dispatch in scope; `lock` takes its row lock so state changes on it run one at a time. */
export async function selectDispatch(db: Queryable, id: number, scope: Scope, lock = false): Promise<DispatchRow | undefined> {
  const { rows } = await db.query<DispatchRow>(
    `select ${dispatchColumns} from dispatch d join "case" c on c.id = d.case_id
     where d.id = $1 and scope_holds(c.community_code, $2::text[], $3::text[]) ${lock ? 'for update of d' : ''}`,
    [id, scope.lo, scope.hi],
  );
  return rows[0];
}

export async function updateDispatch(
  db: Queryable,
  id: number,
  changes: { status?: string; radius?: number; waves?: number; exhausted?: boolean },
): Promise<void> {
  await db.query(
    `update dispatch set status = coalesce($2::dispatch_status, status), radius_m = coalesce($3, radius_m),
       waves = coalesce($4, waves), exhausted = coalesce($5, exhausted),
       closed_at = case when $2 = 'closed' then now() else closed_at end
     where id = $1`,
    [id, changes.status ?? null, changes.radius ?? null, changes.waves ?? null, changes.exhausted ?? null],
  );
}

export async function countAlerts(db: Queryable, dispatchId: number): Promise<{ accepted: number; pending: number }> {
  const { rows } = await db.query<{ accepted: number; pending: number }>(
    `select (count(*) filter (where state in ('accepted', 'arrived')))::int as accepted,
            (count(*) filter (where state = 'alerted'))::int as pending
     from dispatch_alert where dispatch_id = $1`,
    [dispatchId],
  );
  return rows[0]!;
}

export async function insertAlerts(db: Queryable, dispatchId: number, wave: number, members: Array<{ id: number; distance_m: number }>): Promise<void> {
  await db.query(
    `insert into dispatch_alert (dispatch_id, member_id, wave, distance_m)
     select $1, unnest($3::bigint[]), $2, unnest($4::float8[])`,
    [dispatchId, wave, members.map((m) => m.id), members.map((m) => m.distance_m)],
  );
}

/** Moves alerts in `from` states to `to`; answers the member ids that moved. */
export async function moveAlerts(db: Queryable, dispatchId: number, from: AlertState[], to: AlertState, memberId?: number): Promise<number[]> {
  const { rows } = await db.query<{ member_id: number }>(
    `update dispatch_alert set state = $3::alert_state,
       answered_at = case when $3 in ('accepted', 'declined', 'timed_out') then now() else answered_at end,
       arrived_at = case when $3 = 'arrived' then now() else arrived_at end
     where dispatch_id = $1 and state = any($2::alert_state[]) and ($4::bigint is null or member_id = $4)
     returning member_id`,
    [dispatchId, from, to, memberId ?? null],
  );
  return rows.map((r) => r.member_id);
}

/** Alerts older than their dispatch's timeout, by dispatch. */
export async function selectOverdueDispatches(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ dispatch_id: number }>(
    `select distinct a.dispatch_id from dispatch_alert a join dispatch d on d.id = a.dispatch_id
     where d.status = 'active' and a.state = 'alerted' and a.alerted_at < now() - make_interval(secs => d.alert_timeout_s)`,
  );
  return rows.map((r) => r.dispatch_id);
}

export async function timeOutOverdue(db: Queryable, dispatchId: number): Promise<number[]> {
  const { rows } = await db.query<{ member_id: number }>(
    `update dispatch_alert a set state = 'timed_out', answered_at = now()
     from dispatch d where d.id = a.dispatch_id and a.dispatch_id = $1 and a.state = 'alerted'
       and a.alerted_at < now() - make_interval(secs => d.alert_timeout_s)
     returning a.member_id`,
    [dispatchId],
  );
  return rows.map((r) => r.member_id);
}

export type AlertRow = {
  member_id: number;
  name: string;
  org_id: number;
  org_name: string;
  skills: string[];
  stars: number;
  lng: number;
  lat: number;
  wave: number;
  state: AlertState;
  distance_m: number;
  alerted_at: Date;
  answered_at: Date | null;
  arrived_at: Date | null;
  sms_status: SmsStatus | null;
  phone: string | null;
};

export async function selectAlerts(db: Queryable, dispatchId: number): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(
    `select a.member_id, m.name, o.id as org_id, o.name as org_name, m.skills, m.stars,
            st_x(m.home) as lng, st_y(m.home) as lat, a.wave, a.state, a.distance_m, a.alerted_at, a.answered_at, a.arrived_at, a.sms_status, m.phone
     from dispatch_alert a join member m on m.id = a.member_id join org o on o.id = m.org_id
     where a.dispatch_id = $1 order by a.wave, a.distance_m, a.member_id`,
    [dispatchId],
  );
  return rows;
}

export async function insertMemberNotices(db: Queryable, kind: 'member_alert' | 'member_cancel', dispatchId: number, memberIds: number[]): Promise<void> {
  if (!memberIds.length) return;
  await db.query(`insert into outbox (kind, dispatch_id, member_id) select $1::outbox_kind, $2, unnest($3::bigint[])`, [kind, dispatchId, memberIds]);
}

/** A current member's distance from a point (one who left is no member to alert). */
export async function memberDistance(db: Queryable, memberId: number, lng: number, lat: number, scope: Scope): Promise<number | undefined> {
  const { rows } = await db.query<{ d: number }>(
    `select st_distance(m.home::geography, st_setsrid(st_makepoint($2, $3), 4326)::geography, true) as d
     from member m join org o on o.id = m.org_id
     where m.id = $1 and m.left_on is null and scope_holds(o.area_code, $4::text[], $5::text[])`,
    [memberId, lng, lat, scope.lo, scope.hi],
  );
  return rows[0]?.d;
}

export type MemberAlertRow = {
  kind: string;
  title: string;
  description: string | null;
  lng: number;
  lat: number;
  name: string;
  state: AlertState;
  distance_m: number;
  dispatcher: string | null;
  grid_leader: string | null;
  grid_leader_phone: string | null;
};

/** One member's alert with its case, for the member's own page. */
export async function selectMemberAlert(db: Queryable, dispatchId: number, memberId: number): Promise<MemberAlertRow | undefined> {
  const { rows } = await db.query<MemberAlertRow>(
    `select c.kind, c.title, c.description, st_x(c.geom) as lng, st_y(c.geom) as lat, m.name, a.state, a.distance_m,
            u.display_name as dispatcher, s.name as grid_leader, s.phone as grid_leader_phone
     from dispatch_alert a
     join dispatch d on d.id = a.dispatch_id
     join "case" c on c.id = d.case_id
     join member m on m.id = a.member_id
     left join app_user u on u.id = d.created_by
     left join grid_staff s on s.grid_code = c.grid_code and s.role = 'grid_leader'
     where a.dispatch_id = $1 and a.member_id = $2`,
    [dispatchId, memberId],
  );
  return rows[0];
}

/** When a member was alerted in a dispatch (their link's expiry counts from it), or undefined. */
export async function selectAlertedAt(db: Queryable, dispatchId: number, memberId: number): Promise<Date | undefined> {
  const { rows } = await db.query<{ alerted_at: Date }>('select a.alerted_at from dispatch_alert a where a.dispatch_id = $1 and a.member_id = $2', [
    dispatchId,
    memberId,
  ]);
  return rows[0]?.alerted_at;
}
