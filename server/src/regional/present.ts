import type { Scope } from '../auth/scope.ts';
import type {
  FollowUp,
  GroupOutlines,
  GroupRecord,
  GroupSummary,
  ListItem,
  Lists,
  Meeting,
  PairingArcs,
  PairingRecord,
  PairingSummary,
} from '../contract/regional.ts';
import type { GroupMemberRow, GroupRow, OutlineRow } from './groups.queries.ts';
import type { ItemRow } from './items.queries.ts';
import type { AttendanceRow, FollowUpRow, MeetingRow } from './meetings.queries.ts';
import type { PairingArcRow, PairingRow } from './pairings.queries.ts';

/**
 * An area code as the caller may see it: one in their scope, or the county or town above it; a
 * code outside (the far side of a pairing, the area of a group they read as a member) is left out.
 */
function visibleCode(code: string, scope: Scope): string | null {
  return scope.holds(code) || scope.ancestors.includes(code) ? code : null;
}

export function presentItem(r: ItemRow): ListItem {
  return {
    id: r.id,
    owner: r.pairing_id !== null ? { kind: 'pairing', id: r.pairing_id } : { kind: 'regional_group', id: r.group_id! },
    list: r.list,
    title: r.title,
    detail: r.detail,
    status: r.status,
    due_on: r.due_on,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function presentLists(items: readonly ItemRow[]): Lists {
  const lists: Lists = { needs: [], resources: [], projects: [] };
  for (const item of items) lists[item.list].push(presentItem(item));
  return lists;
}

export function presentPairing(r: PairingRow, scope: Scope): PairingSummary {
  return {
    id: r.id,
    org: { id: r.org_id, name: r.org_name, area_code: visibleCode(r.org_area_code, scope) },
    partner: { kind: r.partner_kind, id: r.partner_id, area_code: visibleCode(r.partner_area_code, scope), name: r.partner_name },
    started_on: r.started_on,
    ended_on: r.ended_on,
    content: r.content,
    active: r.active,
    open_items: { needs: r.open_needs, resources: r.open_resources, projects: r.open_projects },
  };
}

export function presentPairingRecord(r: PairingRow, items: readonly ItemRow[], scope: Scope): PairingRecord {
  return { ...presentPairing(r, scope), lists: presentLists(items) };
}

export function presentArcs(rows: readonly PairingArcRow[]): PairingArcs {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: {
        type: 'LineString',
        coordinates: [
          [r.from_lng, r.from_lat],
          [r.to_lng, r.to_lat],
        ],
      },
      properties: {
        id: r.id,
        kind: 'pairing',
        org_id: r.org_id,
        org_name: r.org_name,
        partner_kind: r.partner_kind,
        partner_name: r.partner_name,
        active: r.active,
      },
    })),
  };
}

export function presentGroup(r: GroupRow, scope: Scope): GroupSummary {
  return {
    id: r.id,
    name: r.name,
    area_code: visibleCode(r.area_code, scope),
    area_name: r.area_name,
    member_count: r.member_count,
    lead: r.lead_id !== null ? { id: r.lead_id, name: r.lead_name ?? '' } : null,
    meeting_count: r.meeting_count,
    last_meeting_on: r.last_meeting_on,
  };
}

function presentFollowUp(f: FollowUpRow): FollowUp {
  return {
    id: f.id,
    meeting_id: f.meeting_id,
    title: f.title,
    responsible_org: f.responsible_org_id !== null ? { id: f.responsible_org_id, name: f.responsible_org_name ?? '' } : null,
    due_on: f.due_on,
    status: f.status,
    updated_at: f.updated_at,
  };
}

export function presentMeetings(meetings: readonly MeetingRow[], attendance: readonly AttendanceRow[], followUps: readonly FollowUpRow[]): Meeting[] {
  return meetings.map((m) => ({
    id: m.id,
    group_id: m.group_id,
    held_on: m.held_on,
    place: { place_id: m.place_id, name: m.place_name },
    topic: m.topic,
    attendee_count: m.attendee_count,
    attending_orgs: attendance.filter((a) => a.meeting_id === m.id).map((a) => ({ id: a.id, name: a.name })),
    resolutions: m.resolutions,
    follow_ups: followUps.filter((f) => f.meeting_id === m.id).map(presentFollowUp),
  }));
}

export type GroupParts = { members: GroupMemberRow[]; meetings: Meeting[]; items: ItemRow[] };

export function presentGroupRecord(r: GroupRow, parts: GroupParts, scope: Scope): GroupRecord {
  return {
    ...presentGroup(r, scope),
    members: parts.members.map((m) => ({
      org_id: m.org_id,
      name: m.name,
      kind: m.kind,
      is_lead: m.is_lead,
      position: m.lng === null || m.lat === null ? null : [m.lng, m.lat],
      closed_on: m.closed_on,
    })),
    meetings: parts.meetings,
    lists: presentLists(parts.items),
  };
}

export function presentOutlines(rows: readonly OutlineRow[]): GroupOutlines {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: JSON.parse(r.geometry) as GroupOutlines['features'][number]['geometry'],
      properties: { id: r.id, kind: 'regional_group', name: r.name, member_count: r.member_count },
    })),
  };
}
