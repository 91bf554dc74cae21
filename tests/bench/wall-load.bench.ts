import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { hashToken, newToken } from '../../server/src/auth/tokens.ts';
import { clientDist } from '../../server/src/http/static-client.ts';
import { launchBrowser } from '../support/browser.ts';
import { openBenchDatabase } from './bench-database.ts';
import { ensureMembers, startServer } from './bench-support.ts';
import { printReport, thousands } from './report.ts';

const county = '510703000000';
const sizes = [
  [1920, 1080],
  [3840, 2160],
] as const;

type Load = { ms: number; requests: number; tiles: number; transferred: number; decoded: number; scripts: number };

const kB = (bytes: number) => `${thousands(Math.round(bytes / 1024))} kB`;

/**
 * Opens the wall in a fresh browser context (nothing cached) and counts, until its first full
 * render (`data-wall-ready`), every response: the bytes that came over the wire (bodies as sent,
 * with headers) and the bodies decoded, which is what an uncompressed server would have sent.
 */
async function loadWall(browser: Browser, baseUrl: string, token: string, [width, height]: readonly [number, number]): Promise<Load> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  const finished: Request[] = [];
  context.on('requestfinished', (r) => finished.push(r));
  const started = Date.now();
  await page.goto(`${baseUrl}/wall?test=1#token=${encodeURIComponent(token)}&rotate=0`);
  await page.waitForFunction(() => document.body.dataset.wallReady === 'true', undefined, { timeout: 300_000 });
  const ms = Date.now() - started;
  const seen = [...finished];
  let transferred = 0;
  let decoded = 0;
  let scripts = 0;
  for (const r of seen) {
    const s = await r.sizes();
    transferred += s.responseBodySize + s.responseHeadersSize;
    const response = await r.response();
    const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
    decoded += body.length + s.responseHeadersSize;
    if (/\.(m?js|css)$/.test(new URL(r.url()).pathname)) scripts += s.responseBodySize;
  }
  await context.close();
  return { ms, requests: seen.length, tiles: seen.filter((r) => r.url().includes('/tiles/')).length, transferred, decoded, scripts };
}

/**
 * `npm run bench -- wall-load [members]`: the wall's first full render at 1920×1080 and 3840×2160
 * in Chromium against the real server (the built client, compressed answers), bytes over the wire
 * against the same bodies uncompressed, in the same run. Goal: ≤ 1.5 MB transferred.
 */
export async function benchWallLoad(args: string[]): Promise<void> {
  if (!existsSync(path.join(clientDist, 'index.html'))) throw new Error('build the client first: npm run build:client');
  const members = Number(args[0] ?? 1_000_000);
  const db = await openBenchDatabase();
  let stop = () => {};
  let browser: Browser | undefined;
  try {
    await ensureMembers(db, members);
    const token = newToken();
    await db.pool.query("insert into wall_token (name, token_hash, scope_code) values ('基准测试大屏', $1, $2)", [hashToken(token), county]);
    const server = await startServer(db.url);
    stop = server.stop;
    browser = await launchBrowser();
    const rows = [];
    for (const size of sizes) {
      const load = await loadWall(browser, server.baseUrl, token, size);
      rows.push({
        viewport: `${size[0]}×${size[1]}`,
        'first full render ms': thousands(load.ms),
        requests: load.requests,
        tiles: load.tiles,
        'scripts and styles': kB(load.scripts),
        transferred: kB(load.transferred),
        uncompressed: kB(load.decoded),
        'uncompressed ÷ transferred': (load.decoded / load.transferred).toFixed(1),
      });
    }
    printReport(`Wall first render, ${thousands(members)} members`, rows, [
      'transferred: response bodies as sent plus headers; uncompressed: the same bodies decoded (what a server without compression sends)',
      'Goal: ≤ 1.5 MB transferred for the first full render',
    ]);
  } finally {
    await browser?.close();
    stop();
    await db.close();
  }
}
