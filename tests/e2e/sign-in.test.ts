import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertAudit } from '../../server/src/audit/queries.ts';
import { createUser } from '../../server/src/auth/users.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage, submitSignIn } from './sign-in-page.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const admin = { username: 'e2e_signin_admin', password: 'e2e sign-in admin password', display_name: '测试管理员' };
const secretary = { username: 'e2e_signin_secretary', password: 'e2e sign-in secretary password', display_name: '测试书记' };
const auditor = { username: 'e2e_signin_auditor', password: 'e2e sign-in auditor password', display_name: '测试审计员' };
const lockable = { username: 'e2e_signin_lockable', password: 'e2e sign-in lockable password', display_name: '测试锁定' };
let auditorId: number;
let town: { code: string; name: string };

beforeAll(async () => {
  server = await startTestServer();
  const { rows } = await server.db.query<{ code: string; name: string }>("select code, name from area where level = 'town' order by code limit 1");
  town = rows[0]!;
  await createUser(server.db, { ...admin, role: 'admin', scope: demoCounty });
  await createUser(server.db, { ...secretary, role: 'secretary', scope: town.code });
  auditorId = await createUser(server.db, { ...auditor, role: 'admin', scope: demoCounty });
  await createUser(server.db, { ...lockable, role: 'planner', scope: demoCounty });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser profile per test: no cookie carried from one test to the next. */
async function freshPage(): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  return page;
}
afterEach(async () => {
  await context?.close();
});

/** What the server says about the page's cookie, asked from inside the page. */
function meStatus(p: Page): Promise<number> {
  return p.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
}

describe('signing in', () => {
  it('sends a signed-out visitor to 登录, refuses a wrong password with 用户名或密码错误, then lands where they were going', async () => {
    await freshPage();
    await page.goto(`${server.baseUrl}/?test=1`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?test=1');
    expect(await page.locator('.sign-in-card h2').textContent()).toBe('登录');
    expect(await page.getByTestId('user-name').count()).toBe(0);

    await submitSignIn(page, { username: admin.username, password: 'not the password' });
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('用户名或密码错误');
    expect(await error.getAttribute('data-error-code')).toBe('invalid_credentials');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await meStatus(page)).toBe(401);
    await page.screenshot({ path: path.join(artifactsDir, 'sign-in.png') });

    await submitSignIn(page, admin);
    await page.waitForURL((url) => url.pathname + url.search === '/?test=1');
    await page.getByTestId('map').waitFor();
    expect(await page.getByTestId('user-name').textContent()).toBe(admin.display_name);
    expect(await page.getByTestId('user-roles').textContent()).toMatch(/^管理员 · \S+/);
    expect(await meStatus(page)).toBe(200);
  });

  it('never follows ?next= off this site', async () => {
    for (const next of ['https://example.com/', '//example.com/x', '/\\example.com/x']) {
      await context?.close();
      await freshPage();
      await page.goto(`${server.baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
      await submitSignIn(page, admin);
      await page.waitForURL((url) => url.pathname === '/');
      expect(new URL(page.url()).origin).toBe(server.baseUrl);
    }
  });

  it('locks the account after repeated failures with 尝试次数过多，请 N 秒后再试', async () => {
    await freshPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const answer = page.waitForResponse((res) => res.url().endsWith('/api/v1/auth/sign-in'));
      await submitSignIn(page, { username: lockable.username, password: `wrong ${attempt}` });
      statuses.push((await answer).status());
      await page.getByTestId('sign-in-error').waitFor();
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const error = page.getByTestId('sign-in-error');
    await page.locator('[data-testid=sign-in-error][data-error-code=too_many_attempts]').waitFor();
    expect(await error.textContent()).toMatch(/^尝试次数过多，请 \d+ 秒后再试$/);
    expect(await page.getByTestId('sign-in-submit').isDisabled()).toBe(true);
  });
});

describe('signing out', () => {
  it('ends the session on the server and goes back to the sign-in page; stays signed in when the server did not', async () => {
    await freshPage();
    await signInThroughPage(page, server.baseUrl, '/', admin);

    // when the server did not end the session, the page must not pretend it did
    await page.route('**/api/v1/auth/sign-out', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"unavailable","message":"down"}}',
      }),
    );
    await page.getByTestId('sign-out').click();
    expect(await page.getByTestId('sign-out-error').textContent()).toBe('退出失败，请重试');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('user-name').textContent()).toBe(admin.display_name);
    await page.unroute('**/api/v1/auth/sign-out');

    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByTestId('sign-in-username').waitFor();
    expect(await page.getByTestId('user-name').count()).toBe(0);
    expect(await meStatus(page)).toBe(401);

    await page.goto(`${server.baseUrl}/audit`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/audit');
  });
});

describe('the audit log', () => {
  it('is linked for an admin and lists their own sign-in, newest first', async () => {
    await freshPage();
    await signInThroughPage(page, server.baseUrl, '/', admin);
    const link = page.getByTestId('nav-audit');
    expect(await link.textContent()).toBe('审计日志');
    await link.click();
    await page.waitForURL((url) => url.pathname === '/audit');

    const ownSignIn = page.locator('[data-testid=audit-row][data-action="auth.sign_in"]', {
      has: page.getByTestId('audit-user').filter({ hasText: admin.username }),
    });
    await ownSignIn.first().waitFor();
    expect(await ownSignIn.first().locator('td').nth(2).textContent()).toBe('登录');
    expect(await page.locator('thead th').allTextContents()).toEqual(['时间', '用户', '操作', '对象', '范围', 'IP']);
    const ids = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.entryId)));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await page.screenshot({ path: path.join(artifactsDir, 'audit.png') });

    await page.getByTestId('audit-filter-action').selectOption('auth.sign_in');
    await page.getByTestId('audit-filter-user').fill(admin.username);
    const filtered = page.waitForResponse((res) => res.url().includes(`/api/v1/audit?username=${admin.username}&action=auth.sign_in&`));
    await page.getByTestId('audit-apply').click();
    expect((await filtered).status()).toBe(200);
    // the first page was cleared when the filter changed, so rows now are the filtered answer
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid=audit-row]')];
      return rows.length > 0 && rows.every((row) => row.dataset.action === 'auth.sign_in');
    });
    const users = await page.getByTestId('audit-user').allTextContents();
    expect(users.every((user) => user === admin.username)).toBe(true);
    // the scope is the area's name, its code in the tooltip
    expect(await page.getByTestId('audit-scope').first().textContent()).not.toMatch(/^\d{12}$/);
  });

  it('pages back with 加载更早 until there is nothing earlier', async () => {
    const seeded = 60;
    for (let i = 0; i < seeded; i++) {
      await insertAudit(server.db, {
        userId: auditorId,
        action: 'member.read_exact',
        targetKind: 'member',
        targetIds: Array.from({ length: 1 + (i % 6) }, (_, k) => 1000 + i * 10 + k),
        scope: demoCounty,
        ip: '10.1.2.3',
      });
    }
    await freshPage();
    await signInThroughPage(page, server.baseUrl, '/audit', auditor);
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    const filtered = page.waitForResponse((res) => res.url().includes(`/api/v1/audit?username=${auditor.username}&`));
    await page.getByTestId('audit-filter-user').fill(auditor.username);
    await page.getByTestId('audit-apply').click();
    expect((await filtered).status()).toBe(200);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=audit-row]').length === 50);

    // newest first: the sign-in just made, then the seeded reads; six ids show as three and a count
    expect(await rows.first().getAttribute('data-action')).toBe('auth.sign_in');
    const read = rows.nth(1);
    expect(await read.locator('td').nth(2).textContent()).toBe('查看党员精确位置');
    expect(await read.locator('td').nth(3).textContent()).toBe('党员 #1590, #1591, #1592 等，共 6 个');

    await page.getByTestId('audit-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=audit-row]').length === n, seeded + 1);
    await page.locator('[data-testid=audit-page][data-audit-state=done]').waitFor();
    expect(await page.getByTestId('audit-more').count()).toBe(0);
    expect(await page.locator('.audit-footer').textContent()).toContain('没有更早的记录');
    const ids = await rows.evaluateAll((all) => all.map((row) => Number((row as HTMLElement).dataset.entryId)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('is neither linked nor shown to a secretary', async () => {
    await freshPage();
    await signInThroughPage(page, server.baseUrl, '/', secretary);
    expect(await page.getByTestId('user-roles').textContent()).toBe(`组织书记 · ${town.name}`);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);

    await page.goto(`${server.baseUrl}/audit`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('forbidden').locator('h1').textContent()).toBe('无权访问');
    expect(await page.getByTestId('audit-row').count()).toBe(0);
  });
});
