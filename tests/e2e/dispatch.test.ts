import path from 'node:path';
import QRCode from 'qrcode';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { DispatchView } from '../../server/src/contract/dispatch.ts';
import { linkKey, linkTtlSeconds, memberLinkFor } from '../../server/src/member-link/member-link.ts';
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
  memberContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
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

/** The dark and light modules of a QR code image, read at each module's centre (`margin` modules of quiet zone). */
function readQrModules(img: Locator, size: number, margin: number): Promise<boolean[]> {
  return img.evaluate(
    (el, [n, m]) => {
      const image = el as HTMLImageElement;
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const g = canvas.getContext('2d')!;
      g.drawImage(image, 0, 0);
      const scale = image.naturalWidth / (n + 2 * m);
      const modules: boolean[] = [];
      for (let row = 0; row < n; row++) {
        for (let col = 0; col < n; col++) {
          const [r] = g.getImageData(Math.floor((m + col + 0.5) * scale), Math.floor((m + row + 0.5) * scale), 1, 1).data;
          modules.push(r! < 128);
        }
      }
      return modules;
    },
    [size, margin] as const,
  );
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

    // from the keyboard: the incident placed at the map centre, then given up
    await page.getByTestId('place-at-centre').click();
    await page.getByTestId('case-form').waitFor();
    await page.getByTestId('case-cancel').click();
    await page.getByTestId('case-form').waitFor({ state: 'detached' });

    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('case-form').waitFor();
    // where it falls, before it is registered
    await page.getByTestId('case-place-grid').waitFor({ timeout: 10_000 });
    const placeGrid = await page.getByTestId('case-place-grid').textContent();
    expect(await page.getByTestId('case-place-leader').textContent()).not.toBe('');
    // no default kind: a stray click does not become a fire
    await page.getByTestId('case-title').fill('幸福巷3栋楼道起火');
    expect(await page.getByTestId('case-kind').inputValue()).toBe('');
    expect(await page.getByTestId('case-submit').isDisabled()).toBe(true);
    await page.getByTestId('case-kind').selectOption('fire');
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
    expect(placeGrid).toBe(stored.body.grid!.name);
    expect(await page.getByTestId('case-view-title').textContent()).toBe('幸福巷3栋楼道起火');
    expect(await page.getByTestId('timeline-entry').count()).toBeGreaterThan(0);

    await page.getByTestId('nearby-row').first().waitFor({ timeout: 30_000 });
    const distances = await page.getByTestId('nearby-row').evaluateAll((rows) => rows.map((row) => row.querySelector('td.num')?.textContent ?? ''));
    expect(distances.length).toBeGreaterThan(0);
    expect(distances[0]).toMatch(/^\d+ 米$|^\d+\.\d 公里$/);
    // the kind suggests skills, without choosing them
    expect(await page.getByTestId('skill-suggestion').textContent()).toContain('急救');
    expect(await page.locator('[data-testid=dispatch-skill][aria-pressed=true]').count()).toBe(0);
  });

  it('dispatches, and a member accepting on their phone turns their row to 已接受 on the console without a reload', async () => {
    await markNoReload(page);
    await page.getByTestId('dispatch-submit').click();
    await page.getByTestId('alert-row').first().waitFor({ timeout: 30_000 });
    const status = page.getByTestId('dispatch-status');
    expect(await status.getAttribute('data-status')).toBe('active');
    dispatchId = Number(await status.getAttribute('data-dispatch-id'));
    // each open alert counts down to its timeout (the next wave)
    const countdown = page.locator('[data-testid=alert-row][data-state=alerted] [data-testid=alert-countdown]').first();
    await countdown.waitFor();
    expect(Number(await countdown.getAttribute('data-seconds-left'))).toBeGreaterThan(0);
    expect(await countdown.textContent()).toMatch(/^剩余 \d+:\d\d$/);
    const dispatch = await server.getJson<DispatchView>(`/api/v1/dispatches/${dispatchId}`);
    expect(dispatch.body.case_id).toBe(caseId);
    memberId = (await page.locator('[data-testid=alert-row][data-state=alerted]').first().getAttribute('data-member-id'))!;
    expect(dispatch.body.alerts.map((a) => String(a.member.id))).toContain(memberId);
    // no SMS gateway here: the member's row says the SMS was not sent, without a reload
    const smsNote = page.locator(`[data-testid=alert-row][data-member-id="${memberId}"] [data-testid=sms-note][data-sms=not_sent]`);
    await smsNote.waitFor({ timeout: 10_000 });
    expect(await smsNote.textContent()).toBe('未发送短信');

    // an exercise (演练): the dispatcher shows the member their link as a QR code, or copies it
    const row = page.locator(`[data-testid=alert-row][data-member-id="${memberId}"]`);
    const shown = page.waitForResponse((res) => res.url().endsWith(`/members/${memberId}/link`));
    await row.getByTestId('member-link-show').click();
    const linkAnswer = await shown;
    expect(linkAnswer.status()).toBe(200);
    expect(linkAnswer.headers()['cache-control']).toBe('no-store');
    const url = await row.getByTestId('member-link-url').inputValue();
    expect(url).toMatch(new RegExp(`^${server.baseUrl}/m/[\\w-]+\\.[\\w-]+$`));
    // the QR code says exactly the link
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    expect(await readQrModules(row.getByTestId('member-link-qr'), expected.size, 2)).toEqual(Array.from(expected.data, (dark) => dark === 1));
    await row.getByTestId('member-link-copy').click();
    await row.getByText('已复制').waitFor();
    const { rows: reads } = await server.db.query<{ user_id: number; target_ids: string[] }>(
      "select user_id, target_ids from audit_log where action = 'dispatch.read_member_link' and detail->>'dispatch_id' = $1",
      [String(dispatchId)],
    );
    expect(reads.map((r) => r.target_ids.map(String))).toEqual([[memberId]]);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, 'dispatch-member-link.png') });

    await phone.goto(`${url}?test=1`);
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
    // a responder can be called: their phone only once they accepted
    const {
      rows: [member],
    } = await server.db.query<{ phone: string | null }>('select phone from member where id = $1', [memberId]);
    const call = page.locator(`${alertRow(memberId, 'accepted')} [data-testid=call-member]`);
    if (member!.phone) expect(await call.getAttribute('href')).toBe(`tel:${member!.phone}`);
    else expect(await call.count()).toBe(0);
    expect(await page.locator('[data-testid=alert-row][data-state=alerted] [data-testid=call-member]').count()).toBe(0);
    // the timeline names the member, not their id
    const name = (await page.locator(`${alertRow(memberId, 'accepted')} .alert-name strong`).textContent())!;
    await page
      .getByTestId('timeline-entry')
      .filter({ hasText: `党员 ${name} 接受` })
      .waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('case-timeline').textContent()).not.toContain(`#${memberId}`);
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
    // both ask first; 取消 leaves things as they are
    await page.getByTestId('close-dispatch').click();
    await page.getByTestId('close-dispatch-cancel').click();
    expect(await page.getByTestId('dispatch-status').getAttribute('data-status')).not.toBe('closed');
    await page.getByTestId('close-dispatch').click();
    expect(await page.getByTestId('close-dispatch-ask').textContent()).toContain('确认结束调度');
    await page.getByTestId('close-dispatch-confirm').click();
    await page.locator('[data-testid=dispatch-status][data-status=closed]').waitFor({ timeout: 20_000 });
    await page.getByTestId('close-case').click();
    expect(await page.getByTestId('close-case-ask').textContent()).toContain('确认结案');
    await page.getByTestId('close-case-confirm').click();
    await page.locator('[data-testid=case-card][data-case-status=closed]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('close-case').count()).toBe(0);
    const stored = await server.getJson<CaseView>(`/api/v1/cases/${caseId}`);
    expect(stored.body.status).toBe('closed');
    expect(await page.getByTestId('timeline-entry').last().textContent()).toContain('结案');
  });

  it('places an incident by a place search (地点搜索)', async () => {
    await page.getByTestId('back-to-cases').click();
    // by name: a place search puts the incident in the community found
    const { rows: found } = await server.db.query<{ name: string }>("select name from area where level = 'community' order by code limit 1");
    await page.getByTestId('place-search').fill(found[0]!.name);
    await page.locator('[data-testid=place-result][data-kind=community]').first().click();
    await page.getByTestId('case-form').waitFor();
    await page.getByTestId('case-place-community').filter({ hasText: found[0]!.name }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifactsDir, 'dispatch-case-form.png') });
    await page.getByTestId('case-cancel').click();
    await page.getByTestId('case-form').waitFor({ state: 'detached' });
  });
});
