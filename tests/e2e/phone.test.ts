import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { DispatchView } from '../../server/src/contract/dispatch.ts';
import { memberLink } from '../../server/src/member-link/member-link.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { textLayoutProblems } from '../support/text-layout.ts';
import { submitSignIn } from './sign-in-page.ts';

let server: TestServer;
let browser: Browser;
let dispatcher: ApiClient;
let caseId: number;
let site: { lng: number; lat: number };
const admin = { username: 'e2e_phone_admin', password: 'e2e phone admin password' };
const phoneSize = { width: 390, height: 844 };
const languages = ['zh-CN', 'en'] as const;

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server.db, { ...admin, display_name: '手机测试管理员', role: 'admin', scope: demoCounty });
  dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', demoCounty);
  const { rows } = await server.db.query<{ lng: number; lat: number }>(
    `select st_x(home) as lng, st_y(home) as lat from member where available order by id limit 1`,
  );
  site = rows[0]!;
  const created = await dispatcher.send<CaseView>(
    'POST',
    '/api/v1/cases',
    {
      kind: 'fire',
      title: '幸福巷3栋楼道起火',
      description: '三楼楼道堆放杂物起火，需要疏散老人。',
      lng: site.lng + 0.001,
      lat: site.lat,
      severity: 'critical',
    },
    { 'idempotency-key': randomUUID() },
  );
  caseId = created.body.id;
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A new incident and dispatch next to the case's: the link of its first alerted member. */
async function alertedMemberPath(): Promise<string> {
  const created = await dispatcher.send<CaseView>(
    'POST',
    '/api/v1/cases',
    { kind: 'medical', title: '老人摔倒需要帮助', lng: site.lng - 0.001, lat: site.lat, severity: 'high' },
    { 'idempotency-key': randomUUID() },
  );
  const started = await dispatcher.send<{ id: number }>('POST', `/api/v1/cases/${created.body.id}/dispatch`, {
    radius: 2000,
    waveSize: 3,
    target: 3,
    alertTimeout: 3600,
  });
  const dispatch = (await dispatcher.getJson<DispatchView>(`/api/v1/dispatches/${started.body.id}`)).body;
  return memberLink(server.db, started.body.id, dispatch.alerts[0]!.member.id);
}

/** Signs in on the sign-in page; the user's name is in the folded menu, so it is not waited for. */
async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await submitSignIn(page, admin);
  await page.waitForURL((url) => url.pathname + url.search === path);
}

async function phoneContext(language: string): Promise<BrowserContext> {
  return browser.newContext({ viewport: phoneSize, deviceScaleFactor: 2, locale: language, isMobile: true, hasTouch: true });
}

/** Saves the screenshot and answers the text that overlaps or is squeezed on it. */
async function shoot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(artifactsDir, `phone-${name}.png`) });
  return textLayoutProblems(page);
}

describe.each(languages)('on a 390×844 phone, in %s', (language) => {
  let context: BrowserContext;
  let page: Page;
  const lang = language === 'en' ? '&lang=en' : '';
  beforeAll(async () => {
    context = await phoneContext(language);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('the map page: the top bar folds into a menu, no text overlaps or stands one character a line', async () => {
    await signIn(page, `/?test=1${lang}`);
    await page.waitForSelector('body[data-grids-ready="true"]', { timeout: 90_000 });
    expect(await shoot(page, `map-${language}`)).toEqual([]);
    await page.getByTestId('nav-menu-button').click();
    await page.getByTestId('nav-audit').waitFor();
    expect(await shoot(page, `menu-${language}`)).toEqual([]);
    const targets = await page
      .locator('.top-bar button:visible, .top-bar a:visible')
      .evaluateAll((all) => all.map((e) => ({ text: e.textContent, height: e.getBoundingClientRect().height, width: e.getBoundingClientRect().width })));
    for (const target of targets) expect(Math.min(target.height, target.width), target.text ?? '').toBeGreaterThanOrEqual(44);
    await page.getByTestId('nav-menu-button').click();

    // zoom 13.5 over the town centre: community names above grid names, neither colliding (look at the screenshot)
    await page.evaluate(() => {
      const map = (window as unknown as { __redgridMap: { jumpTo(o: object): void } }).__redgridMap;
      map.jumpTo({ center: [104.745, 31.465], zoom: 13.5 });
    });
    await page.waitForTimeout(4000);
    expect(await shoot(page, `map-z13-${language}`)).toEqual([]);
  });

  it('the dispatch page', async () => {
    await page.goto(`${server.baseUrl}/dispatch?test=1&case=${caseId}`);
    await page.getByTestId('case-card').waitFor({ timeout: 30_000 });
    expect(await shoot(page, `dispatch-${language}`)).toEqual([]);
    // the console and the map's legend within the screen's width, not cut off at its right edge
    const beyond = await page.evaluate(() =>
      [...document.querySelectorAll('.dispatch-sidebar, .map-legend, [data-testid=case-card]')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => e.className),
    );
    expect(beyond).toEqual([]);
  });

  it('the audit page', async () => {
    await page.goto(`${server.baseUrl}/audit?test=1`);
    await page.getByTestId('audit-row').first().waitFor({ timeout: 30_000 });
    expect(await shoot(page, `audit-${language}`)).toEqual([]);
    // the dispatcher's case is named in the page's language, its scope by the area's name (filtered
    // to case registrations: other suites write many records to the same database meanwhile)
    await page.getByTestId('audit-filter-action').selectOption('case.create');
    await page.getByTestId('audit-apply').click();
    const registered = page.locator('[data-testid=audit-row][data-action="case.create"]').first();
    expect(await registered.locator('td').nth(2).textContent()).toBe(language === 'en' ? 'Registered a case' : '登记事件');
    expect(await registered.getByTestId('audit-scope').textContent()).toMatch(/社区|村/);
    const options = await page
      .getByTestId('audit-filter-action')
      .locator('option')
      .evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(['case.create', 'dispatch.start', 'plan.publish', 'governance.import']));
    const heights = await page
      .locator('.audit-filters button, .audit-filters input, .audit-filters select')
      .evaluateAll((all) => all.map((e) => e.getBoundingClientRect().height));
    for (const height of heights) expect(height).toBeGreaterThanOrEqual(44);
  });

  it("the member page: navigate, whom to call, then accepted and 'I can't come after all'", async () => {
    // the phone allows its position: the member sees themself on the map after 显示我的位置
    const memberContext = await browser.newContext({
      viewport: phoneSize,
      deviceScaleFactor: 2,
      locale: language,
      isMobile: true,
      hasTouch: true,
      geolocation: { longitude: site.lng, latitude: site.lat },
      permissions: ['geolocation'],
    });
    const phone = await memberContext.newPage();
    await phone.goto(`${server.baseUrl}${await alertedMemberPath()}?test=1${lang}`);
    await phone.locator('[data-testid=member-page][data-state=alerted]').waitFor();
    await phone.locator('.maplibregl-canvas').waitFor();
    await phone.waitForTimeout(1500);
    const navigateHref = await phone.getByTestId('member-navigate').getAttribute('href');
    expect(navigateHref).toMatch(/^geo:-?\d+\.\d+,-?\d+\.\d+\?q=/);
    expect(await phone.getByTestId('member-dispatcher').textContent()).toContain(language === 'en' ? 'Dispatcher' : '调度员');
    await phone.getByTestId('member-locate').click();
    await phone.locator('[data-testid=member-locate][data-position=shown]').waitFor();
    expect(await shoot(phone, `member-${language}`)).toEqual([]);

    await phone.getByTestId('member-accept').click();
    await phone.locator('[data-testid=member-page][data-state=accepted]').waitFor();
    await phone.waitForTimeout(1000);
    expect(await shoot(phone, `member-accepted-${language}`)).toEqual([]);
    await phone.getByTestId('member-cannot-come').click();
    await phone.locator('[data-testid=member-page][data-state=declined]').waitFor();
    expect(await phone.getByTestId('member-navigate').count()).toBe(0);
    await phone.context().close();
  });
});
