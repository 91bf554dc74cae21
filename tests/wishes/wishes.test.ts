import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsSummary } from '../../server/src/contract/stats.ts';
import type { MemberWishesView, PersonalLinkView, WishList, WishRecord } from '../../server/src/contract/wishes.ts';
import { linkKey, memberLinkFor, personalLinkFor } from '../../server/src/member-link/member-link.ts';
import { signInAs, wallClient, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt } from '../support/tiles.ts';

/**
 * 微心愿: community workers post wishes in their scope; a member opens their own link, sees the open
 * wishes within 3 km of home (nearest first), claims one and fulfils it with a note, and the rule's
 * points reach the ledger exactly once. Community C (the one with most households) and its town A;
 * town B, the farthest from A, is out of every scope but the county admin's.
 */
const database = usePrivateDatabase('wishes');
let server: TestServer;
let secretary: ApiClient & { userId: number };
let planner: ApiClient;
let dispatcher: ApiClient;
const ctx = {} as {
  communityC: string;
  townA: string;
  townB: string;
  pointB: [number, number];
  /** a current member of C whose home lies in C, and their nearest current neighbour */
  member: number;
  neighbour: number;
  home: [number, number];
  /** points at these distances (m) from the member's home, each inside some community (C where it reaches: 150 m is in C) */
  around: Map<number, [number, number]>;
  siteC: number;
  householdC: number;
};

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await server.db.query(sql, params)).rows[0] as T;
}

const distances = [150, 600, 1200, 2500, 2950, 3300];

/** A wish posted by the county admin at a point (its community derived). */
async function postAt(position: [number, number], extra: Record<string, unknown> = {}, as: ApiClient = server.admin): Promise<WishRecord> {
  const answer = await as.send<WishRecord>('POST', '/api/v1/wishes', { title: '测试心愿', detail: '需要帮助', resident_name: '张三丰', position, ...extra });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

/** A member's own page and writes, by a token (a link path without /m/). */
const page = (token: string) => server.anonymous.getJson<MemberWishesView>(`/api/m/${token}/wishes`);
const claim = (token: string, id: number) => server.anonymous.send<MemberWishesView>('POST', `/api/m/${token}/wishes/${id}/claim`);
const fulfil = (token: string, id: number, note: unknown = '已上门安装扶手') =>
  server.anonymous.send<MemberWishesView>('POST', `/api/m/${token}/wishes/${id}/fulfil`, { note });
const tokenOf = (path: string) => path.slice('/m/'.length);
const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

async function personalToken(memberId: number): Promise<string> {
  return tokenOf(personalLinkFor(await linkKey(server.db), memberId, 3600));
}

/** The member's balance and the sum of their ledger, which must agree. */
async function balance(memberId: number): Promise<{ points: number; ledger: number; wishRows: number }> {
  return one(
    `select m.points, (select coalesce(sum(points), 0)::int from member_points where member_id = m.id) as ledger,
            (select count(*)::int from member_points where member_id = m.id and kind = 'wish') as "wishRows"
     from member m where m.id = $1`,
    [memberId],
  );
}

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  const c = await one<{ code: string; parent_code: string }>("select code, parent_code from area where level = 'community' order by households desc limit 1");
  const b = await one<{ code: string; lng: number; lat: number }>(
    `select code, st_x(st_pointonsurface(geom)) as lng, st_y(st_pointonsurface(geom)) as lat from area
     where level = 'town' and code <> $1 order by st_distance(geom, (select geom from area where code = $1)) desc, code limit 1`,
    [c.parent_code],
  );
  Object.assign(ctx, { communityC: c.code, townA: c.parent_code, townB: b.code, pointB: [b.lng, b.lat] });
  const m = await one<{ id: number; lng: number; lat: number }>(
    `select m.id, st_x(m.home) as lng, st_y(m.home) as lat from member m join area a on a.code = $1
     where m.org_area_code = $1 and m.left_on is null and st_contains(a.geom, m.home) order by m.id limit 1`,
    [c.code],
  );
  ctx.member = m.id;
  ctx.home = [m.lng, m.lat];
  ctx.neighbour = (
    await one<{ id: number }>(
      `select n.id from member n, member m where m.id = $1 and n.id <> m.id and n.left_on is null and n.org_area_code = $2
       order by n.home <-> m.home limit 1`,
      [m.id, c.code],
    )
  ).id;
  const { rows } = await server.db.query<{ d: number; lng: number; lat: number }>(
    `select d, st_x(p) as lng, st_y(p) as lat
     from unnest($2::float8[]) d
     cross join lateral (
       select st_project((select home::geography from member where id = $1), d, radians(az))::geometry as p
       from generate_series(0, 350, 10) az
       where exists (select from area a where a.level in ('community', 'village')
                     and st_contains(a.geom, st_project((select home::geography from member where id = $1), d, radians(az))::geometry))
       -- inside C where it reaches that far, so that C's secretary may post and edit there
       order by not st_contains((select geom from area where code = $3), st_project((select home::geography from member where id = $1), d, radians(az))::geometry), az
       limit 1) x`,
    [m.id, distances, c.code],
  );
  ctx.around = new Map(rows.map((r) => [r.d, [r.lng, r.lat]]));
  secretary = await signInAs(server.baseUrl, server.db, 'secretary', c.code);
  planner = await signInAs(server.baseUrl, server.db, 'planner', c.parent_code);
  dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', c.parent_code);
  const place = async (body: Record<string, unknown>) => (await server.admin.send<{ id: number }>('POST', '/api/v1/places', body)).body.id;
  const at = { area_code: c.code, position: ctx.home };
  ctx.siteC = await place({ kind: 'model_site', name: '心愿示范点', ...at });
  const free = await one<{ id: number }>(
    `select m.id from member m where m.org_area_code = $1 and m.left_on is null and m.id not in ($2, $3)
       and not exists (select from place p where p.member_id = m.id and p.closed_on is null) order by m.id limit 1`,
    [c.code, ctx.member, ctx.neighbour],
  );
  ctx.householdC = await place({ kind: 'center_household', name: '心愿中心户', member_id: free.id, ...at });
});
afterAll(async () => {
  await server?.close();
});

describe('posting a wish', () => {
  it('at a point: the community there is its area, the poster and an audit record are kept', async () => {
    const wish = await postAt(ctx.around.get(150)!, {}, secretary);
    expect(wish).toMatchObject({ status: 'open', area_code: ctx.communityC, place: null, resident_name: '张三丰', detail: '需要帮助' });
    expect(wish.posted_by).toEqual({ id: secretary.userId, name: '测试secretary' });
    const audit = await one<{ action: string; user_id: number; scope_code: string }>(
      "select action, user_id, scope_code from audit_log where target_kind = 'wish' and $1 = any(target_ids)",
      [wish.id],
    );
    expect(audit).toEqual({ action: 'wish.post', user_id: secretary.userId, scope_code: ctx.communityC });
  });

  it("at a service position: the place's point and area", async () => {
    const answer = await secretary.send<WishRecord>('POST', '/api/v1/wishes', { title: '阵地心愿', place_id: ctx.siteC });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject({ place: { id: ctx.siteC, name: '心愿示范点' }, area_code: ctx.communityC, resident_name: null });
    expect(answer.body.position[0]).toBeCloseTo(ctx.home[0], 9);
  });

  it('is refused, changing nothing, at a center household, outside the area given, out of scope or outside the territory', async () => {
    const count = async () => (await one<{ n: number }>('select count(*)::int as n from wish')).n;
    const before = await count();
    const refusals: Array<[Record<string, unknown>, number, string]> = [
      [{ place_id: ctx.householdC }, 422, 'place_is_a_home'],
      [{ position: ctx.pointB, area_code: ctx.communityC }, 422, 'outside_area'],
      [{ position: ctx.pointB }, 404, 'not_found'],
      [{ position: [0, 0] }, 422, 'outside_territory'],
      [{ position: ctx.home, place_id: ctx.siteC }, 400, 'invalid_body'],
      [{ place_id: ctx.siteC, area_code: ctx.communityC }, 400, 'invalid_body'],
      [{}, 400, 'invalid_body'],
    ];
    for (const [where, status, code] of refusals) {
      const answer = await secretary.send('POST', '/api/v1/wishes', { title: '不该发布', ...where });
      expect([answer.status, errorCode(answer.body)], JSON.stringify(where)).toEqual([status, code]);
    }
    expect((await planner.send('POST', '/api/v1/wishes', { title: '规划员', position: ctx.home })).status).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('listing and reading', () => {
  it("lists by status, area, words and box, paged by id; the resident's name only for wish.manage or member.read_exact", async () => {
    const wish = await postAt(ctx.around.get(150)!, { title: '检索用心愿甲', resident_name: '李四光' });
    const mine = await secretary.getJson<WishList>(`/api/v1/wishes?q=${encodeURIComponent('检索用心愿')}`);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(mine.body.wishes.map((w) => [w.id, w.resident_name])).toEqual([[wish.id, '李四光']]);
    // the planner and the dispatcher list it without the name, and cannot find it by the name
    for (const reader of [planner, dispatcher]) {
      const listed = await reader.getJson<WishList>(`/api/v1/wishes?q=${encodeURIComponent('检索用心愿')}`);
      expect(listed.body.wishes.map((w) => [w.id, w.resident_name])).toEqual([[wish.id, null]]);
      expect((await reader.getJson<WishList>(`/api/v1/wishes?q=${encodeURIComponent('李四光')}`)).body.wishes).toEqual([]);
      expect((await reader.getJson<WishRecord>(`/api/v1/wishes/${wish.id}`)).body.resident_name).toBeNull();
    }
    expect((await secretary.getJson<WishList>(`/api/v1/wishes?q=${encodeURIComponent('李四光')}`)).body.wishes.map((w) => w.id)).toEqual([wish.id]);

    const [lng, lat] = wish.position;
    const boxed = await secretary.getJson<WishList>(`/api/v1/wishes?bbox=${lng - 0.0001},${lat - 0.0001},${lng + 0.0001},${lat + 0.0001}`);
    expect(boxed.body.wishes.map((w) => w.id)).toContain(wish.id);
    const fulfilled = await server.getJson<WishList>(`/api/v1/wishes?status=fulfilled&area=${ctx.townA}&limit=500`);
    expect(fulfilled.body.wishes.length).toBeGreaterThan(0);
    expect(fulfilled.body.wishes.every((w) => w.status === 'fulfilled' && w.area_code.startsWith(ctx.townA.slice(0, 9)))).toBe(true);

    const all = await server.getJson<WishList>('/api/v1/wishes?limit=500');
    const pages: number[] = [];
    let after: number | null = null;
    do {
      const next: { body: WishList } = await server.getJson<WishList>(`/api/v1/wishes?limit=13${after ? `&after=${after}` : ''}`);
      pages.push(...next.body.wishes.map((w) => w.id));
      after = next.body.next_after;
    } while (after !== null);
    expect(pages).toEqual(all.body.wishes.map((w) => w.id));
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  });

  it('answers 404 or nothing outside the scope', async () => {
    const far = await postAt(ctx.pointB, { title: '乙镇心愿' });
    expect(far.area_code.startsWith(ctx.townB.slice(0, 9))).toBe(true);
    expect((await secretary.getJson(`/api/v1/wishes/${far.id}`)).status).toBe(404);
    expect((await planner.getJson<WishList>(`/api/v1/wishes?area=${ctx.townB}`)).body.wishes).toEqual([]);
    expect((await secretary.send('PATCH', `/api/v1/wishes/${far.id}`, { title: '越权' })).status).toBe(404);
    expect((await secretary.send('POST', `/api/v1/wishes/${far.id}/withdraw`, {})).status).toBe(404);
    const listed = await secretary.getJson<WishList>('/api/v1/wishes?limit=500');
    expect(listed.body.wishes.every((w) => w.area_code === ctx.communityC)).toBe(true);
  });
});

describe('editing and withdrawing', () => {
  it('edits an open wish; a claimed one answers 409 wish_not_open', async () => {
    const wish = await postAt(ctx.around.get(150)!);
    const edited = await secretary.send<WishRecord>('PATCH', `/api/v1/wishes/${wish.id}`, { title: '改过的心愿', resident_name: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: '改过的心愿', resident_name: null, detail: '需要帮助' });
    expect((await claim(await personalToken(ctx.neighbour), wish.id)).status).toBe(200);
    const refused = await secretary.send('PATCH', `/api/v1/wishes/${wish.id}`, { title: '再改' });
    expect([refused.status, errorCode(refused.body)]).toEqual([409, 'wish_not_open']);
  });

  it('withdraws an open wish: off the members’ pages, kept in the list; a second withdrawal answers 409', async () => {
    const wish = await postAt(ctx.around.get(150)!);
    const token = await personalToken(ctx.member);
    expect((await page(token)).body.nearby.map((w) => w.id)).toContain(wish.id);
    const withdrawn = await secretary.send<WishRecord>('POST', `/api/v1/wishes/${wish.id}/withdraw`, { reason: '居民已自行解决' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdraw_reason: '居民已自行解决' });
    expect(withdrawn.body.withdrawn_at).not.toBeNull();
    expect((await page(token)).body.nearby.map((w) => w.id)).not.toContain(wish.id);
    const again = await secretary.send('POST', `/api/v1/wishes/${wish.id}/withdraw`, {});
    expect([again.status, errorCode(again.body)]).toEqual([409, 'wish_not_open']);
    const claimed = await claim(token, wish.id);
    expect([claimed.status, errorCode(claimed.body)]).toEqual([409, 'wish_not_open']);
  });
});

describe("a member's own page", () => {
  it('issues a personal link to a member in scope (audited), 404 out of scope, 403 without registry.edit', async () => {
    const issued = await secretary.send<PersonalLinkView>('POST', `/api/v1/members/${ctx.member}/link`);
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    expect(issued.body.path).toMatch(/^\/m\/[\w-]+\.[\w-]+$/);
    const days = (Date.parse(issued.body.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const audited = await one<{ user_id: number; scope_code: string }>(
      "select user_id, scope_code from audit_log where action = 'member.issue_link' and $1 = any(target_ids)",
      [ctx.member],
    );
    expect(audited).toEqual({ user_id: secretary.userId, scope_code: ctx.communityC });
    const memberB = await one<{ id: number }>('select id from member where org_area_code like $1 order by id limit 1', [`${ctx.townB.slice(0, 9)}%`]);
    expect((await secretary.send('POST', `/api/v1/members/${memberB.id}/link`)).status).toBe(404);
    expect((await dispatcher.send('POST', `/api/v1/members/${ctx.member}/link`)).status).toBe(403);
    const view = await page(tokenOf(issued.body.path));
    expect(view.status).toBe(200);
    expect(view.body.alert).toBe(false);
    // the personal link opens no alert
    const alert = await server.anonymous.getJson(`/api/${issued.body.path.slice(1)}`);
    expect([alert.status, errorCode(alert.body)]).toEqual([404, 'no_alert']);
  });

  it('lists the open wishes within 3 km of home nearest first, as an independent ST_Distance finds them, names masked', async () => {
    const beyond = await postAt(ctx.around.get(3300)!, { title: '太远的心愿' });
    const edge = await postAt(ctx.around.get(2950)!, { title: '边缘的心愿', resident_name: '欧阳修' });
    const { body, status, headers } = await page(await personalToken(ctx.member));
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const { rows: expected } = await server.db.query<{ id: number; d: number }>(
      `select w.id, st_distance(w.geom::geography, m.home::geography) as d
       from wish w, member m where m.id = $1 and w.status = 'open'
         and st_distance(w.geom::geography, m.home::geography) <= 3000
       order by d, w.id limit 50`,
      [ctx.member],
    );
    expect(body.nearby.map((w) => w.id)).toEqual(expected.map((r) => Number(r.id)));
    body.nearby.forEach((w, i) => expect(Math.abs(w.distance_m - expected[i]!.d)).toBeLessThanOrEqual(0.5));
    expect(body.nearby.map((w) => w.id)).toContain(edge.id);
    expect(body.nearby.map((w) => w.id)).not.toContain(beyond.id);
    expect(body.nearby.find((w) => w.id === edge.id)).toMatchObject({ resident: '欧**', place: expect.any(String) as string });
    expect(JSON.stringify(body)).not.toContain('欧阳修');
    expect(JSON.stringify(body)).not.toContain('张三丰');
    expect(body.radius_m).toBe(3000);
    // a wish beyond the radius is not the member's to claim
    const far = await claim(await personalToken(ctx.member), beyond.id);
    expect([far.status, errorCode(far.body)]).toEqual([404, 'not_found']);
  });

  it('claims and fulfils with a note: the rule’s points once, through the ledger, and the balance is the ledger’s sum', async () => {
    const wish = await postAt(ctx.around.get(150)!, { title: '为独居老人安装扶手' });
    const token = await personalToken(ctx.member);
    const rival = await personalToken(ctx.neighbour);
    const start = await balance(ctx.member);
    expect(start.points).toBe(start.ledger);

    const claimed = await claim(token, wish.id);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.mine[0]).toMatchObject({ id: wish.id, status: 'claimed' });
    expect(claimed.body.nearby.map((w) => w.id)).not.toContain(wish.id);
    expect((await claim(token, wish.id)).status).toBe(200); // a second tap changes nothing
    const taken = await claim(rival, wish.id);
    expect([taken.status, errorCode(taken.body)]).toEqual([409, 'wish_taken']);
    const notTheirs = await fulfil(rival, wish.id);
    expect([notTheirs.status, errorCode(notTheirs.body)]).toEqual([409, 'wish_not_claimed']);
    const noNote = await fulfil(token, wish.id, '  ');
    expect([noNote.status, errorCode(noNote.body)]).toEqual([400, 'invalid_body']);

    // two fulfilments at once (a double tap on a slow network): one wins, the other is told
    const answers = await Promise.all([fulfil(token, wish.id), fulfil(token, wish.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const done = answers.find((a) => a.status === 200)!.body;
    const rule = await one<{ points: number }>("select points from points_rule where kind = 'wish'");
    expect(done.member.points).toBe(start.points + rule.points);
    expect(done.points_per_wish).toBe(rule.points);
    expect(done.mine.find((w) => w.id === wish.id)).toMatchObject({ status: 'fulfilled', fulfilment_note: '已上门安装扶手', points: rule.points });
    expect(errorCode(answers.find((a) => a.status === 409)!.body)).toBe('wish_not_open');

    const after = await balance(ctx.member);
    expect(after).toEqual({ points: start.points + rule.points, ledger: start.ledger + rule.points, wishRows: start.wishRows + 1 });
    const entry = await one<{ kind: string; note: string; points: number; entry: number }>(
      `select p.kind::text as kind, p.note, p.points, w.points_entry::int as entry from wish w join member_points p on p.id = w.points_entry where w.id = $1`,
      [wish.id],
    );
    expect(entry).toMatchObject({ kind: 'wish', note: '微心愿：为独居老人安装扶手', points: rule.points });
    const record = await server.getJson<WishRecord>(`/api/v1/wishes/${wish.id}`);
    expect(record.body).toMatchObject({ status: 'fulfilled', fulfilment_note: '已上门安装扶手', points: rule.points });
    expect(record.body.claimed_by).toMatchObject({ id: ctx.member });
    const audits = await server.db.query<{ action: string; user_id: number | null; member: string | null }>(
      "select action, user_id, detail->>'member_id' as member from audit_log where target_kind = 'wish' and $1 = any(target_ids) order by id",
      [wish.id],
    );
    expect(audits.rows.map((r) => [r.action, r.user_id, r.member === null ? null : Number(r.member)])).toEqual([
      ['wish.post', server.admin.userId, null],
      ['wish.claim', null, ctx.member],
      ['wish.fulfil', null, ctx.member],
    ]);
    // withdrawing a fulfilled wish is refused, and the points stay
    const withdrawn = await server.admin.send('POST', `/api/v1/wishes/${wish.id}/withdraw`, {});
    expect([withdrawn.status, errorCode(withdrawn.body)]).toEqual([409, 'wish_not_open']);
    expect(await balance(ctx.member)).toEqual(after);
  });

  it('works with an alert link too; expired, invalid, forged and tampered links change nothing', async () => {
    const key = await linkKey(server.db);
    const alert = await page(tokenOf(memberLinkFor(key, 1, ctx.member)));
    expect(alert.status).toBe(200);
    expect(alert.body.alert).toBe(true);

    const wish = await postAt(ctx.around.get(600)!, { title: '令牌测试' });
    const expired = tokenOf(personalLinkFor(key, ctx.member, 60, Date.now() - 3600_000));
    const valid = await personalToken(ctx.member);
    const [payload, signature] = valid.split('.') as [string, string];
    const forged = `${payload}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { m: number; e: number };
    const tampered = `${Buffer.from(JSON.stringify({ ...claims, m: ctx.neighbour })).toString('base64url')}.${signature}`;
    const cases: Array<[string, number, string]> = [
      [expired, 410, 'link_expired'],
      ['not-a-token', 404, 'not_found'],
      [forged, 404, 'not_found'],
      [tampered, 404, 'not_found'],
      [`${valid}.extra`, 404, 'not_found'],
    ];
    for (const [token, status, code] of cases) {
      for (const answer of [await page(token), await claim(token, wish.id), await fulfil(token, wish.id)]) {
        expect([answer.status, errorCode(answer.body)], token).toEqual([status, code]);
      }
    }
    expect((await one<{ status: string }>('select status::text from wish where id = $1', [wish.id])).status).toBe('open');
  });

  it('refuses claims of a member who left', async () => {
    const wish = await postAt(ctx.around.get(600)!, { title: '离开的党员' });
    const leaver = await one<{ id: number }>(
      'select id from member where org_area_code = $1 and left_on is null and id not in ($2, $3) order by id desc limit 1',
      [ctx.communityC, ctx.member, ctx.neighbour],
    );
    await server.db.query("update member set left_on = current_date, left_reason = '测试' where id = $1", [leaver.id]);
    const token = await personalToken(leaver.id);
    const view = await page(token);
    expect([view.status, view.body.nearby]).toEqual([200, []]);
    const answer = await claim(token, wish.id);
    expect([answer.status, errorCode(answer.body)]).toEqual([409, 'member_left']);
  });
});

describe('the map and the wall', () => {
  it('draws wishes in tiles with id and status only, withdrawn ones left out, scoped', async () => {
    const open = await postAt(ctx.around.get(150)!, { title: '瓦片心愿', resident_name: '王五' });
    const gone = await postAt(ctx.around.get(150)!, { title: '撤回的瓦片心愿' });
    await server.admin.send('POST', `/api/v1/wishes/${gone.id}/withdraw`, {});
    const wall = await wallClient(server.baseUrl, server.db, ctx.townA);
    const [z, x, y] = tileAt(open.position[0], open.position[1], 15);
    const res = await wall.get(`/tiles/wishes/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    const features = decodeLayer(await res.arrayBuffer(), 'wishes');
    expect(features.length).toBeGreaterThan(0);
    for (const f of features) {
      expect(Object.keys(f.properties).sort()).toEqual(['id', 'status']);
      expect(['open', 'claimed', 'fulfilled']).toContain(f.properties.status);
      expect(f.type).toBe(1);
    }
    const ids = features.map((f) => Number(f.properties.id));
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(gone.id);
    const outside = await wallClient(server.baseUrl, server.db, ctx.townB);
    expect(decodeLayer(await (await outside.get(`/tiles/wishes/${z}/${x}/${y}.mvt`)).arrayBuffer(), 'wishes')).toEqual([]);
  });

  it('counts open, claimed and fulfilled-this-year wishes in the key figures, as the table holds them', async () => {
    const wall = await wallClient(server.baseUrl, server.db, ctx.townA);
    const { body } = await wall.getJson<StatsSummary>(`/api/v1/stats/summary?area=${ctx.townA}`);
    const expected = await one<{ open: number; claimed: number; fulfilled_this_year: number }>(
      `select count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'claimed')::int as claimed,
              count(*) filter (where status = 'fulfilled'
                and date_trunc('year', fulfilled_at at time zone 'Asia/Shanghai') = date_trunc('year', now() at time zone 'Asia/Shanghai'))::int as fulfilled_this_year
       from wish where area_code like $1`,
      [`${ctx.townA.slice(0, 9)}%`],
    );
    expect(body.wishes).toEqual(expected);
    expect(body.wishes.open).toBeGreaterThan(0);
    const community = body.children.find((c) => c.code === ctx.communityC)!;
    expect(community.wishes.fulfilled_this_year).toBeGreaterThanOrEqual(1);
  });
});
