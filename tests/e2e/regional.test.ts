import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { GroupRecord, ListItem, PairingRecord } from '../../server/src/contract/regional.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage } from './sign-in-page.ts';

/**
 * 结对共建 / 区域化党建 on the Party-building map: a secretary of the county's organization
 * department opens the regional tool, moves a pairing's list item along and adds one, then records
 * a joint meeting of a regional group and moves its follow-up along.
 */
let server: TestServer;
let browser: Browser;
let page: Page;
const orgDept = { username: 'e2e_regional', password: 'e2e regional party building password' };
const fixture = {} as { pairing: PairingRecord; item: ListItem; group: GroupRecord };

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server.db, { ...orgDept, display_name: '县委组织部', role: 'secretary', scope: demoCounty });
  // a community's committee pairs with a village of another town: a long arc
  const { rows } = await server.db.query<{ id: number; village: string }>(
    `select o.id::int, v.code as village
     from org o join area a on a.code = o.area_code
     join lateral (select code from area where level = 'village' and parent_code <> a.parent_code order by code limit 1) v on true
     where o.kind = 'committee' and o.closed_on is null and o.geom is not null and a.level = 'community'
       and not exists (select from pairing p where p.org_id = o.id and p.partner_area_code = v.code and p.ended_on is null)
     order by o.id limit 1`,
  );
  const org = rows[0]!;
  const created = await server.admin.send<PairingRecord>('POST', '/api/v1/pairings', {
    org_id: org.id,
    partner: { kind: 'area', area_code: org.village },
    started_on: '2026-01-05',
    content: '浏览器测试共建',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  fixture.pairing = created.body;
  fixture.item = (await server.admin.send<ListItem>('POST', `/api/v1/pairings/${created.body.id}/items`, { list: 'needs', title: '老年食堂场地' })).body;
  const group = await server.db.query<{ id: number }>('select min(id)::int as id from regional_group');
  fixture.group = (await server.admin.getJson<GroupRecord>(`/api/v1/regional-groups/${group.rows[0]!.id}`)).body;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the regional tool', () => {
  it("opens a pairing from the list, fits the map to its arc, moves an item's status and adds an item", async () => {
    await signInThroughPage(page, server.baseUrl, '/?test=1&tool=regional', orgDept);
    await page.getByTestId('tool-regional').waitFor();
    await page.getByTestId('tool-tab-regional').waitFor();
    // the newest pairing is on a later page of the list
    const row = page.getByTestId(`pairing-row-${fixture.pairing.id}`);
    await page.waitForSelector('[data-testid="pairings-section"][data-loading="false"]', { timeout: 15_000 });
    while ((await row.count()) === 0) {
      await page.getByTestId('pairings-more').click();
      await page.waitForSelector('[data-testid="pairings-section"][data-loading="false"]');
    }
    await row.click();
    await page.waitForSelector(`[data-testid="pairing-detail"][data-id="${fixture.pairing.id}"][data-state="done"]`);
    expect(await page.getByTestId('pairing-title').textContent()).toContain(fixture.pairing.partner.name);

    // the map shows the arc whole: both ends inside the view
    const arc = await server.admin.getJson<{ features: Array<{ id: number; geometry: { coordinates: [number, number][] } }> }>('/api/v1/pairings/arcs');
    const ends = arc.body.features.find((f) => f.id === fixture.pairing.id)!.geometry.coordinates;
    await page.waitForFunction((points) => {
      const map = (window as unknown as { __redgridMap: { getBounds(): { contains(p: [number, number]): boolean } } }).__redgridMap;
      return points.every((p) => map.getBounds().contains(p));
    }, ends);

    const status = page.getByTestId(`item-status-${fixture.item.id}`);
    await status.selectOption('in_progress');
    await page.waitForSelector(`[data-testid="list-item-${fixture.item.id}"][data-status="in_progress"]`);
    // done cannot become cancelled: the select offers only what the flow allows
    await page.getByTestId(`item-status-${fixture.item.id}`).selectOption('done');
    await page.waitForSelector(`[data-testid="list-item-${fixture.item.id}"][data-status="done"]`);
    const offered = await page
      .getByTestId(`item-status-${fixture.item.id}`)
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['done', 'open']);

    await page.getByTestId('item-add-list').selectOption('resources');
    await page.getByTestId('item-add-title').fill('医疗义诊');
    await page.getByTestId('item-add-submit').click();
    await page.getByTestId('list-resources').getByText('医疗义诊').waitFor();
    const record = (await server.admin.getJson<PairingRecord>(`/api/v1/pairings/${fixture.pairing.id}`)).body;
    expect(record.lists.needs.map((i) => [i.title, i.status])).toEqual([['老年食堂场地', 'done']]);
    expect(record.lists.resources.map((i) => [i.title, i.status])).toEqual([['医疗义诊', 'open']]);
    await page.screenshot({ path: path.join(artifactsDir, 'regional-pairing.png') });
  });

  it("records a regional group's joint meeting and moves its follow-up along", async () => {
    await page.getByTestId('regional-back').click();
    await page.getByTestId('regional-tab-groups').click();
    await page.getByTestId(`group-row-${fixture.group.id}`).click();
    await page.waitForSelector(`[data-testid="group-detail"][data-id="${fixture.group.id}"][data-state="done"]`);
    const lead = fixture.group.members.find((m) => m.is_lead)!;
    await page.waitForSelector(`[data-testid="group-member-${lead.org_id}"][data-lead="true"]`);

    await page.getByTestId('meeting-add').click();
    await page.getByTestId('meeting-held-on').fill('2026-06-18');
    await page.getByTestId('meeting-place').fill('街道党群服务中心二楼会议室');
    await page.getByTestId('meeting-topic').fill('第二季度联席会议');
    await page.getByTestId('meeting-attendees').fill('18');
    await page.getByTestId('meeting-resolutions').fill('共建文化广场\n开展义诊进社区');
    await page.getByTestId('meeting-follow-ups').fill('落实广场选址');
    await page.getByTestId('meeting-submit').click();

    const group = async () => (await server.admin.getJson<GroupRecord>(`/api/v1/regional-groups/${fixture.group.id}`)).body;
    await expect.poll(async () => (await group()).meetings.length, { timeout: 10_000 }).toBe(fixture.group.meetings.length + 1);
    const meeting = (await group()).meetings.find((m) => m.topic === '第二季度联席会议')!;
    expect(meeting).toMatchObject({ held_on: '2026-06-18', place: { place_id: null, name: '街道党群服务中心二楼会议室' }, attendee_count: 18 });
    expect(meeting.resolutions).toEqual(['共建文化广场', '开展义诊进社区']);
    await page.getByTestId(`meeting-${meeting.id}`).waitFor();
    expect(await page.getByTestId(`meeting-resolutions-${meeting.id}`).textContent()).toContain('开展义诊进社区');

    const followUp = meeting.follow_ups[0]!;
    await page.getByTestId(`follow-up-status-${followUp.id}`).selectOption('in_progress');
    await page.waitForSelector(`[data-testid="follow-up-${followUp.id}"][data-status="in_progress"]`);
    expect((await group()).meetings.find((m) => m.id === meeting.id)!.follow_ups[0]!.status).toBe('in_progress');
    await page.screenshot({ path: path.join(artifactsDir, 'regional-group.png') });
  });

  it('draws pairings and regional groups as layers with their legends', async () => {
    const answered = (path: string) => page.waitForResponse((r) => new URL(r.url()).pathname === path && r.status() === 200);
    const [arcs, outlines] = [answered('/api/v1/pairings/arcs'), answered('/api/v1/regional-groups/outlines')];
    await page.goto(`${server.baseUrl}/?test=1&layers=pairings,regional_groups,grids`);
    await page.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    expect(((await (await arcs).json()) as { features: unknown[] }).features.length).toBeGreaterThan(100);
    expect(((await (await outlines).json()) as { features: unknown[] }).features.length).toBeGreaterThanOrEqual(5);
    await page.getByTestId('legend-pairings').waitFor();
    await page.getByTestId('legend-regional_groups').waitFor();
    expect(await page.getByTestId('legend-pairings').textContent()).toContain('结对村/社区');
    expect(await page.getByTestId('legend-regional_groups').textContent()).toContain('党建组团范围');
    await page.screenshot({ path: path.join(artifactsDir, 'regional-layers.png') });
  });
  it('opens a clicked outline as its group, and a pairing named in the URL as its record', async () => {
    const { body } = await server.admin.getJson<{ features: Array<{ id: number; geometry: unknown }> }>('/api/v1/regional-groups/outlines');
    const outline = body.features.find((f) => f.id === fixture.group.id)!;
    const { rows } = await server.db.query<{ lng: number; lat: number }>(
      'select st_x(p) as lng, st_y(p) as lat from (select st_pointonsurface(st_setsrid(st_geomfromgeojson($1), 4326)) as p) s',
      [JSON.stringify(outline.geometry)],
    );
    const at = [rows[0]!.lng, rows[0]!.lat] as const;
    await page.goto(`${server.baseUrl}/?test=1&layers=regional_groups`);
    await page.waitForSelector('[data-testid="legend-regional_groups"]');
    await page.waitForFunction(() => (window as unknown as { __redgridMap?: { loaded(): boolean } }).__redgridMap?.loaded() === true, undefined, {
      timeout: 90_000,
    });
    await page.evaluate((center) => {
      const map = (window as unknown as { __redgridMap: { jumpTo(o: object): void } }).__redgridMap;
      map.jumpTo({ center, zoom: 14 });
    }, at);
    const point = await page.evaluate((p) => {
      const map = (window as unknown as { __redgridMap: { project(p: readonly [number, number]): { x: number; y: number } } }).__redgridMap;
      const canvas = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
      const xy = map.project(p);
      return [canvas.left + xy.x, canvas.top + xy.y];
    }, at);
    // the outlines come in before one can be picked; where groups overlap, the topmost answers
    await expect
      .poll(
        async () => {
          await page.mouse.click(point[0]!, point[1]!);
          return page.locator('[data-testid="feature-panel"][data-kind="regional_group"]').count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    await page.getByTestId('group-feature').waitFor();
    expect(await page.getByTestId('feature-title').textContent()).toMatch(/联盟|组团/);

    await page.goto(`${server.baseUrl}/?test=1&layers=pairings&open=pairing:${fixture.pairing.id}`);
    await page.getByTestId('pairing-feature').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('feature-title').textContent()).toContain(fixture.pairing.partner.name);
    expect(await page.getByTestId('pairing-feature').textContent()).toContain('需求清单：1');
  });
});
