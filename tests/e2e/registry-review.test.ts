import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { textLayoutProblems } from '../support/text-layout.ts';
import { signInThroughPage } from './sign-in-page.ts';

/**
 * 评星与规则 and 党员中心户 in Chromium: the county's administrator previews the year's star review
 * and applies it, then changes the points rule; a community secretary reads the rules (read-only)
 * and links a household to a center household of her community, picked on the map.
 */
const ctx = usePrivateDatabase('registry_review_e2e');
let server: TestServer;
let browser: Browser;
let adminContext: BrowserContext;
let secretaryContext: BrowserContext;
let admin: Page;
let secretary: Page;
const adminUser = { username: 'e2e_review_admin', password: 'e2e review admin password', display_name: '评星测试管理员' };
const secretaryUser = { username: 'e2e_review_secretary', password: 'e2e review secretary password', display_name: '联系户测试书记' };
const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

let starred: { id: number; name: string };
let center: { id: number; area_code: string; households: number };

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  // the first current member (the review lists changes by member id) earns enough this year for 5 stars
  const { rows: members } = await ctx.db.query<{ id: number; name: string }>('select id::int, name from member where left_on is null order by id limit 1');
  starred = members[0]!;
  await ctx.db.query('update member set stars = 1 where id = $1', [starred.id]);
  await ctx.db.query(`insert into member_points (member_id, kind, points, earned_on, note) values ($1, 'adjustment', 500, current_date, 'e2e')`, [starred.id]);
  // an open center household with a position; the secretary's scope is its area
  const { rows: places } = await ctx.db.query<{ id: number; area_code: string; households: number }>(
    `select p.id::int, p.area_code, (select count(*)::int from place_household h where h.place_id = p.id) as households
       from place p where p.kind = 'center_household' and p.closed_on is null order by p.id limit 1`,
  );
  center = places[0]!;
  await createUser(ctx.db, { ...adminUser, role: 'admin', scope: demoCounty });
  await createUser(ctx.db, { ...secretaryUser, role: 'secretary', scope: center.area_code });
  browser = await launchBrowser();
  adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  secretaryContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  admin = await adminContext.newPage();
  secretary = await secretaryContext.newPage();
  for (const p of [admin, secretary]) p.on('pageerror', (e) => console.log('[pageerror]', e.message));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A screenshot of the whole screen: the page scrolls inside its body, so the window grows to fit it. */
async function tallShot(p: Page, name: string): Promise<void> {
  const height = await p.evaluate(() => {
    const body = document.querySelector('.registry-body')!;
    body.scrollTop = 0;
    return body.scrollHeight + body.getBoundingClientRect().top;
  });
  await p.setViewportSize({ width: 1440, height: Math.min(Math.max(900, Math.ceil(height)), 3000) });
  await p.waitForTimeout(300);
  await p.screenshot({ path: path.join(artifactsDir, name) });
  await p.setViewportSize({ width: 1440, height: 900 });
}

async function mapSettled(p: Page): Promise<void> {
  await p.waitForFunction(() => window.__redgridMap?.loaded() === true && window.__redgridMap.areTilesLoaded() && !window.__redgridMap.isMoving());
  await p.waitForTimeout(300);
}

describe('the star review, the rules and linked households', () => {
  it('an admin previews the year’s star review, applies it after confirming, and the member’s stars change', async () => {
    await signInThroughPage(admin, server.baseUrl, '/registry/review?test=1', adminUser);
    await admin.getByTestId('review-screen').waitFor();
    expect(await admin.locator('.registry-tab[aria-current=page]').textContent()).toBe('评星与规则');
    expect(await admin.getByTestId('review-year').inputValue()).toBe(String(year));

    // a year that is no year is refused at its field, before anything is sent
    await admin.getByTestId('review-year').fill('20x6');
    await admin.getByTestId('review-preview').click();
    await admin.locator('[data-testid=review-form] [data-field=year] .field-error').waitFor();

    await admin.getByTestId('review-year').fill(String(year));
    await admin.getByTestId('review-preview').click();
    const preview = admin.getByTestId('review-preview-table');
    await preview.waitFor();
    const row = admin.locator(`[data-testid=review-change][data-member-id="${starred.id}"]`);
    expect(await row.getAttribute('data-before')).toBe('1');
    expect(await row.getAttribute('data-after')).toBe('5');
    expect(await row.textContent()).toContain(starred.name);
    // the preview wrote nothing
    const before = await ctx.db.query<{ stars: number }>('select stars from member where id = $1', [starred.id]);
    expect(before.rows[0]!.stars).toBe(1);
    const changes = Number(await admin.getByTestId('review-result').getAttribute('data-changes'));
    if (changes > 20) {
      await admin.getByTestId('review-next').click();
      expect(await row.count()).toBe(0);
      await admin.getByTestId('review-prev').click();
    }

    await admin.getByTestId('review-apply').click();
    await admin.getByTestId('review-confirm').waitFor();
    await tallShot(admin, 'registry-stars.png');
    await admin.getByTestId('review-confirm-apply').click();
    await admin.locator('[data-testid=review-result][data-step=applied]').waitFor();
    expect(await admin.locator(`[data-testid=review-applied-table] [data-member-id="${starred.id}"]`).getAttribute('data-after')).toBe('5');
    const after = await ctx.db.query<{ stars: number }>('select stars from member where id = $1', [starred.id]);
    expect(after.rows[0]!.stars).toBe(5);

    // the member's record shows the new stars
    await admin.goto(`${server.baseUrl}/registry/members/${starred.id}`);
    await admin.getByTestId('member-record').waitFor();
    expect(await admin.locator('[data-testid=member-record] .record-header .stars').getAttribute('aria-label')).toBe('5 星');
  });

  it('an admin changes a rule, with problems shown at their fields, and a secretary reads it, not editable', async () => {
    await admin.goto(`${server.baseUrl}/registry/review`);
    await admin.getByTestId('rules-form').waitFor();
    await admin.getByTestId('rules-points-wish').waitFor();
    expect(await admin.getByTestId('rules-read-only').count()).toBe(0);
    // 2 stars for no more points than 1 star: refused at the field
    await admin.getByTestId('rules-stars-2').fill('0');
    await admin.getByTestId('rules-points-wish').fill('0');
    await admin.getByTestId('rules-save').click();
    await admin.getByTestId('field-error-stars.1.min_points').waitFor();
    await admin.getByTestId('field-error-points.wish').waitFor();
    await admin.getByTestId('rules-stars-2').fill('12');
    await admin.getByTestId('rules-points-wish').fill('7');
    await admin.getByTestId('rules-save').click();
    await admin.getByTestId('rules-saved').waitFor();
    const { rows } = await ctx.db.query<{ points: number }>(`select points from points_rule where kind = 'wish'`);
    expect(rows[0]!.points).toBe(7);
    await admin.getByTestId('rules-form').scrollIntoViewIfNeeded();

    await signInThroughPage(secretary, server.baseUrl, '/registry/review?test=1', secretaryUser);
    await secretary.getByTestId('rules-read-only').waitFor();
    await secretary.waitForFunction(() => (document.querySelector('[data-testid=rules-points-wish]') as HTMLInputElement | null)?.value === '7');
    expect(await secretary.getByTestId('rules-stars-2').inputValue()).toBe('12');
    expect(await secretary.getByTestId('rules-points-wish').getAttribute('readonly')).not.toBeNull();
    expect(await secretary.getByTestId('rules-save').count()).toBe(0);
    await tallShot(secretary, 'registry-rules.png');
  });

  it('a secretary adds a linked household picked on the map and sees it listed, with its line on the map', async () => {
    await secretary.goto(`${server.baseUrl}/registry/places/${center.id}`);
    await secretary.getByTestId('place-record').waitFor();
    await secretary.getByTestId('households-edit').click();
    await secretary.getByTestId('households-editor').waitFor();
    // without a label or a position nothing is added
    await secretary.getByTestId('households-add').click();
    await secretary.locator('[data-testid=households-editor] [data-field=label] .field-error').waitFor();
    await secretary.locator('[data-testid=households-editor] [data-field=position] .field-error').waitFor();

    await mapSettled(secretary);
    const box = (await secretary.locator('.household-map .maplibregl-canvas').boundingBox())!;
    await secretary.mouse.click(box.x + box.width / 2 + 90, box.y + box.height / 2 - 50);
    await secretary.waitForFunction(() => (document.querySelector('[data-testid=households-position]') as HTMLInputElement | null)?.value !== '');
    await secretary.getByTestId('households-label').fill('联系户·测试家庭');
    await secretary.getByTestId('households-add').click();
    await secretary.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=household-map]')?.getAttribute('data-household-links')) === n,
      center.households + 1,
    );
    await mapSettled(secretary);
    await tallShot(secretary, 'registry-households-editor.png');
    await secretary.getByTestId('households-save').click();
    await secretary.locator('[data-testid=household]', { hasText: '联系户·测试家庭' }).waitFor();
    expect(await secretary.locator('[data-testid=place-history-list] [data-action=households_replaced]').textContent()).toContain('调整联系户');
    const { rows } = await ctx.db.query<{ n: number }>(`select count(*)::int as n from place_household where place_id = $1 and label = '联系户·测试家庭'`, [
      center.id,
    ]);
    expect(rows[0]!.n).toBe(1);
    expect(await secretary.locator('[data-testid=household-map]').getAttribute('data-household-links')).toBe(String(center.households + 1));
    await mapSettled(secretary);
    await tallShot(secretary, 'registry-households.png');

    // the registry's map draws the same lines from the center household
    await secretary.getByTestId('place-show-on-map').click();
    await secretary.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=registry-map]')?.getAttribute('data-household-links')) === n,
      center.households + 1,
    );
  });

  it('is usable on a phone: the review and the household editor fit under 600 px', async () => {
    const storageState = await secretaryContext.storageState();
    const phone = await (
      await browser.newContext({ storageState, viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
    ).newPage();
    for (const where of ['/registry/review', `/registry/places/${center.id}`]) {
      await phone.goto(`${server.baseUrl}${where}`);
      await phone.getByTestId(where.endsWith('review') ? 'rules-form' : 'households-edit').waitFor();
      if (!where.endsWith('review')) await phone.getByTestId('households-edit').click();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await textLayoutProblems(phone)).toEqual([]);
      await phone.screenshot({ path: path.join(artifactsDir, where.endsWith('review') ? 'registry-rules-phone.png' : 'registry-households-phone.png') });
    }
    await phone.close();
  });
});
