import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { textLayoutProblems } from '../support/text-layout.ts';
import { signInThroughPage } from './sign-in-page.ts';

/**
 * The registry screens (党建台账) in Chromium, as a community's secretary keeps them: she finds her
 * grid branch on the map, opens its members, transfers one to another branch, registers one with a
 * residential community (双报到), credits points, imports a small members file with one bad row
 * (reads the report, skips that row) and sees the branch's member count follow every change.
 */
const ctx = usePrivateDatabase('registry_e2e');
let server: TestServer;
let browser: Browser;
let page: Page;
const secretary = { username: 'e2e_registry_secretary', password: 'e2e registry secretary password', display_name: '台账测试书记' };

interface Branch {
  id: number;
  name: string;
  lng: number;
  lat: number;
}
let community: { code: string; name: string };
let branch: Branch;
let otherBranch: Branch;
let registerWith: { code: string; name: string };

/** Current members of an organization, as the database has them. */
async function membersOf(orgId: number): Promise<number> {
  const { rows } = await ctx.db.query<{ n: number }>('select count(*)::int as n from member where org_id = $1 and left_on is null', [orgId]);
  return rows[0]!.n;
}

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  // a community with a handful of grid branches (legible on the map), the two largest of them
  const { rows: communities } = await ctx.db.query<{ code: string; name: string }>(
    `select a.code, a.name from area a join org o on o.area_code = a.code
      where a.level = 'community' and o.kind = 'branch' and o.grid_code is not null and o.geom is not null
      group by a.code, a.name having count(*) between 5 and 9 order by a.code limit 1`,
  );
  community = communities[0]!;
  const { rows: branches } = await ctx.db.query<Branch>(
    `select o.id::int, o.name, st_x(o.geom) as lng, st_y(o.geom) as lat from org o
      where o.area_code = $1 and o.kind = 'branch' and o.grid_code is not null and o.geom is not null
      order by (select count(*) from member m where m.org_id = o.id) desc, o.id limit 2`,
    [community.code],
  );
  [branch, otherBranch] = [branches[0]!, branches[1]!];
  // an in-service member registers where she lives: here, the secretary's own community
  registerWith = community;
  await createUser(ctx.db, { ...secretary, role: 'secretary', scope: community.code });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Resolves once the map has drawn every tile of its view (after a jump to a record). */
async function mapSettled(p: Page): Promise<void> {
  await p.waitForFunction(() => window.__redgridMap?.areTilesLoaded() === true && !window.__redgridMap.isMoving());
  await p.waitForTimeout(300);
}

/** The page pixel where the map draws a position. */
async function pixelOf(p: Page, lng: number, lat: number): Promise<{ x: number; y: number }> {
  const box = (await p.locator('.registry-map .maplibregl-canvas').boundingBox())!;
  const local = await p.evaluate(([x, y]) => window.__redgridMap!.project([x!, y!]), [lng, lat]);
  return { x: box.x + local.x, y: box.y + local.y };
}

/** A screenshot of the whole record: the page scrolls inside its body, so the window grows to fit it. */
async function tallShot(p: Page, name: string): Promise<void> {
  const height = await p.evaluate(() => {
    const body = document.querySelector('.registry-body')!;
    return body.scrollHeight + body.getBoundingClientRect().top;
  });
  await p.setViewportSize({ width: 1440, height: Math.min(Math.max(900, Math.ceil(height)), 3000) });
  await p.screenshot({ path: path.join(artifactsDir, name) });
  await p.setViewportSize({ width: 1440, height: 900 });
}

describe('the registry screens', () => {
  let memberCount: number;
  let transferred: { id: number; name: string };

  it('opens on the secretary’s community: the organization tree beside the map', async () => {
    await signInThroughPage(page, server.baseUrl, '/registry?test=1', secretary);
    expect(await page.getByTestId('nav-registry').textContent()).toBe('党建台账');
    await page.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=registry-map]')?.getAttribute('data-markers')) > 0);
    // the tree: the tops of her scope; the general branch opens onto its grid branches
    await page.getByTestId('org-tree-name').first().waitFor();
    const toggles = page.getByTestId('org-tree-toggle');
    if ((await toggles.count()) > 0) await toggles.first().click();
    const node = page.locator(`[data-testid=org-tree-name][data-org-id="${branch.id}"]`);
    await node.waitFor();
    expect(await page.locator('.registry-tab[aria-current=page]').textContent()).toBe('组织与地图');
    // a row of the tree shows the organization on the map, with its card
    await node.click();
    await page.waitForURL((url) => url.searchParams.get('focus') === `org:${branch.id}`);
    await page.locator(`[data-testid=registry-focus][data-org-id="${branch.id}"]`).waitFor();
    await mapSettled(page);
    await page.screenshot({ path: path.join(artifactsDir, 'registry-map.png') });
  });

  it('finds the branch on the map: a click on its point opens its record, and the record shows it on the map', async () => {
    const { x, y } = await pixelOf(page, branch.lng, branch.lat);
    await page.mouse.click(x, y);
    await page.waitForURL((url) => url.pathname === `/registry/orgs/${branch.id}`);
    await page.getByTestId('org-record').waitFor();
    expect(await page.getByTestId('org-name').textContent()).toBe(branch.name);
    memberCount = Number(await page.getByTestId('org-member-count').textContent());
    expect(memberCount).toBe(await membersOf(branch.id));

    await page.getByTestId('org-show-on-map').click();
    await page.waitForURL((url) => url.pathname === '/registry' && url.searchParams.get('focus') === `org:${branch.id}`);
    const card = page.getByTestId('registry-focus');
    await card.waitFor();
    expect(await card.getAttribute('data-org-id')).toBe(String(branch.id));
    expect(await page.locator(`[data-testid=org-tree-name][data-org-id="${branch.id}"]`).count()).toBeLessThanOrEqual(1);
    await card.getByTestId('focus-open').click();
    await page.waitForURL((url) => url.pathname === `/registry/orgs/${branch.id}`);
    await page.getByTestId('member-row').first().waitFor();
    await tallShot(page, 'registry-org.png');
  });

  it('opens its members and transfers one to another branch (转接), kept in the history', async () => {
    const first = page.getByTestId('member-row').first();
    transferred = { id: Number(await first.getAttribute('data-member-id')), name: (await first.getByTestId('member-link').textContent())! };
    await first.getByTestId('member-link').click();
    await page.waitForURL((url) => url.pathname === `/registry/members/${transferred.id}`);
    await page.getByTestId('member-record').waitFor();
    expect(await page.getByTestId('member-org').textContent()).toBe(branch.name);

    await page.getByTestId('member-transfer').click();
    // the form refuses to send without an organization, at the field
    await page.getByTestId('member-transfer-submit').click();
    await page.locator('[data-testid=member-transfer-form] [data-field=org_id] .field-error').waitFor();
    await page.getByTestId('member-transfer-org').fill(otherBranch.name.slice(0, 6));
    await page.locator(`[data-testid=member-transfer-org-option][data-org-id="${otherBranch.id}"]`).click();
    await page.getByTestId('member-transfer-reason').fill('工作调动');
    await page.getByTestId('member-transfer-submit').click();
    await page.waitForFunction((name) => document.querySelector('[data-testid=member-org]')?.textContent === name, otherBranch.name);
    await page.locator('[data-testid=member-history-list] [data-action=transferred]').waitFor();
    const { rows } = await ctx.db.query<{ org_id: string }>('select org_id from member where id = $1', [transferred.id]);
    expect(Number(rows[0]!.org_id)).toBe(otherBranch.id);
  });

  it('registers another member with a residential community (双报到) and credits points', async () => {
    await page.goto(`${server.baseUrl}/registry/orgs/${branch.id}`);
    await page.getByTestId('member-row').first().waitFor();
    const row = page.getByTestId('member-row').first();
    const id = Number(await row.getAttribute('data-member-id'));
    expect(id).not.toBe(transferred.id);
    await row.getByTestId('member-link').click();
    await page.getByTestId('member-record').waitFor();

    await page.getByTestId('member-register').click();
    await page.locator(`[data-testid=member-register-community] option[value="${registerWith.code}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('member-register-community').selectOption(registerWith.code);
    await page.getByTestId('member-register-submit').click();
    await page.waitForFunction((name) => document.querySelector('[data-testid=member-registration]')?.textContent?.includes(name) ?? false, registerWith.name);
    await page.locator('[data-testid=member-history-list] [data-action=registered]').waitFor();

    const before = Number(await page.getByTestId('points-balance').getAttribute('data-balance'));
    await page.getByTestId('points-add').click();
    await page.getByTestId('points-kind').selectOption('service');
    await page.getByTestId('points-note').fill('社区志愿服务');
    await page.getByTestId('points-add-submit').click();
    await page.waitForFunction((old) => Number(document.querySelector('[data-testid=points-balance]')?.getAttribute('data-balance')) > old, before);
    expect(await page.locator('[data-testid=points-row][data-kind=service]').count()).toBeGreaterThan(0);
    const { rows } = await ctx.db.query<{ registration_community: string }>('select registration_community from member where id = $1', [id]);
    expect(rows[0]!.registration_community).toBe(registerWith.code);
    await tallShot(page, 'registry-member.png');
  });

  it('imports a members file with one bad row: the dry run reports it, the rest is imported', async () => {
    await page.getByTestId('registry-tab-import').click();
    await page.getByTestId('import-wizard').waitFor();
    const csv = [
      'name,gender,birth_year,org_id,lng,lat',
      `导入党员甲,女,1985,${branch.id},${branch.lng},${branch.lat}`,
      `导入党员乙,未知,1990,${branch.id},${branch.lng},${branch.lat}`,
      `导入党员丙,男,1979,${branch.id},${branch.lng + 0.0005},${branch.lat}`,
    ].join('\r\n');
    await page.getByTestId('import-entity').selectOption('members');
    await page.getByTestId('import-file').setInputFiles({ name: '党员导入.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\r\n`, 'utf8') });
    await page.getByTestId('import-check').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.getAttribute('data-rows')).toBe('3');
    expect(await report.getAttribute('data-good')).toBe('2');
    const bad = page.getByTestId('import-bad-row');
    expect(await bad.count()).toBe(1);
    expect(await bad.first().getAttribute('data-line')).toBe('3');
    expect(await bad.first().textContent()).toContain('gender');
    // nothing written by the dry run
    expect(await membersOf(branch.id)).toBe(memberCount - 1);
    await tallShot(page, 'registry-import.png');

    await page.getByTestId('import-good-rows').click();
    const result = page.locator('[data-testid=import-result][data-status=done]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-created')).toBe('2');
    expect(await result.getAttribute('data-skipped')).toBe('1');
  });

  it('sees the counts change: the branch lost one member to the transfer and gained two by the import', async () => {
    await page.goto(`${server.baseUrl}/registry/orgs/${branch.id}`);
    await page.getByTestId('org-record').waitFor();
    expect(Number(await page.getByTestId('org-member-count').textContent())).toBe(memberCount + 1);
    expect(await membersOf(branch.id)).toBe(memberCount + 1);
    await page.goto(`${server.baseUrl}/registry/orgs/${otherBranch.id}`);
    await page.getByTestId('org-record').waitFor();
    expect(Number(await page.getByTestId('org-member-count').textContent())).toBe(await membersOf(otherBranch.id));
    // the transferred member is found in the other branch's list by name
    await page.getByTestId('org-all-members').click();
    await page.getByTestId('member-filters').waitFor();
    await page.getByTestId('member-filter-q').fill(transferred.name);
    await page.getByTestId('member-filter-apply').click();
    await page.locator(`[data-testid=member-row][data-member-id="${transferred.id}"]`).waitFor();
  });

  it('edits the branch with the problems shown at their fields, and keeps the edit in its history', async () => {
    await page.goto(`${server.baseUrl}/registry/orgs/${branch.id}`);
    await page.getByTestId('org-edit').click();
    await page.getByTestId('org-form').waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid=org-form-name]') as HTMLInputElement | null)?.value !== '');
    await page.getByTestId('org-form-name').fill('');
    await page.getByTestId('org-form-position').fill('东经104度');
    await page.getByTestId('org-form-save').click();
    expect(await page.getByTestId('field-error-name').textContent()).toBe('必填');
    expect(await page.getByTestId('field-error-position').textContent()).toContain('经度, 纬度');
    await page.getByTestId('org-form-name').fill(branch.name);
    await page.getByTestId('org-form-position').fill(`${branch.lng}, ${branch.lat}`);
    await page.getByTestId('org-form-secretary').fill('台账测试书记');
    await page.getByTestId('org-form-save').click();
    await page.waitForURL((url) => url.pathname === `/registry/orgs/${branch.id}`);
    await page.waitForFunction(() => document.querySelector('[data-testid=org-secretary]')?.textContent === '台账测试书记');
    expect(await page.locator('[data-testid=org-history-list] [data-action=edited]').textContent()).toContain('书记');
  });

  it('speaks English when switched, and is usable on a phone', async () => {
    await page.getByTestId('registry-tab-members').click();
    await page.getByTestId('member-filters').waitFor();
    await page.locator('[data-testid=language-switch] button[lang=en]').click();
    expect(await page.locator('.registry-tab[aria-current=page]').textContent()).toBe('Members');
    expect(await page.getByTestId('member-filter-apply').textContent()).toBe('Search');
    await page.locator('[data-testid=language-switch] button[lang=zh-CN]').click();

    // the same session on a phone: under 600 px the record is one column, nothing wider than the screen
    const storageState = await page.context().storageState();
    const phone = await (
      await browser.newContext({ storageState, viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
    ).newPage();
    await phone.goto(`${server.baseUrl}/registry/orgs/${branch.id}`);
    await phone.getByTestId('org-record').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: path.join(artifactsDir, 'registry-phone.png') });
    expect(await textLayoutProblems(phone)).toEqual([]);
    // the map screen: the tree above the map
    await phone.goto(`${server.baseUrl}/registry`);
    await phone.getByTestId('org-tree-name').first().waitFor();
    await phone.screenshot({ path: path.join(artifactsDir, 'registry-phone-map.png') });
    expect(await textLayoutProblems(phone)).toEqual([]);
    await phone.close();
  });
});
