import type { Scope } from '../auth/scope.ts';
import type { GroupRecord, Meeting, PairingRecord } from '../contract/regional.ts';
import type { Queryable } from '../db/transaction.ts';
import { selectGroup, selectGroupMembers } from './groups.queries.ts';
import { selectItems } from './items.queries.ts';
import { selectAttendance, selectFollowUps, selectMeetings } from './meetings.queries.ts';
import { selectPairing } from './pairings.queries.ts';
import { presentGroupRecord, presentMeetings, presentPairingRecord } from './present.ts';

/** A pairing's record with its three lists; undefined where neither side is in scope. */
export async function readPairing(db: Queryable, id: number, scope: Scope): Promise<PairingRecord | undefined> {
  const row = await selectPairing(db, id, scope);
  if (!row) return undefined;
  return presentPairingRecord(row, await selectItems(db, { kind: 'pairing', id }), scope);
}

/** A group's meetings (all, or the one `meetingId`) with who attended and their follow-ups, newest first. */
export async function readMeetings(db: Queryable, groupId: number, meetingId: number | null = null): Promise<Meeting[]> {
  const meetings = await selectMeetings(db, groupId, meetingId);
  const ids = meetings.map((m) => m.id);
  const [attendance, followUps] = ids.length > 0 ? await Promise.all([selectAttendance(db, ids), selectFollowUps(db, ids)]) : [[], []];
  return presentMeetings(meetings, attendance, followUps);
}

/** A group's record: members with the lead, meetings, lists; undefined where neither its area nor a member's is in scope. */
export async function readGroup(db: Queryable, id: number, scope: Scope): Promise<GroupRecord | undefined> {
  const row = await selectGroup(db, id, scope);
  if (!row) return undefined;
  const [members, meetings, items] = await Promise.all([selectGroupMembers(db, id), readMeetings(db, id), selectItems(db, { kind: 'regional_group', id })]);
  return presentGroupRecord(row, { members, meetings, items }, scope);
}
