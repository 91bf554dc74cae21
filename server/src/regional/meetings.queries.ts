import type { Scope } from '../auth/scope.ts';
import type { RegionalStatus } from '../contract/regional.ts';
import type { Queryable } from '../db/transaction.ts';

export type MeetingRow = {
  id: number;
  group_id: number;
  held_on: string;
  place_id: number | null;
  place_name: string;
  topic: string;
  attendee_count: number | null;
  resolutions: string[];
};

/** A group's meetings, newest first (or the one meeting `meetingId`). */
export async function selectMeetings(db: Queryable, groupId: number, meetingId: number | null = null): Promise<MeetingRow[]> {
  const { rows } = await db.query<MeetingRow>(
    `select m.id, m.group_id, m.held_on::text as held_on, m.place_id, coalesce(pl.name, m.place_text, '') as place_name,
            m.topic, m.attendee_count, m.resolutions
     from regional_meeting m left join place pl on pl.id = m.place_id
     where m.group_id = $1::bigint and ($2::bigint is null or m.id = $2::bigint)
     order by m.held_on desc, m.id desc`,
    [groupId, meetingId],
  );
  return rows;
}

export type AttendanceRow = { meeting_id: number; id: number; name: string };

/** The organizations that attended each of the meetings, by name. */
export async function selectAttendance(db: Queryable, meetingIds: readonly number[]): Promise<AttendanceRow[]> {
  const { rows } = await db.query<AttendanceRow>(
    `select a.meeting_id, o.id, o.name from regional_meeting_org a join org o on o.id = a.org_id
     where a.meeting_id = any($1::bigint[]) order by o.name, o.id`,
    [meetingIds],
  );
  return rows;
}

export type FollowUpRow = {
  id: number;
  meeting_id: number;
  title: string;
  responsible_org_id: number | null;
  responsible_org_name: string | null;
  due_on: string | null;
  status: RegionalStatus;
  updated_at: string;
};

const followUpColumns = `f.id, f.meeting_id, f.title, f.responsible_org_id, o.name as responsible_org_name, f.due_on::text as due_on,
  f.status::text as status, to_json(f.updated_at) #>> '{}' as updated_at`;

/** The follow-ups of each of the meetings, in the order they were recorded. */
export async function selectFollowUps(db: Queryable, meetingIds: readonly number[]): Promise<FollowUpRow[]> {
  const { rows } = await db.query<FollowUpRow>(
    `select ${followUpColumns} from regional_follow_up f left join org o on o.id = f.responsible_org_id
     where f.meeting_id = any($1::bigint[]) order by f.id`,
    [meetingIds],
  );
  return rows;
}

/** A service position in scope, for a meeting's place. */
export async function placeInScope(db: Queryable, id: number, scope: Scope): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from place where id = $1::bigint and scope_holds(area_code, $2::text[], $3::text[])', [id, scope.lo, scope.hi]);
  return (rowCount ?? 0) > 0;
}

export type MeetingFields = {
  heldOn: string;
  placeId: number | null;
  placeText: string | null;
  topic: string;
  attendeeCount: number | null;
  resolutions: readonly string[];
};

export async function insertMeeting(tx: Queryable, groupId: number, m: MeetingFields): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `insert into regional_meeting (group_id, held_on, place_id, place_text, topic, attendee_count, resolutions)
     values ($1::bigint, $2::date, $3::bigint, $4, $5, $6::int, $7::text[]) returning id`,
    [groupId, m.heldOn, m.placeId, m.placeText, m.topic, m.attendeeCount, m.resolutions],
  );
  return rows[0]!.id;
}

export type LockedMeetingRow = {
  id: number;
  held_on: string;
  place_id: number | null;
  place_text: string | null;
  topic: string;
  attendee_count: number | null;
  resolutions: string[];
  org_ids: number[];
};

/** A meeting of the group, locked until the transaction ends, with the organizations that attended. */
export async function lockMeeting(tx: Queryable, groupId: number, meetingId: number): Promise<LockedMeetingRow | undefined> {
  const { rows } = await tx.query<LockedMeetingRow>(
    `select m.id, m.held_on::text as held_on, m.place_id, m.place_text, m.topic, m.attendee_count, m.resolutions,
            array(select a.org_id::float8 from regional_meeting_org a where a.meeting_id = m.id order by a.org_id) as org_ids
     from regional_meeting m where m.id = $2::bigint and m.group_id = $1::bigint
     for update of m`,
    [groupId, meetingId],
  );
  return rows[0];
}

export async function updateMeetingRow(tx: Queryable, id: number, m: MeetingFields): Promise<void> {
  await tx.query(
    `update regional_meeting
     set held_on = $2::date, place_id = $3::bigint, place_text = $4, topic = $5, attendee_count = $6::int, resolutions = $7::text[], updated_at = now()
     where id = $1::bigint`,
    [id, m.heldOn, m.placeId, m.placeText, m.topic, m.attendeeCount, m.resolutions],
  );
}

/** Replaces the organizations that attended a meeting. */
export async function replaceAttendance(tx: Queryable, meetingId: number, orgIds: readonly number[]): Promise<void> {
  await tx.query('delete from regional_meeting_org where meeting_id = $1::bigint', [meetingId]);
  if (orgIds.length > 0) {
    await tx.query('insert into regional_meeting_org (meeting_id, org_id) select $1::bigint, unnest($2::bigint[])', [meetingId, orgIds]);
  }
}

export type FollowUpFields = { title: string; responsibleOrgId: number | null; dueOn: string | null; status: RegionalStatus };

export async function insertFollowUps(tx: Queryable, meetingId: number, followUps: readonly FollowUpFields[]): Promise<number[]> {
  if (followUps.length === 0) return [];
  const { rows } = await tx.query<{ id: number }>(
    `insert into regional_follow_up (meeting_id, title, responsible_org_id, due_on, status)
     select $1::bigint, t.title, t.org_id, t.due_on, t.status
     from unnest($2::text[], $3::bigint[], $4::date[], $5::regional_status[]) with ordinality as t(title, org_id, due_on, status, n)
     order by t.n
     returning id`,
    [meetingId, followUps.map((f) => f.title), followUps.map((f) => f.responsibleOrgId), followUps.map((f) => f.dueOn), followUps.map((f) => f.status)],
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export type LockedFollowUpRow = { id: number; title: string; responsible_org_id: number | null; due_on: string | null; status: RegionalStatus };

/** A follow-up of the meeting, locked until the transaction ends. */
export async function lockFollowUp(tx: Queryable, meetingId: number, followUpId: number): Promise<LockedFollowUpRow | undefined> {
  const { rows } = await tx.query<LockedFollowUpRow>(
    `select id, title, responsible_org_id, due_on::text as due_on, status::text as status
     from regional_follow_up where id = $2::bigint and meeting_id = $1::bigint for update`,
    [meetingId, followUpId],
  );
  return rows[0];
}

export async function updateFollowUpRow(tx: Queryable, id: number, f: FollowUpFields): Promise<void> {
  await tx.query(
    `update regional_follow_up set title = $2, responsible_org_id = $3::bigint, due_on = $4::date, status = $5::regional_status, updated_at = now()
     where id = $1::bigint`,
    [id, f.title, f.responsibleOrgId, f.dueOn, f.status],
  );
}
