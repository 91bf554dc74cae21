import type { ApiClient } from './api-client.ts';

/**
 * What the authorization matrix and the hostile suite aim the regional endpoints at: a pairing, a
 * list item, a group, a meeting and a follow-up in community C, and the same in town B, made
 * through the API by a county admin. C's pairing and group are of a fresh organization, so they
 * are new wherever they are made.
 */
export type RegionalFixtures = {
  /** a fresh branch of C's committee, paired with community C and leading group C */
  orgC: number;
  pairingC: number;
  itemC: number;
  groupC: number;
  meetingC: number;
  followUpC: number;
  pairingB: number;
  itemB: number;
  groupB: number;
  meetingB: number;
  followUpB: number;
};

export type RegionalPlaces = { communityC: string; committeeC: number; townB: string; orgB: number };

async function created(admin: ApiClient, path: string, body: unknown): Promise<{ id: number; follow_ups?: Array<{ id: number }> }> {
  const answer = await admin.send<{ id: number; follow_ups?: Array<{ id: number }> }>('POST', path, body);
  if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A branch of C's committee, made through the API: a party of pairings and groups no other test holds. */
export async function freshBranchC(admin: ApiClient, at: RegionalPlaces, name = '区域化党建测试支部'): Promise<number> {
  return (await created(admin, '/api/v1/orgs', { name, kind: 'branch', sector: 'community', parent_id: at.committeeC, area_code: at.communityC })).id;
}

/** A running pairing of a fresh branch of C with community C. */
export async function freshPairingC(admin: ApiClient, at: RegionalPlaces): Promise<number> {
  const org = await freshBranchC(admin, at);
  return (await created(admin, '/api/v1/pairings', { org_id: org, partner: { kind: 'area', area_code: at.communityC }, started_on: '2025-01-01' })).id;
}

/** A group of community C led by a fresh branch of C: its id and the lead's. */
export async function freshGroupC(admin: ApiClient, at: RegionalPlaces): Promise<{ id: number; lead: number }> {
  const lead = await freshBranchC(admin, at);
  return { id: (await created(admin, '/api/v1/regional-groups', { name: '测试党建组团', area_code: at.communityC, lead_org_id: lead })).id, lead };
}

/** An item on a list of a pairing (`/api/v1/pairings/{id}`) or a group (`/api/v1/regional-groups/{id}`). */
export async function freshItem(admin: ApiClient, owner: string): Promise<number> {
  return (await created(admin, `${owner}/items`, { list: 'needs', title: '测试需求' })).id;
}

/** The first village or community of a town, asked of the API. */
async function firstUnitOf(admin: ApiClient, town: string): Promise<string> {
  const { body } = await admin.getJson<{ features: Array<{ properties: { code: string; level: string } }> }>(`/api/v1/areas?parent=${town}`);
  const units = body.features.map((f) => f.properties).filter((p) => p.level === 'village' || p.level === 'community');
  return units.map((p) => p.code).sort()[0]!;
}

export async function makeRegionalFixtures(admin: ApiClient, at: RegionalPlaces): Promise<RegionalFixtures> {
  const communityB = await firstUnitOf(admin, at.townB);
  const orgC = await freshBranchC(admin, at);
  const pairingC = (await created(admin, '/api/v1/pairings', { org_id: orgC, partner: { kind: 'area', area_code: at.communityC }, started_on: '2025-01-01' }))
    .id;
  const groupC = (await created(admin, '/api/v1/regional-groups', { name: '测试党建组团', area_code: at.communityC, lead_org_id: orgC })).id;
  const meeting = { held_on: '2026-06-01', place_text: '社区会议室', topic: '测试联席会议', follow_ups: [{ title: '测试督办' }] };
  const meetingC = await created(admin, `/api/v1/regional-groups/${groupC}/meetings`, meeting);
  const pairingB = (await created(admin, '/api/v1/pairings', { org_id: at.orgB, partner: { kind: 'area', area_code: communityB }, started_on: '2025-01-01' }))
    .id;
  const groupB = (await created(admin, '/api/v1/regional-groups', { name: '测试党建组团', area_code: communityB, lead_org_id: at.orgB })).id;
  const meetingB = await created(admin, `/api/v1/regional-groups/${groupB}/meetings`, meeting);
  return {
    orgC,
    pairingC,
    itemC: await freshItem(admin, `/api/v1/pairings/${pairingC}`),
    groupC,
    meetingC: meetingC.id,
    followUpC: meetingC.follow_ups![0]!.id,
    pairingB,
    itemB: await freshItem(admin, `/api/v1/pairings/${pairingB}`),
    groupB,
    meetingB: meetingB.id,
    followUpB: meetingB.follow_ups![0]!.id,
  };
}
