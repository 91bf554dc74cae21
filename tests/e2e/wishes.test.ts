import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { DispatchView } from '../../server/src/contract/dispatch.ts';
import type { PersonalLinkView, WishRecord } from '../../server/src/contract/wishes.ts';
import { memberLink } from '../../server/src/member-link/member-link.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { textLayoutProblems } from '../support/text-layout.ts';
import { signInThroughPage } from './sign-in-page.ts';

/**
 * 微心愿 in Chromium. A community's secretary posts a resident's wish near a member's home and
 * gives the member their personal link; on a phone the member opens it, claims the wish, fulfils it
 * with a note and sees their points grow. An alerted member sees the wishes under the alert. On the
 * 一张图 the secretary posts a wish where she clicks the map and withdraws it again.
 */
const ctx = usePrivateDatabase('wishes_e2e');
let server: TestServer;
let browser: Browser;
let secretaryApi: ApiClient;
const secretary = { username: 'e2e_wish_secretary', password: 'e2e wish secretary password', display_name: '心愿测试书记' };
const phoneSize = { width: 390, height: 844 };
let community: { code: string; lng: number; lat: number };
let member: { id: number; lng: number; lat: number };

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await ctx.db.query(sql, params)).rows[0] as T;
}

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  const c = await one<{ code: string }>("select code from area where level = 'community' order by households desc limit 1");
  member = await one<{ id: number; lng: number; lat: number }>(
    `select m.id, st_x(m.home) as lng, st_y(m.home) as lat from member m join area a on a.code = $1
     where m.org_area_code = $1 and m.left_on is null and st_contains(a.geom, m.home) order by m.id limit 1`,
    [c.code],
  );
  // a point of C about 150 m from the member's home: where the resident lives
  const p = await one<{ lng: number; lat: number }>(
    `select st_x(q) as lng, st_y(q) as lat from (
       select st_project(m.home::geography, 150, radians(az))::geometry as q from member m, generate_series(0, 350, 10) az
       where m.id = $1 and st_contains((select geom from area where code = $2), st_project(m.home::geography, 150, radians(az))::geometry)
       order by az limit 1) s`,
    [member.id, c.code],
  );
  community = { code: c.code, ...p };
  await createUser(ctx.db, { ...secretary, role: 'secretary', scope: c.code });
  secretaryApi = await signInAs(server.baseUrl, ctx.db, 'secretary', c.code);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phone(language = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({ viewport: phoneSize, deviceScaleFactor: 2, locale: language, isMobile: true, hasTouch: true });
}

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(artifactsDir, `wishes-${name}.png`) });
  return textLayoutProblems(page);
}

const points = async (page: Page) => Number(await page.getByTestId('member-points').getAttribute('data-points'));

describe("a member's personal link on a phone", () => {
  it('claims a wish near home, fulfils it with a note, and the points grow', async () => {
    const posted = await secretaryApi.send<WishRecord>('POST', '/api/v1/wishes', {
      title: '陪同老人去医院复查',
      detail: '子女不在身边，需要陪同到区人民医院复查。',
      resident_name: '王秀英',
      position: [community.lng, community.lat],
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const wish = posted.body;
    const link = await secretaryApi.send<PersonalLinkView>('POST', `/api/v1/members/${member.id}/link`);
    expect(link.status).toBe(201);

    const context = await phone();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.baseUrl}${link.body.path}?test=1`);
    await page.locator('[data-testid=member-page][data-state=personal]').waitFor();
    await page.getByTestId('member-wishes').waitFor();
    expect(await page.title()).toContain('微心愿');
    const before = await points(page);

    const card = page.locator(`[data-testid=wish-nearby][data-wish-id="${wish.id}"]`);
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('陪同老人去医院复查');
    expect(text).toContain('王**');
    expect(text).not.toContain('王秀英');
    expect(text).toMatch(/距您家 \d+ 米/);
    expect(await shoot(page, 'member-nearby')).toEqual([]);

    await card.getByTestId('wish-claim').click();
    const mine = page.locator(`[data-testid=wish-mine][data-wish-id="${wish.id}"]`);
    await page.locator(`[data-testid=wish-mine][data-wish-id="${wish.id}"][data-status=claimed]`).waitFor();
    expect(await card.count()).toBe(0);

    await mine.getByTestId('wish-fulfil').click();
    await mine.getByTestId('wish-note').fill('已陪同王阿姨到医院复查，结果正常。');
    expect(await shoot(page, 'member-fulfil')).toEqual([]);
    await mine.getByTestId('wish-fulfil-submit').click();
    await page.locator(`[data-testid=wish-mine][data-wish-id="${wish.id}"][data-status=fulfilled]`).waitFor();

    const rule = await one<{ points: number }>("select points from points_rule where kind = 'wish'");
    await page.locator(`[data-testid=member-points][data-points="${before + rule.points}"]`).waitFor();
    expect(await page.getByTestId('member-points-value').textContent()).toBe(String(before + rule.points));
    expect(await mine.getByTestId('wish-earned').textContent()).toContain(`+${rule.points}`);
    expect(await shoot(page, 'member-fulfilled')).toEqual([]);

    const ledger = await one<{ points: number; sum: number }>(
      'select m.points, (select sum(points)::int from member_points where member_id = m.id) as sum from member m where m.id = $1',
      [member.id],
    );
    expect(ledger).toEqual({ points: before + rule.points, sum: before + rule.points });
    // a reload shows the same: the wish is the member's, fulfilled, with the note
    await page.reload();
    await page.locator(`[data-testid=wish-mine][data-wish-id="${wish.id}"][data-status=fulfilled]`).waitFor();
    expect(await page.locator(`[data-testid=wish-mine][data-wish-id="${wish.id}"]`).textContent()).toContain('结果正常');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads in English too', async () => {
    const link = await secretaryApi.send<PersonalLinkView>('POST', `/api/v1/members/${member.id}/link`);
    const context = await phone('en');
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${link.body.path}?test=1&lang=en`);
    await page.getByTestId('member-wishes').waitFor();
    expect(await page.locator('.wish-heading').first().textContent()).toMatch(/My wishes|Micro-wishes near you/);
    expect(await shoot(page, 'member-en')).toEqual([]);
    await context.close();
  });
});

describe("an alerted member's page", () => {
  it('shows the alert, and the wishes near home below it', async () => {
    const created = await server.admin.send<CaseView>(
      'POST',
      '/api/v1/cases',
      { kind: 'medical', title: '老人摔倒需要帮助', lng: member.lng, lat: member.lat, severity: 'high' },
      { 'idempotency-key': randomUUID() },
    );
    const started = await server.admin.send<{ id: number }>('POST', `/api/v1/cases/${created.body.id}/dispatch`, {
      radius: 2000,
      waveSize: 3,
      target: 3,
      alertTimeout: 3600,
    });
    const dispatch = (await server.admin.getJson<DispatchView>(`/api/v1/dispatches/${started.body.id}`)).body;
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${await memberLink(ctx.db, started.body.id, dispatch.alerts[0]!.member.id)}?test=1`);
    await page.locator('[data-testid=member-page][data-state=alerted]').waitFor();
    await page.getByTestId('member-wishes').waitFor();
    await page.getByTestId('member-accept').waitFor();
    await context.close();
  });
});

describe('the 微心愿 tool on the 一张图', () => {
  it('posts a wish where the secretary clicks the map, lists it, and withdraws it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${e.message} ${e.stack ?? ''}`));
    await signInThroughPage(page, server.baseUrl, '/?test=1&tool=wishes&layers=wishes,grids', secretary);
    await page.getByTestId('tool-wishes').waitFor();
    await page.getByTestId('legend-wishes').waitFor();
    await page.locator('[data-testid=wish-list][data-state=done]').waitFor({ state: 'attached' });
    // the open ones (the filter's default) of her community only
    const listed = await page.locator('[data-testid=wish-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(listed.every((s) => s === 'open')).toBe(true);

    await page.waitForFunction(() => window.__redgridMap !== undefined);
    await page.evaluate(([lng, lat]) => window.__redgridMap!.jumpTo({ center: [lng!, lat!], zoom: 16 }), [community.lng, community.lat]);
    await page.waitForFunction(() => window.__redgridMap?.areTilesLoaded() === true && !window.__redgridMap.isMoving());

    await page.getByTestId('wish-post-open').click();
    await page.getByTestId('wish-title').fill('更换厨房漏水的水龙头');
    await page.getByTestId('wish-resident').fill('李建国');
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('[data-testid=wish-picked][data-picked=yes]').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'wishes-tool-form.png') });
    await page.getByTestId('wish-submit').click();
    await page.getByTestId('wish-notice').waitFor();

    const posted = await one<{ id: number; area_code: string; posted_by: number; resident_name: string; lng: number; lat: number }>(
      "select id, area_code, posted_by, resident_name, st_x(geom) as lng, st_y(geom) as lat from wish where title = '更换厨房漏水的水龙头'",
    );
    expect(posted.area_code).toBe(community.code);
    expect(posted.resident_name).toBe('李建国');
    expect(Math.abs(posted.lng - community.lng)).toBeLessThan(0.0005);
    expect(Math.abs(posted.lat - community.lat)).toBeLessThan(0.0005);
    const row = page.locator(`[data-testid=wish-row][data-wish-id="${posted.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('李建国');
    await page.screenshot({ path: path.join(artifactsDir, 'wishes-tool.png') });

    await row.getByTestId('wish-withdraw').click();
    await row.getByTestId('wish-withdraw-reason').fill('居民已自行修好');
    await row.getByTestId('wish-withdraw-confirm').click();
    await row.waitFor({ state: 'detached' });
    const withdrawn = await one<{ status: string; withdraw_reason: string }>('select status::text, withdraw_reason from wish where id = $1', [posted.id]);
    expect(withdrawn).toEqual({ status: 'withdrawn', withdraw_reason: '居民已自行修好' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
