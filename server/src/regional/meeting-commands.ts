import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { CreateFollowUpBody, CreateMeetingBody, UpdateFollowUpBody, UpdateMeetingBody } from '../contract/regional.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { assertMembers, lockOwnGroup } from './group-commands.ts';
import {
  insertFollowUps,
  insertMeeting,
  lockFollowUp,
  lockMeeting,
  placeInScope,
  replaceAttendance,
  updateFollowUpRow,
  updateMeetingRow,
  type LockedMeetingRow,
} from './meetings.queries.ts';
import { changes, notFound, patched, type WriteScopes } from './scopes.ts';
import { assertStatusMove } from './status-flow.ts';

async function assertPlace(tx: Tx, placeId: number | undefined, scopes: WriteScopes): Promise<void> {
  if (placeId !== undefined && !(await placeInScope(tx, placeId, scopes.places))) throw notFound(`service position ${placeId}`);
}

/**
 * Records a joint meeting (联席会议) of a group in the caller's edit scope: where, on what, who
 * attended (member organizations), what it resolved and the follow-ups, each with a member
 * organization responsible. Answers the meeting's id.
 */
export function createMeeting(db: pg.Pool, actor: Actor, groupId: number, body: CreateMeetingBody, scopes: WriteScopes): Promise<number> {
  return withTransaction(db, async (tx) => {
    const group = await lockOwnGroup(tx, groupId, scopes.edit);
    await assertPlace(tx, body.place_id, scopes);
    const attending = body.attending_org_ids ?? [];
    const followUps = body.follow_ups ?? [];
    await assertMembers(tx, groupId, attending, 'attending_org_ids');
    await assertMembers(tx, groupId, [...new Set(followUps.flatMap((f) => (f.responsible_org_id !== undefined ? [f.responsible_org_id] : [])))], 'follow_ups');
    const id = await insertMeeting(tx, groupId, {
      heldOn: body.held_on,
      placeId: body.place_id ?? null,
      placeText: body.place_text ?? null,
      topic: body.topic,
      attendeeCount: body.attendee_count ?? null,
      resolutions: body.resolutions ?? [],
    });
    await replaceAttendance(tx, id, attending);
    await insertFollowUps(
      tx,
      id,
      followUps.map((f) => ({ title: f.title, responsibleOrgId: f.responsible_org_id ?? null, dueOn: f.due_on ?? null, status: f.status ?? 'open' })),
    );
    await audit(tx, actor, {
      action: 'joint_meeting.create',
      targetKind: 'regional_meeting',
      targetIds: [id],
      scope: group.area_code,
      detail: { group_id: groupId, held_on: body.held_on, topic: body.topic, follow_ups: followUps.length },
    });
    return id;
  });
}

async function lockGroupMeeting(tx: Tx, groupId: number, meetingId: number, scopes: WriteScopes): Promise<{ area: string; meeting: LockedMeetingRow }> {
  const group = await lockOwnGroup(tx, groupId, scopes.edit);
  const meeting = await lockMeeting(tx, groupId, meetingId);
  if (!meeting) throw notFound(`meeting ${meetingId} of regional group ${groupId}`);
  return { area: group.area_code, meeting };
}

/** Edits a meeting's record; a new place replaces the old (a position or words); nothing changed writes nothing. */
export function updateMeeting(db: pg.Pool, actor: Actor, groupId: number, meetingId: number, body: UpdateMeetingBody, scopes: WriteScopes): Promise<void> {
  return withTransaction(db, async (tx) => {
    const { area, meeting } = await lockGroupMeeting(tx, groupId, meetingId, scopes);
    await assertPlace(tx, body.place_id, scopes);
    if (body.attending_org_ids !== undefined) await assertMembers(tx, groupId, body.attending_org_ids, 'attending_org_ids');
    const before = {
      held_on: meeting.held_on,
      place_id: meeting.place_id,
      place_text: meeting.place_text,
      topic: meeting.topic,
      attendee_count: meeting.attendee_count,
      attending_org_ids: meeting.org_ids,
      resolutions: meeting.resolutions,
    };
    // a place given one way clears the other
    const place =
      body.place_id !== undefined
        ? { place_id: body.place_id, place_text: null }
        : body.place_text !== undefined
          ? { place_id: null, place_text: body.place_text }
          : {};
    const after = patched(before, { ...body, ...place, attending_org_ids: body.attending_org_ids && [...body.attending_org_ids].sort((a, b) => a - b) });
    const diff = changes(before, after);
    if (diff.changed.length === 0) return;
    await updateMeetingRow(tx, meetingId, {
      heldOn: after.held_on,
      placeId: after.place_id,
      placeText: after.place_text,
      topic: after.topic,
      attendeeCount: after.attendee_count,
      resolutions: after.resolutions,
    });
    if (diff.changed.includes('attending_org_ids')) await replaceAttendance(tx, meetingId, after.attending_org_ids);
    await audit(tx, actor, {
      action: 'joint_meeting.update',
      targetKind: 'regional_meeting',
      targetIds: [meetingId],
      scope: area,
      detail: { group_id: groupId, changed: diff.changed },
    });
  });
}

/** Adds a follow-up to a meeting; answers its id. */
export function addFollowUp(db: pg.Pool, actor: Actor, groupId: number, meetingId: number, body: CreateFollowUpBody, scopes: WriteScopes): Promise<number> {
  return withTransaction(db, async (tx) => {
    const { area } = await lockGroupMeeting(tx, groupId, meetingId, scopes);
    if (body.responsible_org_id !== undefined) await assertMembers(tx, groupId, [body.responsible_org_id], 'responsible_org_id');
    const [id] = await insertFollowUps(tx, meetingId, [
      { title: body.title, responsibleOrgId: body.responsible_org_id ?? null, dueOn: body.due_on ?? null, status: body.status ?? 'open' },
    ]);
    await audit(tx, actor, {
      action: 'joint_meeting.add_follow_up',
      targetKind: 'regional_follow_up',
      targetIds: [id!],
      scope: area,
      detail: { group_id: groupId, meeting_id: meetingId, title: body.title },
    });
    return id!;
  });
}

/** Edits a follow-up: its status (along `statusMoves`), title, responsible member or due day; nothing changed writes nothing. */
export function updateFollowUp(
  db: pg.Pool,
  actor: Actor,
  ids: { groupId: number; meetingId: number; followUpId: number },
  body: UpdateFollowUpBody,
  scopes: WriteScopes,
): Promise<void> {
  return withTransaction(db, async (tx) => {
    const { area } = await lockGroupMeeting(tx, ids.groupId, ids.meetingId, scopes);
    const row = await lockFollowUp(tx, ids.meetingId, ids.followUpId);
    if (!row) throw notFound(`follow-up ${ids.followUpId} of meeting ${ids.meetingId}`);
    const before = { title: row.title, responsible_org_id: row.responsible_org_id, due_on: row.due_on, status: row.status };
    const after = patched(before, body);
    assertStatusMove(`Follow-up ${ids.followUpId}`, before.status, after.status);
    const diff = changes(before, after);
    if (diff.changed.length === 0) return;
    if (diff.changed.includes('responsible_org_id') && after.responsible_org_id !== null) {
      await assertMembers(tx, ids.groupId, [after.responsible_org_id], 'responsible_org_id');
    }
    await updateFollowUpRow(tx, ids.followUpId, { title: after.title, responsibleOrgId: after.responsible_org_id, dueOn: after.due_on, status: after.status });
    await audit(tx, actor, {
      action: 'joint_meeting.update_follow_up',
      targetKind: 'regional_follow_up',
      targetIds: [ids.followUpId],
      scope: area,
      detail: { group_id: ids.groupId, meeting_id: ids.meetingId, ...diff },
    });
  });
}
