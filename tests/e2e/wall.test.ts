import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { CreatedWallToken } from '../../server/src/contract/users.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { measureDrawnTexts, type DrawnText } from '../support/text-legibility.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * The command-center wall (/wall) in Chromium: opened with a wall token in the fragment, at 4K and
 * at 1080p, live (a case created through the API shows within 2 s), after a lost WebGL context,
 * through a server restart on the same port, and never given a member's name or phone number.
 * Read from four meters: at 4K no text under 32px and none under 4.5:1 contrast.
 */

const database = usePrivateDatabase('wall');
let port: number;
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
let tokenId: number;
/** Every JSON body the wall received, with its URL. */
const jsonBodies: { url: string; text: string }[] = [];
/** Wall API and tile requests sent without the token. */
const unauthenticated: string[] = [];
const external: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function watch(p: Page): void {
  p.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) external.push(req.url());
    if ((url.pathname.startsWith('/api/') || url.pathname.startsWith('/tiles/')) && req.headers()['authorization'] !== `Bearer ${token}`) {
      unauthenticated.push(req.url());
    }
  });
  p.on('response', (res) => {
    if (!(res.headers()['content-type'] ?? '').includes('json')) return;
    res.text().then(
      (text) => jsonBodies.push({ url: res.url(), text }),
      () => undefined,
    );
  });
}

let caseCount = 0;
async function createCase(s: TestServer, kind = 'fire'): Promise<{ id: number; answeredAt: number }> {
  caseCount += 1;
  const answer = await s.admin.send<CaseView>(
    'POST',
    '/api/v1/cases',
    { kind, title: `大屏测试事件${caseCount}`, description: '大屏端到端测试', lng: 104.741 + caseCount * 0.002, lat: 31.461, severity: 'critical' },
    { 'idempotency-key': randomUUID() },
  );
  const answeredAt = Date.now();
  expect(answer.status).toBe(201);
  return { id: answer.body.id, answeredAt };
}

const connectionState = (p: Page) => p.getByTestId('wall-connection').getAttribute('data-state');
const incidentIds = (p: Page) => p.evaluate(() => window.__redgridWall?.incidentIds() ?? []);
const feedIds = (p: Page) => p.getByTestId('wall-feed-item').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-case-id'))));

async function noScrollbars(p: Page): Promise<void> {
  const size = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    bodyScrollWidth: document.body.scrollWidth,
    bodyScrollHeight: document.body.scrollHeight,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
  }));
  expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
  expect(size.scrollHeight).toBeLessThanOrEqual(size.innerHeight);
  expect(size.bodyScrollWidth).toBeLessThanOrEqual(size.innerWidth);
  expect(size.bodyScrollHeight).toBeLessThanOrEqual(size.innerHeight);
}

/** Marks the page, so a later check can tell it was never reloaded. */
async function markNoReload(p: Page): Promise<void> {
  await p.evaluate(() => {
    (window as unknown as { __noReload?: boolean }).__noReload = true;
  });
}
/** The map has finished drawing and the page has had a moment (WebGL is drawn by the CPU here). */
async function settled(p: Page): Promise<void> {
  await p.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__redgridMap!;
        if (map.loaded() && !map.isMoving()) resolve();
        else map.once('idle', () => resolve());
      }),
  );
  await p.waitForTimeout(1_000);
}

/** The map has loaded its style and tiles (bounded, unlike waiting for 'idle'). */
async function mapLoaded(p: Page): Promise<void> {
  await p.waitForFunction(() => window.__redgridMap?.loaded() === true, undefined, { timeout: 60_000, polling: 250 });
}

/** The smallest and faintest of the texts, for the log and the failure message. */
function legibility(texts: readonly DrawnText[]): { smallestPx: number; lowestContrast: number } {
  return {
    smallestPx: Math.min(...texts.map((t) => t.fontPx)),
    lowestContrast: Math.round(Math.min(...texts.map((t) => t.contrast)) * 100) / 100,
  };
}

/** The open-case key figure and the feed's badge show the same number. */
async function openCasesAgree(p: Page): Promise<void> {
  await p.waitForFunction(
    () => {
      const figure = document.querySelector('[data-figure=cases] .wall-figure-value')?.textContent ?? '';
      const badge = document.querySelector('[data-testid=wall-feed-open]')?.textContent ?? '';
      return figure !== '' && badge.replace(/\D/g, '') === figure.replace(/\D/g, '');
    },
    undefined,
    { timeout: 10_000 },
  );
}

const wasNotReloaded = (p: Page) => p.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

beforeAll(async () => {
  port = await freePort();
  server = await startTestServer(database.url, undefined, { port });
  const created = await server.admin.send<CreatedWallToken>('POST', '/api/v1/wall-tokens', { name: '指挥中心测试大屏', scope: demoCounty });
  expect(created.status).toBe(201);
  token = created.body.token;
  tokenId = created.body.id;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, locale: 'zh-CN' });
  page = await context.newPage();
  watch(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the command-center wall', () => {
  it('tells an operator, in Chinese, what to do and whom to ask when opened without a token', async () => {
    const bare = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await bare.goto(`${server.baseUrl}/wall`);
    await bare.getByTestId('wall-no-token').waitFor();
    const message = (await bare.getByTestId('wall-no-token').textContent()) ?? '';
    expect(message).toContain('本大屏尚未接入');
    expect(message).toContain('联系系统管理员');
    expect(message).toContain('大屏令牌');
    expect(message).not.toMatch(/POST|\/api\//);
    expect(await bare.getByTestId('user-name').count()).toBe(0);
    await bare.screenshot({ path: path.join(artifactsDir, 'wall-no-token.png') });
    await bare.close();
  });

  it('at 3840×2160: map layers, figures, charts and feed on one screen, no scrollbars, the token kept out of the address', async () => {
    await page.goto(`${server.baseUrl}/wall?test=1#token=${encodeURIComponent(token)}&rotate=0`);
    // the first 4K draw on a CPU-drawn GPU took 95-125 s while other suites shared the two cores
    await page.waitForSelector('body[data-wall-ready="true"]', { timeout: 200_000 });
    expect(new URL(page.url()).hash).toBe('');
    expect(page.url()).not.toContain(token);
    expect(await page.evaluate(() => localStorage.getItem('redgrid.wallToken'))).toBe(token);
    expect(await page.title()).toContain('指挥中心');

    const members = page.locator('[data-testid=wall-figure][data-figure=members] .wall-figure-value');
    expect(await members.textContent()).toMatch(/^\d{1,3}(,\d{3})+$/);
    expect(await page.getByTestId('wall-figure').count()).toBe(10);
    for (const chart of ['wall-chart-members', 'wall-chart-coverage', 'wall-chart-sectors']) {
      expect(await page.getByTestId(chart).locator('svg text').count(), chart).toBeGreaterThan(0);
    }
    // every figure names its area; the open-case figure and the feed's badge agree
    const county = (await page.getByTestId('wall-figures-title').textContent())!.replace(/^关键指标 · /, '');
    expect(county).toMatch(/^[^·\s]{2,}$/);
    expect(await page.getByTestId('wall-feed-title').textContent()).toBe(`实时事件 · ${county}`);
    for (const chart of ['wall-chart-members', 'wall-chart-coverage', 'wall-chart-sectors']) {
      expect(await page.getByTestId(chart).getAttribute('aria-label'), chart).toContain(county);
    }
    await openCasesAgree(page);
    await page.locator('[data-testid=wall-connection][data-state=open]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('wall-freshness').textContent()).toMatch(/^数据更新于 /);
    const rendered = await page.evaluate(() => window.__redgridMap!.queryRenderedFeatures().filter((f) => f.source === 'grids' || f.source === 'areas').length);
    expect(rendered).toBeGreaterThan(0);

    await noScrollbars(page);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(artifactsDir, 'wall-4k.png') });
    expect(unauthenticated).toEqual([]);
    expect(external).toEqual([]);

    // figures are whole: nothing cut to an ellipsis or spilling out of its box
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('.wall-figure dt, .wall-figure dd, .wall-figure dd span, .wall-panel-title, .wall-view-name, .wall-brand h1')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.textContent),
    );
    expect(cut).toEqual([]);
  }, 260_000);

  it('at 3840×2160 draws no text under 32px and none under 4.5:1 contrast, chart and map labels included', async () => {
    const texts = await measureDrawnTexts(page);
    const measured = legibility(texts);
    console.log(`4K wall: ${texts.length} texts, smallest ${measured.smallestPx}px, lowest contrast ${measured.lowestContrast}:1`);
    expect(texts.length).toBeGreaterThan(80);
    expect(texts.some((t) => t.where.startsWith('text'))).toBe(true);
    expect(texts.filter((t) => t.fontPx < 32)).toEqual([]);
    expect(texts.filter((t) => t.contrast < 4.5)).toEqual([]);
  });

  it('shows a case created through the API in the feed and as a pulsing incident within 2 s', async () => {
    await settled(page);
    await markNoReload(page);
    const { id, answeredAt } = await createCase(server, 'gas_leak');
    await page.waitForFunction(
      (caseId) =>
        document.querySelector(`[data-testid=wall-feed-item][data-case-id="${caseId}"]`) !== null &&
        (window.__redgridWall?.incidentIds() ?? []).includes(caseId),
      id,
      { timeout: 10_000, polling: 50 },
    );
    const elapsed = Date.now() - answeredAt;
    expect(elapsed, `shown ${elapsed} ms after the POST answered`).toBeLessThan(2_000);
    expect((await feedIds(page))[0]).toBe(id);
    expect(await incidentIds(page)).toContain(id);
    expect(await wasNotReloaded(page)).toBe(true);
    // a kind the form does not offer reads as a word, not its identifier
    expect(await page.locator(`[data-testid=wall-feed-item][data-case-id="${id}"] .wall-feed-kind`).textContent()).toBe('其他事件');
    await openCasesAgree(page);
    // under test the pulse is redrawn once a second
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(artifactsDir, 'wall-4k-live.png') });
  });

  it('draws the map again, without a reload, after its WebGL context is lost and not restored', async () => {
    await mapLoaded(page);
    await markNoReload(page);
    const drawnBefore = await incidentIds(page);
    expect(drawnBefore.length).toBeGreaterThan(0);
    await page.evaluate(() => {
      const probe = window as unknown as { __lostMap?: unknown; __readyDropped?: boolean };
      probe.__readyDropped = false;
      new MutationObserver(() => {
        if (document.body.dataset.wallReady === undefined) probe.__readyDropped = true;
      }).observe(document.body, { attributes: true, attributeFilter: ['data-wall-ready'] });
      const map = window.__redgridMap!;
      probe.__lostMap = map;
      map.getCanvas().getContext('webgl2')!.getExtension('WEBGL_lose_context')!.loseContext();
    });
    // a new map, not ready while it loads, then ready again: basemap and density cells drawn
    await page.waitForFunction(
      () => {
        const probe = window as unknown as { __lostMap?: unknown; __readyDropped?: boolean };
        const map = window.__redgridMap;
        return map !== undefined && map !== probe.__lostMap && probe.__readyDropped === true && document.body.dataset.wallReady === 'true';
      },
      undefined,
      { timeout: 240_000, polling: 250 },
    );
    await mapLoaded(page);

    const rendered = await page.evaluate(() => window.__redgridMap!.queryRenderedFeatures().filter((f) => f.source === 'grids' || f.source === 'areas').length);
    expect(rendered).toBeGreaterThan(0);
    // both canvases (MapLibre's basemap, deck.gl's overlay) have a live context and pixels on them
    const canvases = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=map] canvas')].map((canvas) => {
        const gl = canvas.getContext('webgl2');
        const probe = document.createElement('canvas');
        probe.width = Math.ceil(canvas.width / 8);
        probe.height = Math.ceil(canvas.height / 8);
        const context = probe.getContext('2d')!;
        context.drawImage(canvas, 0, 0, probe.width, probe.height);
        const pixels = context.getImageData(0, 0, probe.width, probe.height).data;
        const colors = new Set<number>();
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3]! > 0) colors.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
        return { lost: gl === null || gl.isContextLost(), colors: colors.size };
      }),
    );
    expect(canvases.length).toBe(2);
    for (const canvas of canvases) {
      expect(canvas.lost).toBe(false);
      expect(canvas.colors).toBeGreaterThan(20);
    }
    expect((await incidentIds(page)).sort()).toEqual([...drawnBefore].sort());
    expect(await wasNotReloaded(page)).toBe(true);
  }, 300_000); // a 4K map rebuilt on a CPU-drawn GPU, while other suites run: took 40–85 s

  it('rides out a server restart on the same port: 重连中/离线, then 在线 again, and shows a case created meanwhile', async () => {
    await markNoReload(page);
    await server.close();
    await page.waitForFunction(() => document.querySelector('[data-testid=wall-connection]')?.getAttribute('data-state') !== 'open', undefined, {
      timeout: 45_000,
    });
    expect(['reconnecting', 'offline', 'connecting']).toContain(await connectionState(page));

    server = await startTestServer(database.url, undefined, { port });
    const { id } = await createCase(server);
    await page.locator('[data-testid=wall-connection][data-state=open]').waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid=wall-feed-item][data-case-id="${id}"]`).waitFor({ timeout: 30_000 });
    await page.waitForFunction((caseId) => (window.__redgridWall?.incidentIds() ?? []).includes(caseId), id, { timeout: 10_000 });
    expect(await wasNotReloaded(page)).toBe(true);
  }, 180_000);

  it('draws the same design at 1920×1080 (the token remembered), still without scrollbars', async () => {
    const header4k = (await page.locator('.wall-header').boundingBox())!;
    const small = await context.newPage();
    watch(small);
    await small.setViewportSize({ width: 1920, height: 1080 });
    await small.goto(`${server.baseUrl}/wall?test=1&rotate=0`);
    await small.waitForSelector('body[data-wall-ready="true"]', { timeout: 120_000 });
    await noScrollbars(small);
    const header = (await small.locator('.wall-header').boundingBox())!;
    expect(header.height).toBeCloseTo(header4k.height / 2, 0);
    const feed = (await small.locator('.wall-feed').boundingBox())!;
    expect(feed.y + feed.height).toBeLessThanOrEqual(1080);
    await settled(small);
    await small.screenshot({ path: path.join(artifactsDir, 'wall-1080.png') });

    // in English the header still fits: brand, area and status side by side, none cut
    await small.evaluate(() => localStorage.setItem('redgrid.language', 'en'));
    await small.reload();
    await small.waitForSelector('body[data-wall-ready="true"]', { timeout: 120_000 });
    expect(await small.getByTestId('wall-feed-title').textContent()).toMatch(/^Live incidents · /);
    const boxes = await small.evaluate(() =>
      ['.wall-brand', '.wall-view', '.wall-status'].map((selector) => {
        const box = document.querySelector(selector)!.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    );
    expect(boxes[0]!.right).toBeLessThanOrEqual(boxes[1]!.left);
    expect(boxes[1]!.right).toBeLessThanOrEqual(boxes[2]!.left);
    expect(boxes[2]!.right).toBeLessThanOrEqual(1920);
    const texts = await measureDrawnTexts(small);
    expect(texts.filter((t) => t.fontPx < 16)).toEqual([]);
    await noScrollbars(small);
    await small.screenshot({ path: path.join(artifactsDir, 'wall-1080-en.png') });
    await small.evaluate(() => localStorage.setItem('redgrid.language', 'zh-CN'));
    await small.close();
  }, 240_000);

  it('rotates from the county to its towns, figures following the town on screen', async () => {
    const rotating = await context.newPage();
    watch(rotating);
    await rotating.setViewportSize({ width: 1920, height: 1080 });
    const summaries: string[] = [];
    rotating.on('request', (req) => {
      if (req.url().includes('/api/v1/stats/summary')) summaries.push(new URL(req.url()).searchParams.get('area') ?? '');
    });
    await rotating.goto(`${server.baseUrl}/wall?test=1&rotate=3`);
    await rotating.waitForSelector('body[data-wall-ready="true"]', { timeout: 120_000 });
    // the whole county comes first, and stays until the wall is ready
    expect(summaries[0]).toBe('');
    expect(await rotating.getByTestId('wall').getAttribute('data-view-area')).toBe('');
    const viewOnScreen = () =>
      rotating.evaluate(() => ({
        area: document.querySelector('[data-testid=wall]')?.getAttribute('data-view-area') ?? null,
        name: document.querySelector('[data-testid=wall-view-name]')?.textContent ?? null,
      }));
    const { area: before, name: nameBefore } = await viewOnScreen();
    await rotating.waitForFunction((previous) => document.querySelector('[data-testid=wall]')?.getAttribute('data-view-area') !== previous, before, {
      timeout: 30_000,
    });
    const after = await viewOnScreen();
    const town = after.area!;
    expect(town).toMatch(/^\d{12}$/);
    expect(town.slice(0, 6)).toBe(demoCounty.slice(0, 6));
    expect(summaries).toContain(town);
    expect(after.name).not.toBe(nameBefore);
    await rotating.close();
  }, 180_000);

  it("never receives a member's name or phone number", async () => {
    const staff = new Set((await server.db.query<{ name: string }>('select name from grid_staff')).rows.map((r) => r.name));
    const { rows } = await server.db.query<{ name: string; phone: string | null }>('select name, phone from member');
    const names = new Set(rows.map((r) => r.name).filter((n) => !staff.has(n)));
    const phones = new Set(rows.flatMap((r) => (r.phone ? [r.phone] : [])));
    expect(jsonBodies.length).toBeGreaterThan(5);
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : Array.isArray(value)
          ? value.flatMap(strings)
          : value && typeof value === 'object'
            ? Object.values(value).flatMap(strings)
            : [];
    for (const { url, text } of jsonBodies) {
      for (const s of strings(JSON.parse(text))) {
        expect(names.has(s), `${url} carries the member name ${s}`).toBe(false);
        expect(phones.has(s), `${url} carries a phone number`).toBe(false);
      }
      for (const [phone] of text.matchAll(/1[3-9]\d{9}/g)) expect(phones.has(phone), `${url} carries a phone number`).toBe(false);
    }
  });

  it('shows 令牌无效或已撤销 once its token is revoked, and keeps trying every 30 s', async () => {
    expect((await server.admin.send('DELETE', `/api/v1/wall-tokens/${tokenId}`)).status).toBe(200);
    // the next refetch (here: after a live event) meets the 401
    await createCase(server);
    const revoked = page.getByTestId('wall-revoked');
    await revoked.waitFor({ timeout: 30_000 });
    expect(await revoked.textContent()).toContain('令牌无效或已撤销');
    expect(await page.getByTestId('wall-revoked-retry').textContent()).toMatch(/\d+ 秒后自动重试/);
    expect(await page.evaluate(() => document.body.dataset.wallReady)).toBeUndefined();
  });
});
