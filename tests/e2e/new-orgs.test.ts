import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { NewOrgRates, TrackingList } from '../../server/src/contract/new-orgs.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage } from './sign-in-page.ts';

/**
 * 两新覆盖 in Chromium, as the county's organization department keeps it: the tool of the 党建一张图
 * shows the formation and coverage rates of every town for both kinds, the uncovered organizations
 * being tracked (挂号) with the overdue ones in red, and one of them is closed as covered (销号) by an
 * instructor: it leaves the list, the ledger names who closed it, and the town's coverage rate follows.
 */
const ctx = usePrivateDatabase('new_orgs_e2e');
let server: TestServer;
let browser: Browser;
let page: Page;
const department = { username: 'e2e_new_orgs_department', password: 'e2e new orgs department password', display_name: '组织部测试员' };
let overdueTown: { code: string; name: string };

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  await createUser(ctx.db, { ...department, role: 'secretary', scope: demoCounty });
  // the town with the most open entries is past its target day
  const { rows } = await ctx.db.query<{ code: string; name: string }>(
    `select a.code, a.name from new_org_tracking t join new_org n on n.id = t.new_org_id
     join area a on a.code = substr(n.area_code, 1, 9) || '000'
     where t.closed_on is null group by a.code, a.name order by count(*) desc, a.code limit 1`,
  );
  overdueTown = rows[0]!;
  const yesterday = await ctx.db.query<{ d: string }>("select ((now() at time zone 'Asia/Shanghai')::date - 1)::text as d");
  expect((await server.admin.send('PUT', `/api/v1/new-orgs/targets/${overdueTown.code}`, { target_on: yesterday.rows[0]!.d })).status).toBe(200);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the new-type organization tool (两新覆盖)', () => {
  it('shows the rates of every town for both kinds, as the API answers them, and the layer’s legend', async () => {
    await signInThroughPage(page, server.baseUrl, '/?layers=new_orgs,grids&tool=new-orgs&test=1', department);
    await page.getByTestId('tool-new-orgs').waitFor();
    await page.getByTestId('new-org-rates-row').first().waitFor();
    const { body } = await server.admin.getJson<NewOrgRates>(`/api/v1/new-orgs/rates?area=${demoCounty}`);
    const rows = page.getByTestId('new-org-rates-row');
    expect(await rows.count()).toBe(body.areas.length);
    for (const a of body.areas) {
      const row = page.locator(`[data-testid=new-org-rates-row][data-code="${a.code}"]`);
      expect(await row.getByTestId('new-org-rates-enterprise-total').textContent()).toBe(String(a.enterprise.total));
      expect(await row.getByTestId('new-org-rates-enterprise-coverage').textContent()).toBe(percent(a.enterprise.coverage_rate));
      expect(await row.getByTestId('new-org-rates-social-formation').textContent()).toBe(percent(a.social_org.formation_rate));
    }
    expect(await page.getByTestId('new-org-totals-enterprise-coverage').textContent()).toBe(percent(body.totals.enterprise.coverage_rate));
    const legend = page.getByTestId('legend-new_orgs');
    await legend.waitFor();
    expect(await legend.locator('li').allTextContents()).toEqual(['按规则覆盖', '以其他方式覆盖', '有党员、未建组织', '无党员、未覆盖']);
  });

  it('lists the uncovered organizations with the overdue ones in red, and closes one as covered (销号)', async () => {
    await page.locator('[data-testid=new-org-tracking][data-state=done]').waitFor();
    const { body } = await server.admin.getJson<TrackingList>('/api/v1/new-orgs/tracking?limit=50');
    const rows = page.getByTestId('new-org-tracking-row');
    expect(await rows.count()).toBe(body.entries.length);
    const overdue = body.entries.filter((e) => e.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    for (const e of overdue) expect(e.town_code).toBe(overdueTown.code);
    const first = overdue[0]!;
    const row = page.locator(`[data-testid=new-org-tracking-row][data-id="${first.new_org.id}"]`);
    expect(await row.getAttribute('data-overdue')).toBe('true');
    expect(await row.getByTestId('new-org-overdue').textContent()).toBe('逾期');
    const red = await row.getByTestId('new-org-overdue').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(red).toBe('rgb(214, 40, 40)');
    await page.screenshot({ path: path.join(artifactsDir, 'new-orgs-tool.png') });

    await row.getByTestId('new-org-cover').click();
    await row.getByTestId('new-org-cover-form').waitFor();
    await row.getByTestId('new-org-cover-mode').selectOption('instructor');
    await row.getByTestId('new-org-cover-instructor').fill('周指导员');
    await page.screenshot({ path: path.join(artifactsDir, 'new-orgs-cover.png') });
    await row.getByTestId('new-org-cover-submit').click();
    await page.getByTestId('new-org-cover-done').waitFor();
    expect(await page.getByTestId('new-org-cover-done').textContent()).toContain(first.new_org.name);
    await row.waitFor({ state: 'detached' });

    const { rows: ledger } = await ctx.db.query<{ coverage_mode: string; instructor_name: string; closed_mode: string; username: string }>(
      `select n.coverage_mode, n.instructor_name, t.closed_mode, u.username
       from new_org n join new_org_tracking t on t.id = $2 join app_user u on u.id = t.closed_by where n.id = $1`,
      [first.new_org.id, first.id],
    );
    expect(ledger[0]).toEqual({ coverage_mode: 'instructor', instructor_name: '周指导员', closed_mode: 'instructor', username: department.username });

    // the town's coverage rate follows
    const after = (await server.admin.getJson<NewOrgRates>(`/api/v1/new-orgs/rates?area=${demoCounty}`)).body.areas.find((a) => a.code === first.town_code)!;
    const rates = after[first.new_org.kind === 'enterprise' ? 'enterprise' : 'social_org'];
    const cell = page
      .locator(`[data-testid=new-org-rates-row][data-code="${first.town_code}"]`)
      .getByTestId(first.new_org.kind === 'enterprise' ? 'new-org-rates-enterprise-coverage' : 'new-org-rates-social-coverage');
    await expect.poll(() => cell.textContent()).toBe(percent(rates.coverage_rate));
    await page.screenshot({ path: path.join(artifactsDir, 'new-orgs-covered.png') });
  });

  it("opens a new-type organization's record from the map's URL: its status and its tracking entry", async () => {
    const { rows } = await ctx.db.query<{ id: string; name: string }>(
      `select n.id, n.name from new_org n join new_org_tracking t on t.new_org_id = n.id and t.closed_on is null
       where substr(n.area_code, 1, 9) || '000' = $1 and n.member_count > 0 order by n.id limit 1`,
      [overdueTown.code],
    );
    await page.goto(`${server.baseUrl}/?layers=new_orgs&open=new_org:${rows[0]!.id}&test=1`);
    const panel = page.locator('[data-testid=feature-panel][data-kind=new_org]');
    await panel.waitFor();
    expect(await panel.getByTestId('feature-title').textContent()).toBe(rows[0]!.name);
    expect(await panel.getByTestId('new-org-status').textContent()).toBe('有党员、未建组织');
    expect(await panel.getByTestId('new-org-tracking').textContent()).toContain('已逾期');
  });
});
