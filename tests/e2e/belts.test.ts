import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { BeltRecord } from '../../server/src/contract/belts.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage } from './sign-in-page.ts';

/**
 * 示范带 in Chromium, as a user of the organization department (组织部: the county's registry
 * keeper) draws one on the Party-building map: she opens the belts tool, looks at a demo belt and
 * its counts, then clicks three model sites in order, reorders them, sets the corridor's width,
 * sees the route follow the roads and saves it; she widens it and finally deletes it.
 */
const ctx = usePrivateDatabase('belts_e2e');
let server: TestServer;
let browser: Browser;
let page: Page;
const keeper = { username: 'e2e_belts_keeper', password: 'e2e belts keeper password', display_name: '组织部测试用户' };
type Site = { id: number; name: string; lng: number; lat: number };
let sites: Site[];

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  // the first three sites of the demo's first belt: village model sites on the village roads of one town
  const { rows } = await ctx.db.query<Site>(
    `select p.id::int, p.name, st_x(p.geom) as lng, st_y(p.geom) as lat
     from belt_site s join place p on p.id = s.place_id where s.belt_id = 1 order by s.seq limit 3`,
  );
  sites = rows;
  await createUser(ctx.db, { ...keeper, role: 'secretary', scope: demoCounty });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function mapSettled(p: Page): Promise<void> {
  await p.waitForFunction(() => window.__redgridMap?.areTilesLoaded() === true && !window.__redgridMap.isMoving());
  await p.waitForTimeout(300);
}

/** The page pixel where the map draws a position. */
async function pixelOf(p: Page, lng: number, lat: number): Promise<{ x: number; y: number }> {
  const box = (await p.locator('.maplibregl-canvas').boundingBox())!;
  const local = await p.evaluate(([x, y]) => window.__redgridMap!.project([x!, y!]), [lng, lat]);
  return { x: box.x + local.x, y: box.y + local.y };
}

const siteRows = () => page.getByTestId('belt-site-row');
const rowIds = async () => (await siteRows().evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-site-id'))))) as number[];

describe('the belts tool', () => {
  it('lists the belts in scope and shows one whole, with what its corridor holds', async () => {
    await signInThroughPage(page, server.baseUrl, '/?tool=belts&test=1', keeper);
    await page.getByTestId('tool-belts').waitFor();
    await page.locator('[data-testid=belt-list][data-state=done]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('belt-row').count()).toBe(3);
    await page.locator('[data-testid=belt-row][data-belt-id="1"]').click();
    await page.locator('[data-testid=belt-record][data-state=done]').waitFor();
    const demo = (await server.getJson<BeltRecord>('/api/v1/belts/1')).body;
    expect(await page.getByTestId('belt-name').textContent()).toBe(demo.name);
    expect(Number(await page.getByTestId('belt-count-members').textContent())).toBe(demo.counts.members);
    expect(Number(await page.getByTestId('belt-count-model_site').textContent())).toBe(demo.counts.places.model_site);
    expect(await page.getByTestId('belt-record-site').count()).toBe(demo.sites.length);
    await mapSettled(page);
    // the belt is drawn where the map is: deck.gl's canvas lies on MapLibre's, not shifted with the zoom buttons
    const [basemap, overlay] = await Promise.all([page.locator('.maplibregl-canvas').boundingBox(), page.locator('#deckgl-overlay').boundingBox()]);
    expect(overlay).toEqual(basemap);
    await page.screenshot({ path: path.join(artifactsDir, 'belts-record.png') });
    await page.getByTestId('belt-back').click();
  });

  it('builds a belt from three model sites clicked on the map, reordered, at a width, along the roads', async () => {
    await page.getByTestId('belt-new').click();
    await page.locator('[data-testid=belt-editor][data-sites=done]').waitFor();
    const west = Math.min(...sites.map((s) => s.lng));
    const east = Math.max(...sites.map((s) => s.lng));
    const south = Math.min(...sites.map((s) => s.lat));
    const north = Math.max(...sites.map((s) => s.lat));
    await page.evaluate(
      (b) => window.__redgridMap!.fitBounds(b as [number, number, number, number], { padding: 300, animate: false }),
      [west, south, east, north],
    );
    await mapSettled(page);
    for (const [i, site] of sites.entries()) {
      const { x, y } = await pixelOf(page, site.lng, site.lat);
      await page.mouse.click(x, y);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=belt-site-row]').length === n, i + 1);
    }
    expect(await rowIds()).toEqual(sites.map((s) => s.id));
    // a second click on a site already picked adds nothing
    const again = await pixelOf(page, sites[0]!.lng, sites[0]!.lat);
    await page.mouse.click(again.x, again.y);
    await page.getByTestId('belt-pick-notice').waitFor();
    expect(await siteRows().count()).toBe(3);

    // reordered down and back up, and one removed and picked again at the end
    await siteRows().nth(0).getByTestId('belt-site-down').click();
    expect(await rowIds()).toEqual([sites[1]!.id, sites[0]!.id, sites[2]!.id]);
    await siteRows().nth(1).getByTestId('belt-site-up').click();
    expect(await rowIds()).toEqual(sites.map((s) => s.id));
    await siteRows().nth(2).getByTestId('belt-site-remove').click();
    expect(await rowIds()).toEqual([sites[0]!.id, sites[1]!.id]);
    const third = await pixelOf(page, sites[2]!.lng, sites[2]!.lat);
    await page.mouse.click(third.x, third.y);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=belt-site-row]').length === 3);
    expect(await rowIds()).toEqual(sites.map((s) => s.id));

    await page.getByTestId('belt-name-input').fill('三村振兴示范带');
    await page.getByTestId('belt-width').fill('800');
    await page.locator('[data-testid=belt-preview][data-state=done]').waitFor({ timeout: 30_000 });
    const legs = page.getByTestId('belt-legs');
    expect(await legs.getAttribute('data-routed')).toBe('2');
    expect(await legs.getAttribute('data-straight')).toBe('0');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifactsDir, 'belts-draw.png') });

    await page.getByTestId('belt-save').click();
    await page.locator('[data-testid=belt-record][data-state=done]').waitFor();
    const id = Number(await page.getByTestId('belt-record').getAttribute('data-belt-id'));
    const saved = (await server.getJson<BeltRecord>(`/api/v1/belts/${id}`)).body;
    expect(saved).toMatchObject({ name: '三村振兴示范带', width_m: 800, area_code: demoCounty });
    expect(saved.sites.map((s) => s.id)).toEqual(sites.map((s) => s.id));
    expect(saved.legs.every((l) => l.routed)).toBe(true);
    expect(Number(await page.getByTestId('belt-count-members').textContent())).toBe(saved.counts.members);
    expect(Number(await page.getByTestId('belt-count-orgs').textContent())).toBe(saved.counts.orgs);
    await mapSettled(page);
    await page.screenshot({ path: path.join(artifactsDir, 'belts-saved.png') });
  });

  it('widens the saved belt, then deletes it', async () => {
    const id = Number(await page.getByTestId('belt-record').getAttribute('data-belt-id'));
    await page.getByTestId('belt-edit').click();
    await page.locator('[data-testid=belt-editor]').waitFor();
    expect(await rowIds()).toEqual(sites.map((s) => s.id));
    await page.getByTestId('belt-width').fill('1200');
    await page.getByTestId('belt-save').click();
    await page.locator(`[data-testid=belt-record][data-state=done][data-belt-id="${id}"]`).waitFor();
    expect(await page.getByTestId('belt-width-shown').textContent()).toBe('1200');
    expect((await server.getJson<BeltRecord>(`/api/v1/belts/${id}`)).body.width_m).toBe(1200);

    await page.getByTestId('belt-delete').click();
    await page.getByTestId('belt-delete-confirm').click();
    await page.locator('[data-testid=belt-list][data-state=done]').waitFor();
    expect(await page.getByTestId('belt-row').count()).toBe(3);
    expect((await server.getJson(`/api/v1/belts/${id}`)).status).toBe(404);
  });
});
