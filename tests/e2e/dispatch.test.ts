import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { DispatchView } from '../../server/src/contract/dispatch.ts';
import { linkKey, linkTtlSeconds, memberLink, memberLinkFor } from '../../server/src/member-link/member-link.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage } from './sign-in-page.ts';

let server: TestServer;
let browser: Browser;
let consoleContext: BrowserContext;
let memberContext: BrowserContext;
let page: Page;
let phone: Page;
const dispatcher = { username: 'e2e_dispatcher', password: 'e2e dispatcher password', display_name: '调度测试员' };

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server.db, { ...dispatcher, role: 'dispatcher', scope: demoCounty });
  browser = await launchBrowser();
  consoleContext = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  page = await consoleContext.newPage();
  // the member's phone: another browser profile, with no session at all
  memberContext = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  phone = await memberContext.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Marks the page, so a later check can tell it was never reloaded. */
async function markNoReload(p: Page): Promise<void> {
  await p.evaluate(() => {
    (window as unknown as { __noReload?: boolean }).__noReload = true;
  });
}
async function wasNotReloaded(p: Page): Promise<boolean> {
  return p.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}

const alertRow = (memberId: string, state: string) => `[data-testid=alert-row][data-member-id="${memberId}"][data-state="${state}"]`;

describe('the dispatch console and the member page', () => {
  let caseId: number;
  let dispatchId: number;
  let memberId: string;

  it('registers an incident clicked at the map centre, located by the server, with candidates ranked by distance', async () => {
    await signInThroughPage(page, server.baseUrl, '/dispatch?test=1', dispatcher);
    await page.getByTestId('dispatch-page').waitFor();
    expect(await page.getByTestId('nav-dispatch').textContent()).toBe('应急调度');
    await page.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid=live-indicator][data-live-state=open]', { timeout: 30_000 });

    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('case-form').waitFor();
    await page.getByTestId('case-kind').selectOption('fire');
    await page.getByTestId('case-title').fill('幸福巷3栋楼道起火');
    await page.getByTestId('case-description').fill('三楼楼道堆放杂物起火，有老人行动不便，需要急救和疏散人员。');
    const created = page.waitForResponse((res) => res.url().endsWith('/api/v1/cases') && res.request().method() === 'POST');
    await page.getByTestId('case-submit').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    expect(answer.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    caseId = ((await answer.json()) as CaseView).id;

    await page.waitForURL((url) => url.searchParams.get('case') === String(caseId));
    expect(new URL(page.url()).searchParams.get('test')).toBe('1');
    const card = page.getByTestId('case-card');
    await card.waitFor();
    const stored = await server.getJson<CaseView>(`/api/v1/cases/${caseId}`);
    expect(stored.status).toBe(200);
    expect(stored.body.grid).not.toBeNull();
    expect(await card.textContent()).toContain(stored.body.grid!.name);
    expect(await page.getByTestId('case-view-title').textContent()).toBe('幸福巷3栋楼道起火');
    expect(await page.getByTestId('timeline-entry').count()).toBeGreaterThan(0);

    await page.getByTestId('nearby-row').first().waitFor({ timeout: 30_000 });
    const distances = await page.getByTestId('nearby-row').evaluateAll((rows) => rows.map((row) => row.querySelector('td.num')?.textContent ?? ''));
    expect(distances.length).toBeGreaterThan(0);
    expect(distances[0]).toMatch(/^\d+ 米$|^\d+\.\d 公里$/);
  });

  it('dispatches, and a member accepting on their phone turns their row to 已接受 on the console without a reload', async () => {
    await markNoReload(page);
    await page.getByTestId('dispatch-submit').click();
    await page.getByTestId('alert-row').first().waitFor({ timeout: 30_000 });
    const status = page.getByTestId('dispatch-status');
    expect(await status.getAttribute('data-status')).toBe('active');
    dispatchId = Number(await status.getAttribute('data-dispatch-id'));
    const dispatch = await server.getJson<DispatchView>(`/api/v1/dispatches/${dispatchId}`);
    expect(dispatch.body.case_id).toBe(caseId);
    memberId = (await page.locator('[data-testid=alert-row][data-state=alerted]').first().getAttribute('data-member-id'))!;
    expect(dispatch.body.alerts.map((a) => String(a.member.id))).toContain(memberId);
    // no SMS gateway here: the member's row says the SMS was not sent, without a reload
    const smsNote = page.locator(`[data-testid=alert-row][data-member-id="${memberId}"] [data-testid=sms-note][data-sms=not_sent]`);
    await smsNote.waitFor({ timeout: 10_000 });
    expect(await smsNote.textContent()).toBe('未发送短信');

    await phone.goto(`${server.baseUrl}${await memberLink(server.db, dispatchId, Number(memberId))}?test=1`);
    const memberPage = phone.locator('[data-testid=member-page][data-state=alerted]');
    await memberPage.waitFor();
    expect(await phone.getByTestId('member-case-title').textContent()).toBe('幸福巷3栋楼道起火');
    expect(await phone.getByTestId('user-name').count()).toBe(0);
    expect(new URL(phone.url()).pathname).toMatch(/^\/m\//);
    await phone.waitForTimeout(500);
    await phone.screenshot({ path: path.join(artifactsDir, 'member.png') });

    await phone.getByTestId('member-accept').click();
    await phone.locator('[data-testid=member-page][data-state=accepted]').waitFor();
    await phone.getByTestId('member-arrived').waitFor();
    expect(await phone.getByTestId('member-accept').count()).toBe(0);

    await page.locator(alertRow(memberId, 'accepted')).waitFor({ timeout: 20_000 });
    expect(await page.locator(alertRow(memberId, 'accepted')).textContent()).toContain('已接受');
    expect(await wasNotReloaded(page)).toBe(true);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifactsDir, 'dispatch.png') });
  });

  it('shows 已到达 on the console once the member says 我已到达', async () => {
    await phone.getByTestId('member-arrived').click();
    await phone.locator('[data-testid=member-page][data-state=arrived]').waitFor();
    await page.locator(alertRow(memberId, 'arrived')).waitFor({ timeout: 20_000 });
    expect(await wasNotReloaded(page)).toBe(true);
  });

  it('tells the member when a link is invalid or expired, without asking them to sign in', async () => {
    await phone.goto(`${server.baseUrl}/m/not-a-real-link`);
    await phone.locator('[data-testid=member-page][data-error-code=not_found]').waitFor();
    expect(await phone.getByTestId('member-error').textContent()).toContain('链接无效');

    const expired = memberLinkFor(await linkKey(server.db), dispatchId, Number(memberId), Date.now() - (linkTtlSeconds + 60) * 1000);
    await phone.goto(`${server.baseUrl}${expired}`);
    await phone.locator('[data-testid=member-page][data-error-code=link_expired]').waitFor();
    expect(await phone.getByTestId('member-error').textContent()).toContain('链接已过期');
    expect(new URL(phone.url()).pathname).toBe(expired);
  });

  it('ends the dispatch (结束调度), then closes the case (结案)', async () => {
    await page.getByTestId('close-dispatch').click();
    await page.locator('[data-testid=dispatch-status][data-status=closed]').waitFor({ timeout: 20_000 });
    await page.getByTestId('close-case').click();
    await page.locator('[data-testid=case-card][data-case-status=closed]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('close-case').count()).toBe(0);
    const stored = await server.getJson<CaseView>(`/api/v1/cases/${caseId}`);
    expect(stored.body.status).toBe('closed');
    expect(await page.getByTestId('timeline-entry').last().textContent()).toContain('结案');
  });
});
