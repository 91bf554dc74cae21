import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../../server/src/auth/tokens.ts';
import { linkKey, memberLinkFor } from '../../server/src/member-link/member-link.ts';
import { signIn, signInAs, testPassword, type ApiClient } from '../support/api-client.ts';
import { makeRegionalFixtures, type RegionalFixtures } from '../support/regional-fixtures.ts';
import { demoCounty, type TestServer } from '../support/test-server.ts';
import type { Caller } from './hostile-case.ts';
import { rawRequest } from './raw-request.ts';

/**
 * What the hostile cases aim at. Callers hold their roles over town A (the secretary over
 * community C inside it); B is the town farthest from A, so B's rows are out of their scope.
 */
export type HostileContext = {
  townA: string;
  townB: string;
  communityC: string;
  pointC: { lng: number; lat: number };
  pointB: { lng: number; lat: number };
  bboxC: string;
  /** a grid of community C, and one of town B */
  gridC: string;
  gridB: string;
  /** a draft plan of community C (opened by the county admin) and its ETag, which no case changes */
  planC: number;
  planCTag: string;
  /** a plan of town B */
  planB: number;
  planBTag: string;
  memberC: number;
  memberB: number;
  orgB: number;
  /** community C's committee: it has members and children, so it never closes */
  orgC: number;
  caseA: number;
  caseB: number;
  closedCaseA: number;
  dispatchA: number;
  dispatchB: number;
  alertedMemberA: number;
  wallTokenIdA: number;
  wallTokenIdB: number;
  /** member links (`/m/...`) of an alert in dispatch A: valid, expired, and with a forged signature */
  link: string;
  expiredLink: string;
  forgedLink: string;
  /** service positions: a center household and a model site of community C (made here), and a place of town B */
  householdC: number;
  siteC: number;
  placeB: number;
  /** the county admin's username (taken) */
  adminUsername: string;
  adminUserId: number;
  callers: Record<Caller, Record<string, string>>;
  /** new-type organizations: an uncovered one of community C with members, an uncovered one of town B */
  newOrgC: number;
  newOrgB: number;
  /** 区域化党建: a pairing, list item, group, meeting and follow-up of community C and of town B */
  regional: RegionalFixtures;
  /** open wishes posted by the county admin at C's point (one to claim and fulfil, one to edit and withdraw) and at B's */
  wishC: number;
  wishOpenC: number;
  wishB: number;
  /** model belts: a belt of community C through two model sites made there, and a belt and a model site of town B */
  beltC: number;
  beltSitesC: [number, number];
  beltB: number;
  beltSiteB: number;
};

const sessionHeaders = (client: ApiClient) => ({ cookie: client.cookie, 'x-csrf-token': client.csrfToken });

async function newWallToken(server: TestServer, scope: string, revoked = false): Promise<{ id: number; token: string }> {
  const token = newToken();
  const { rows } = await server.db.query<{ id: number }>(
    `insert into wall_token (name, token_hash, scope_code, revoked_at) values ('恶意输入', $1, $2, ${revoked ? 'now()' : 'null'}) returning id`,
    [hashToken(token), scope],
  );
  return { id: rows[0]!.id, token };
}

export async function buildHostileContext(server: TestServer): Promise<HostileContext> {
  const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query(sql, params)).rows[0] as T;
  const c = await one<{ code: string; parent_code: string; lng: number; lat: number; bbox: string }>(
    `select code, parent_code, st_x(p) as lng, st_y(p) as lat,
            concat_ws(',', round(st_xmin(b)::numeric, 6), round(st_ymin(b)::numeric, 6), round(st_xmax(b)::numeric, 6), round(st_ymax(b)::numeric, 6)) as bbox
     from (select code, parent_code, st_pointonsurface(geom) as p, st_envelope(st_buffer(st_pointonsurface(geom), 0.01)) as b
           from area where level = 'community' order by households desc limit 1) s`,
  );
  const b = await one<{ code: string; lng: number; lat: number }>(
    `select code, st_x(p) as lng, st_y(p) as lat
     from (select code, geom, st_pointonsurface(geom) as p from area where level = 'town' and code <> $1) t
     order by st_distance(geom, (select geom from area where code = $1)) desc, code limit 1`,
    [c.parent_code],
  );
  const memberC = await one<{ id: number }>('select m.id from member m join org o on o.id = m.org_id where o.area_code = $1 order by m.id limit 1', [c.code]);
  const gridC = await one<{ code: string }>('select min(code) as code from grid where community_code = $1', [c.code]);
  const gridB = await one<{ code: string }>('select min(code) as code from grid where community_code like $1', [`${b.code.slice(0, 9)}%`]);
  const memberB = await one<{ id: number; org_id: number }>(
    'select m.id, m.org_id from member m join org o on o.id = m.org_id where o.area_code like $1 order by m.id limit 1',
    [`${b.code.slice(0, 9)}%`],
  );

  const orgC = await one<{ id: number }>("select min(id) as id from org where area_code = $1 and kind = 'committee'", [c.code]);
  const admin = sessionHeaders(server.admin);
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const answer = await rawRequest(server.baseUrl, {
      method: 'POST',
      path,
      headers: { ...admin, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (answer.status >= 300) throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
    return JSON.parse(answer.text) as { id: number };
  };
  const newCase = async (point: { lng: number; lat: number }) =>
    (await post('/api/v1/cases', { kind: 'test', title: '恶意输入测试', ...point }, { 'idempotency-key': randomUUID() })).id;
  const caseA = await newCase(c);
  const caseB = await newCase(b);
  const closedCaseA = await newCase(c);
  await post(`/api/v1/cases/${closedCaseA}/close`, {});
  const dispatchA = (await post(`/api/v1/cases/${caseA}/dispatch`, { radius: 2000, waveSize: 2, target: 1 })).id;
  const dispatchB = (await post(`/api/v1/cases/${caseB}/dispatch`, { radius: 2000, waveSize: 2, target: 1 })).id;
  const alerted = await one<{ member_id: number }>('select member_id from dispatch_alert where dispatch_id = $1 order by member_id limit 1', [dispatchA]);

  const key = await linkKey(server.db);
  const link = memberLinkFor(key, dispatchA, alerted.member_id);
  const expiredLink = memberLinkFor(key, dispatchA, alerted.member_id, Date.now() - 3 * 24 * 3600 * 1000);
  const forgedLink = `${link.slice(0, -4)}${link.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;

  const openPlan = async (community: string) => {
    const created = await server.admin.send<{ id: number }>('POST', '/api/v1/plans', { community_code: community, title: '恶意输入' });
    return { id: created.body.id, tag: created.headers.get('etag')! };
  };
  const planC = await openPlan(c.code);
  const planB = await openPlan(
    (await one<{ code: string }>("select min(code) as code from area where parent_code = $1 and level in ('community', 'village')", [b.code])).code,
  );
  const freeMemberC = await one<{ id: number }>(
    `select m.id from member m join org o on o.id = m.org_id
     where o.area_code = $1 and not exists (select from place p where p.member_id = m.id and p.closed_on is null) order by m.id limit 1`,
    [c.code],
  );
  const placeAt = { area_code: c.code, position: [c.lng, c.lat] };
  const householdC = (await post('/api/v1/places', { kind: 'center_household', name: '恶意输入中心户', member_id: freeMemberC.id, ...placeAt })).id;
  const siteC = (await post('/api/v1/places', { kind: 'model_site', name: '恶意输入示范点', ...placeAt })).id;
  const placeB = await one<{ id: number }>('select id from place where area_code like $1 order by id limit 1', [`${b.code.slice(0, 9)}%`]);
  const adminA = await signInAs(server.baseUrl, server.db, 'admin', c.parent_code);
  const wallA = await newWallToken(server, c.parent_code);
  const wallB = await newWallToken(server, b.code);
  const revoked = await newWallToken(server, c.parent_code, true);
  const expired = await signInAs(server.baseUrl, server.db, 'planner', c.parent_code);
  await server.db.query("update user_session set expires_at = now() - interval '1 hour' where user_id = $1", [expired.userId]);
  const signedOut = await signInAs(server.baseUrl, server.db, 'planner', c.parent_code);
  await rawRequest(server.baseUrl, { method: 'POST', path: '/api/v1/auth/sign-out', headers: sessionHeaders(signedOut) });
  const disabled = await signInAs(server.baseUrl, server.db, 'dispatcher', c.parent_code);
  await server.db.query('update app_user set disabled = true where id = $1', [disabled.userId]);

  /** Two model sites at points of the area (the same two each run) and a belt through them. */
  const beltIn = async (code: string) => {
    const { rows } = await server.db.query<{ lng: number; lat: number }>(
      'select st_x(p.geom) as lng, st_y(p.geom) as lat from st_dump(st_generatepoints((select geom from area where code = $1), 2, 1)) p order by p.path',
      [code],
    );
    const sites: number[] = [];
    for (const p of rows)
      sites.push((await post('/api/v1/places', { kind: 'model_site', name: '恶意输入示范带站点', area_code: code, position: [p.lng, p.lat] })).id);
    const belt = (await post('/api/v1/belts', { name: '恶意输入示范带', area_code: code, site_ids: sites })).id;
    return { belt, sites: sites as [number, number] };
  };
  const beltC = await beltIn(c.code);
  const beltB = await beltIn(
    (await one<{ code: string }>("select min(code) as code from area where parent_code = $1 and level in ('community', 'village')", [b.code])).code,
  );

  return {
    townA: c.parent_code,
    townB: b.code,
    communityC: c.code,
    pointC: { lng: c.lng, lat: c.lat },
    pointB: { lng: b.lng, lat: b.lat },
    bboxC: c.bbox,
    gridC: gridC.code,
    gridB: gridB.code,
    memberC: memberC.id,
    memberB: memberB.id,
    orgB: memberB.org_id,
    orgC: orgC.id,
    caseA,
    caseB,
    closedCaseA,
    dispatchA,
    dispatchB,
    alertedMemberA: alerted.member_id,
    wallTokenIdA: wallA.id,
    wallTokenIdB: wallB.id,
    link,
    expiredLink,
    forgedLink,
    planC: planC.id,
    planCTag: planC.tag,
    planB: planB.id,
    planBTag: planB.tag,
    householdC,
    siteC,
    placeB: placeB.id,
    adminUsername: server.admin.username,
    adminUserId: server.admin.userId,
    callers: {
      anonymous: {},
      admin,
      adminA: sessionHeaders(adminA),
      dispatcherA: sessionHeaders(await signInAs(server.baseUrl, server.db, 'dispatcher', c.parent_code)),
      secretaryC: sessionHeaders(await signInAs(server.baseUrl, server.db, 'secretary', c.code)),
      plannerA: sessionHeaders(await signInAs(server.baseUrl, server.db, 'planner', c.parent_code)),
      wallA: { authorization: `Bearer ${wallA.token}` },
      noCsrf: { cookie: adminA.cookie },
      wrongCsrf: { cookie: adminA.cookie, 'x-csrf-token': 'not-the-token' },
      forgedBearer: { authorization: `Bearer ${newToken()}` },
      revokedBearer: { authorization: `Bearer ${revoked.token}` },
      expiredSession: sessionHeaders(expired),
      signedOutSession: sessionHeaders(signedOut),
      disabledUser: sessionHeaders(disabled),
      forgedCookie: { cookie: `rg_session=${newToken()}`, 'x-csrf-token': 'forged' },
    },
    newOrgC: Number(
      (await one<{ id: string }>('select min(id) as id from new_org where area_code = $1 and coverage_mode is null and member_count > 0', [c.code])).id,
    ),
    newOrgB: Number(
      (await one<{ id: string }>('select min(id) as id from new_org where area_code like $1 and coverage_mode is null', [`${b.code.slice(0, 9)}%`])).id,
    ),
    regional: await makeRegionalFixtures(server.admin, { communityC: c.code, committeeC: orgC.id, townB: b.code, orgB: memberB.org_id }),
    wishC: (await post('/api/v1/wishes', { title: '恶意输入心愿', resident_name: '钱七', position: [c.lng, c.lat] })).id,
    wishOpenC: (await post('/api/v1/wishes', { title: '恶意输入心愿二', position: [c.lng, c.lat] })).id,
    wishB: (await post('/api/v1/wishes', { title: '恶意输入心愿乙', position: [b.lng, b.lat] })).id,
    beltC: beltC.belt,
    beltSitesC: beltC.sites,
    beltB: beltB.belt,
    beltSiteB: beltB.sites[0],
  };
}

export { demoCounty, signIn, testPassword };
