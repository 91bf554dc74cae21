import type {
  CreateFollowUpInput,
  CreateListItemInput,
  CreateMeetingInput,
  CreatePairingInput,
  GroupList,
  GroupOutlines,
  GroupRecord,
  ListItem,
  Meeting,
  PairingArcs,
  PairingList,
  PairingRecord,
  UpdateFollowUpInput,
  UpdateListItemInput,
} from './contract.ts';
import { getJson, request } from './http.ts';
import { queryString } from './query.ts';

export interface PairingFilter {
  /** either side */
  org?: number;
  partner_kind?: 'area' | 'new_org' | 'org';
  /** either side in this area's subtree */
  area?: string;
  status?: 'active' | 'ended' | 'all';
  active_on?: string;
  limit?: number;
  after?: number;
}

export interface GroupFilter {
  area?: string;
  org?: number;
  q?: string;
}

/** How a map layer asks: the caller's headers (a wall's `Authorization`), and a signal. */
export interface LayerRequest {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

// ─── pairings (结对共建) ──────────────────────────────────────────────────────────────────────────

/** `GET /api/v1/pairings?…`: pairings either side of which is in scope, keyset-paged by id. */
export function fetchPairings(filter: PairingFilter, signal?: AbortSignal): Promise<PairingList> {
  return getJson<PairingList>(`/api/v1/pairings${queryString({ ...filter })}`, signal);
}

/** `GET /api/v1/pairings/{id}`: with its needs, resources and projects lists. */
export function fetchPairing(id: number, signal?: AbortSignal): Promise<PairingRecord> {
  return getJson<PairingRecord>(`/api/v1/pairings/${id}`, signal);
}

/** `POST /api/v1/pairings` (registry.edit). */
export function createPairing(body: CreatePairingInput): Promise<PairingRecord> {
  return request<PairingRecord>('/api/v1/pairings', { method: 'POST', body });
}

/** `POST /api/v1/pairings/{id}/end`: today when no day is given. */
export function endPairing(id: number, endedOn?: string): Promise<PairingRecord> {
  return request<PairingRecord>(`/api/v1/pairings/${id}/end`, { method: 'POST', body: endedOn ? { ended_on: endedOn } : {} });
}

/** `GET /api/v1/pairings/arcs?…`: lines from each organization to its partner (territory.read; the wall too). */
export function fetchPairingArcs(filter: Omit<PairingFilter, 'limit' | 'after'>, { headers, signal }: LayerRequest = {}): Promise<PairingArcs> {
  return request<PairingArcs>(`/api/v1/pairings/arcs${queryString({ ...filter })}`, { headers, signal });
}

// ─── the three lists ────────────────────────────────────────────────────────────────────────────

export type ListOwner = { kind: 'pairing' | 'regional_group'; id: number };
const ownerPath = (owner: ListOwner) => (owner.kind === 'pairing' ? `/api/v1/pairings/${owner.id}` : `/api/v1/regional-groups/${owner.id}`);

/** `POST …/{id}/items`: an item on one of a pairing's or a group's lists. */
export function addListItem(owner: ListOwner, body: CreateListItemInput): Promise<ListItem> {
  return request<ListItem>(`${ownerPath(owner)}/items`, { method: 'POST', body });
}

/** `PATCH /api/v1/list-items/{id}`: its status moves along open → in_progress → done (or cancelled). */
export function updateListItem(id: number, body: UpdateListItemInput): Promise<ListItem> {
  return request<ListItem>(`/api/v1/list-items/${id}`, { method: 'PATCH', body });
}

export function deleteListItem(id: number): Promise<void> {
  return request<void>(`/api/v1/list-items/${id}`, { method: 'DELETE' });
}

// ─── regional groups (区域化党建) ─────────────────────────────────────────────────────────────────

/** `GET /api/v1/regional-groups?…`: groups whose area or a member is in scope. */
export function fetchGroups(filter: GroupFilter, signal?: AbortSignal): Promise<GroupList> {
  return getJson<GroupList>(`/api/v1/regional-groups${queryString({ ...filter })}`, signal);
}

/** `GET /api/v1/regional-groups/{id}`: members (the lead first), meetings with follow-ups, lists. */
export function fetchGroup(id: number, signal?: AbortSignal): Promise<GroupRecord> {
  return getJson<GroupRecord>(`/api/v1/regional-groups/${id}`, signal);
}

/** `PUT /api/v1/regional-groups/{id}/lead`: a member becomes the lead (one at most). */
export function setGroupLead(id: number, orgId: number): Promise<GroupRecord> {
  return request<GroupRecord>(`/api/v1/regional-groups/${id}/lead`, { method: 'PUT', body: { org_id: orgId } });
}

/** `GET /api/v1/regional-groups/outlines?…`: each group as a buffered hull of its members (territory.read; the wall too). */
export function fetchGroupOutlines(filter: GroupFilter, { headers, signal }: LayerRequest = {}): Promise<GroupOutlines> {
  return request<GroupOutlines>(`/api/v1/regional-groups/outlines${queryString({ ...filter })}`, { headers, signal });
}

/** `POST /api/v1/regional-groups/{id}/meetings`: a joint meeting (联席会议) with its resolutions and follow-ups. */
export function createMeeting(groupId: number, body: CreateMeetingInput): Promise<Meeting> {
  return request<Meeting>(`/api/v1/regional-groups/${groupId}/meetings`, { method: 'POST', body });
}

/** `POST …/meetings/{meeting_id}/follow-ups`: answers the meeting with its follow-ups. */
export function addFollowUp(groupId: number, meetingId: number, body: CreateFollowUpInput): Promise<Meeting> {
  return request<Meeting>(`/api/v1/regional-groups/${groupId}/meetings/${meetingId}/follow-ups`, { method: 'POST', body });
}

/** `PATCH …/follow-ups/{follow_up_id}`: answers the meeting with its follow-ups. */
export function updateFollowUp(groupId: number, meetingId: number, followUpId: number, body: UpdateFollowUpInput): Promise<Meeting> {
  return request<Meeting>(`/api/v1/regional-groups/${groupId}/meetings/${meetingId}/follow-ups/${followUpId}`, { method: 'PATCH', body });
}
