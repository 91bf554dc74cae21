import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { LocateResult } from '../../server/src/contract/locate.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage } from './sign-in-page.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
const externalRequests: string[] = [];
const planner = { username: 'e2e_map_planner', password: 'e2e map planner password' };

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server.db, { ...planner, display_name: '地图测试规划员', role: 'planner', scope: demoCounty });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      externalRequests.push(req.url());
    }
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the map page', () => {
  it("renders the grids layer from the project's own tiles, in Chinese, with no internet", async () => {
    // the grids only: a click at the centre must land on the map, not on an organization's dot
    await signInThroughPage(page, server.baseUrl, '/?test=1&layers=grids', planner);
    await page.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    await page.screenshot({ path: path.join(artifactsDir, 'map.png') });
    expect(await page.title()).toMatch(/红网格/);
    const rendered = await page.evaluate(() => {
      const map = (window as unknown as { __redgridMap: { queryRenderedFeatures(o?: object): Array<{ source: string }> } }).__redgridMap;
      return map.queryRenderedFeatures().filter((f) => f.source === 'grids').length;
    });
    expect(rendered).toBeGreaterThan(0);
    expect(externalRequests).toEqual([]);
  });

  it('shows what lies at a clicked point, as the locate API answers it', async () => {
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const lngLat = await page.evaluate(
      ([px, py]) => {
        const map = (window as unknown as { __redgridMap: { unproject(p: [number, number]): { lng: number; lat: number } } }).__redgridMap;
        const canvas = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
        const ll = map.unproject([px! - canvas.left, py! - canvas.top]);
        return [ll.lng, ll.lat];
      },
      [x, y],
    );
    await page.mouse.click(x, y);
    await page.waitForSelector('[data-locate-state="done"], [data-locate-state="error"]', { timeout: 30_000 });
    const expected = await server.getJson<LocateResult>(`/api/v1/locate?lng=${lngLat[0]}&lat=${lngLat[1]}`);
    expect(expected.status).toBe(200);
    expect(await page.getByTestId('locate-grid-code').textContent()).toContain(expected.body.grid!.code);
    expect(await page.getByTestId('locate-community').textContent()).toContain(expected.body.community.name);
    await page.screenshot({ path: path.join(artifactsDir, 'map-locate.png') });
  });
});

describe('each user starts at their own area', () => {
  it('opens a secretary on her community, framed and named, and a click at the centre answers inside it', async () => {
    const { rows } = await server.db.query<{ code: string; name: string; bbox: number[] }>(
      `select code, name, array[st_xmin(geom), st_ymin(geom), st_xmax(geom), st_ymax(geom)] as bbox
       from area where level = 'community' order by households desc limit 1`,
    );
    const community = rows[0]!;
    const secretary = { username: 'e2e_map_secretary', password: 'e2e map secretary password' };
    await createUser(server.db, { ...secretary, display_name: '地图测试书记', role: 'secretary', scope: community.code });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    const own = await context.newPage();
    try {
      // the grids only, as above: the community's committee sits near its centre, and a click on its dot opens its record
      await signInThroughPage(own, server.baseUrl, '/?test=1&layers=grids', secretary);
      await own.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
      const view = await own.evaluate(() => {
        const map = window.__redgridMap!;
        const b = map.getBounds();
        return { zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
      });
      const [w, s, e, n] = community.bbox as [number, number, number, number];
      // the whole community in view, and not much more: far closer than the county's zoom 11
      expect(view.bounds[0]).toBeLessThanOrEqual(w);
      expect(view.bounds[1]).toBeLessThanOrEqual(s);
      expect(view.bounds[2]).toBeGreaterThanOrEqual(e);
      expect(view.bounds[3]).toBeGreaterThanOrEqual(n);
      expect(view.zoom).toBeGreaterThan(13);
      await own.screenshot({ path: path.join(artifactsDir, 'map-secretary.png') });
      // a click where the community has ground near the centre of the view
      const { rows: inside } = await server.db.query<{ x: number; y: number }>(
        'select st_x(p) as x, st_y(p) as y from (select st_pointonsurface(geom) as p from area where code = $1) s',
        [community.code],
      );
      const [px, py] = await own.evaluate(
        ([x, y]) => {
          const p = window.__redgridMap!.project([x!, y!]);
          const canvas = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
          return [canvas.left + p.x, canvas.top + p.y];
        },
        [inside[0]!.x, inside[0]!.y],
      );
      await own.mouse.click(px!, py!);
      await own.waitForSelector('[data-locate-state="done"]', { timeout: 30_000 });
      expect(await own.getByTestId('locate-community').textContent()).toContain(community.name);
    } finally {
      await context.close();
    }
  });
});
