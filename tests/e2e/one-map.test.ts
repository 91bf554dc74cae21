import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { AreaPanel } from '../../server/src/contract/area-panel.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage } from './sign-in-page.ts';

/**
 * 党建一张图: a user of the county's organization department (a secretary over the county) turns
 * layers on and off, finds a grid by its code and an organization by its name, and reads the area panel.
 */
let server: TestServer;
let browser: Browser;
let page: Page;
const orgDept = { username: 'e2e_org_dept', password: 'e2e organization department password' };

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server.db, { ...orgDept, display_name: '县委组织部', role: 'secretary', scope: demoCounty });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const search = async (text: string, kind: string) => {
  await page.getByTestId('one-map-search').fill(text);
  const hit = page.locator(`[data-testid="one-map-search-result"][data-kind="${kind}"]`).first();
  await hit.waitFor({ timeout: 15_000 });
  await hit.click();
};
const urlParam = (name: string) => new URL(page.url()).searchParams.get(name);

describe('the Party-building map', () => {
  it('turns layers on and off, remembers them in the URL and keeps the legend in step', async () => {
    await signInThroughPage(page, server.baseUrl, '/?test=1', orgDept);
    await page.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    expect(urlParam('layers')).toBe(null);
    await expect(page.getByTestId('layer-toggle-orgs').isChecked()).resolves.toBe(true);

    await page.getByTestId('layer-toggle-density').check();
    await page.getByTestId('layer-toggle-places').uncheck();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('layers') === 'orgs,grids,density');
    await page.getByTestId('legend-density').waitFor();
    expect(await page.getByTestId('legend-places').count()).toBe(0);

    await page.getByTestId('org-kind-group').uncheck();
    await page.getByTestId('org-sector').selectOption('community');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sector') === 'community');
    expect(urlParam('orgKinds')).toBe('committee,general_branch,branch');

    // a reload keeps the choice
    await page.reload();
    await page.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    await expect(page.getByTestId('layer-toggle-places').isChecked()).resolves.toBe(false);
    await expect(page.getByTestId('layer-toggle-density').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('org-kind-group').isChecked()).resolves.toBe(false);

    // the grid lines are the basemap's: off means hidden there
    await page.getByTestId('layer-toggle-grids').uncheck();
    await page.waitForFunction(() => {
      const map = (window as unknown as { __redgridMap: { getLayoutProperty(id: string, p: string): unknown } }).__redgridMap;
      return map.getLayoutProperty('grids-line', 'visibility') === 'none';
    });
    await page.getByTestId('layer-toggle-grids').check();
    await page.getByTestId('layer-toggle-places').check();
    await page.getByTestId('org-kind-group').check();
    await page.getByTestId('org-sector').selectOption('');
  });

  it('finds a grid by its code and opens its panel: branch, leader, members counted', async () => {
    const { rows } = await server.db.query<{ code: string }>(
      `select g.code from grid g where g.retired_at is null and exists (select 1 from org o where o.grid_code = g.code and o.closed_on is null)
         and exists (select 1 from grid_staff s where s.grid_code = g.code and s.role = 'grid_leader') order by g.code limit 1`,
    );
    const code = rows[0]!.code;
    await search(code, 'grid');
    const panel = page.getByTestId('area-panel');
    await page.waitForSelector(`[data-testid="area-panel"][data-code="${code}"][data-state="done"]`, { timeout: 15_000 });
    expect(urlParam('open')).toBe(`grid:${code}`);
    const expected = (await server.getJson<AreaPanel>(`/api/v1/grids/${code}/panel`)).body;
    expect(await panel.getByTestId('area-panel-members').textContent()).toBe(String(expected.members.total));
    expect(await panel.getByTestId('area-panel-leader').textContent()).toBe(expected.grids.leader!.name);
    expect(await panel.getByTestId('area-panel-with-branch').textContent()).toBe('1 / 1');
    await page.screenshot({ path: path.join(artifactsDir, 'one-map-grid-panel.png') });
  });

  it('finds an organization by its name, opens its record and from there its area panel', async () => {
    const { rows } = await server.db.query<{ id: number; name: string; area_code: string }>(
      `select id::int, name, area_code from org where closed_on is null and geom is not null and kind = 'committee' order by id limit 1`,
    );
    const org = rows[0]!;
    await search(org.name, 'org');
    await page.waitForSelector(`[data-testid="feature-panel"][data-kind="org"][data-ref="${org.id}"]`);
    await page.getByTestId('feature-title').filter({ hasText: org.name }).waitFor();
    await page.getByTestId('feature-area-panel').click();
    await page.waitForSelector(`[data-testid="area-panel"][data-code="${org.area_code}"][data-state="done"]`, { timeout: 15_000 });
    const expected = (await server.getJson<AreaPanel>(`/api/v1/areas/${org.area_code}/panel`)).body;
    expect(await page.getByTestId('area-panel-orgs').textContent()).toContain(org.name);
    expect(await page.getByTestId('area-panel-grids').textContent()).toBe(String(expected.grids.total));
    const enterprise = expected.new_orgs.enterprise;
    const rate = enterprise.formation_rate === null ? '—' : `${(enterprise.formation_rate * 100).toFixed(1)}%`;
    expect(await page.getByTestId('area-panel-rates-enterprise').textContent()).toContain(rate);
  });

  it('opens a clicked organization dot as its record', async () => {
    const { rows } = await server.db.query<{ id: number; lng: number; lat: number }>(
      `select id::int, st_x(geom) as lng, st_y(geom) as lat from org where closed_on is null and geom is not null and kind = 'committee' order by id desc limit 1`,
    );
    const org = rows[0]!;
    await page.goto(`${server.baseUrl}/?test=1&layers=orgs&orgKinds=committee`);
    await page.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    await page.evaluate(
      ([lng, lat]) => {
        const map = (window as unknown as { __redgridMap: { jumpTo(o: object): void } }).__redgridMap;
        map.jumpTo({ center: [lng, lat], zoom: 15 });
      },
      [org.lng, org.lat],
    );
    const point = await page.evaluate(
      ([lng, lat]) => {
        const map = (window as unknown as { __redgridMap: { project(p: [number, number]): { x: number; y: number } } }).__redgridMap;
        const canvas = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
        const p = map.project([lng!, lat!]);
        return [canvas.left + p.x, canvas.top + p.y];
      },
      [org.lng, org.lat],
    );
    // the tiles of the new view come in before the dot can be picked
    await expect
      .poll(
        async () => {
          await page.mouse.click(point[0]!, point[1]!);
          return page.locator(`[data-testid="feature-panel"][data-kind="org"][data-ref="${org.id}"]`).count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
  });
});
