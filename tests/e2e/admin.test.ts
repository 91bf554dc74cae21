import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import { artifactsDir, launchBrowser } from '../support/browser.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { signInThroughPage } from './sign-in-page.ts';

/**
 * The administration page (/admin) in Chromium: an admin reaches it from the top bar, creates a wall
 * token and sees its link once, sees it listed, revokes it (the wall then refused), and adds an account.
 */

let server: TestServer;
let browser: Browser;
let page: Page;

const admin = { username: 'e2e_admin_page', password: 'e2e admin page password', display_name: '测试系统管理员' };
const dispatcher = { username: 'e2e_admin_dispatcher', password: 'e2e admin dispatcher password', display_name: '测试调度员' };

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server.db, { ...admin, role: 'admin', scope: demoCounty });
  await createUser(server.db, { ...dispatcher, role: 'dispatcher', scope: demoCounty });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' })).newPage();
  await signInThroughPage(page, server.baseUrl, '/', admin);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the administration page', () => {
  it('is linked in the top bar as 系统管理 for an admin', async () => {
    const link = page.getByTestId('nav-admin');
    expect(await link.textContent()).toBe('系统管理');
    await link.click();
    await page.waitForURL((url) => url.pathname === '/admin');
    await page.getByTestId('admin-page').waitFor();
    expect(await page.locator('.admin-header h1').textContent()).toBe('系统管理');
  });

  it('creates a wall token, shows its link once and lists it; the link opens the wall', async () => {
    await page.getByTestId('wall-token-name').fill('端到端测试大屏');
    await page.getByTestId('wall-token-create').click();
    const link = (await page.getByTestId('wall-token-link').textContent())!;
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/wall#token=.+`));
    const row = page.locator('[data-testid=wall-token-row]', { hasText: '端到端测试大屏' });
    await row.waitFor();
    expect(await row.getAttribute('data-revoked')).toBe('false');
    expect(await row.textContent()).toContain('有效');

    const token = decodeURIComponent(link.split('#token=')[1]!);
    const towns = await fetch(`${server.baseUrl}/api/v1/areas?level=town`, { headers: { authorization: `Bearer ${token}` } });
    expect(towns.status).toBe(200);
    await page.screenshot({ path: path.join(artifactsDir, 'admin-wall-token-created.png'), fullPage: true });
  });

  it('revokes the token after a confirmation: listed as 已撤销, and the API refuses it', async () => {
    const link = (await page.getByTestId('wall-token-link').textContent())!;
    const token = decodeURIComponent(link.split('#token=')[1]!);
    const row = page.locator('[data-testid=wall-token-row]', { hasText: '端到端测试大屏' });
    await row.getByTestId('wall-token-revoke').click();
    await row.getByTestId('wall-token-revoke-confirm').click();
    await page.locator('[data-testid=wall-token-row][data-revoked=true]', { hasText: '端到端测试大屏' }).waitFor();
    expect(await row.textContent()).toContain('已撤销');
    expect(await row.getByTestId('wall-token-revoke').count()).toBe(0);
    const refused = await fetch(`${server.baseUrl}/api/v1/areas?level=town`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
  });

  it('adds an account with a role over the county and lists it', async () => {
    await page.getByTestId('user-username').fill('e2e_admin_created');
    await page.getByTestId('user-display-name').fill('新建调度员');
    await page.getByTestId('user-password').fill('a long enough password');
    await page.getByTestId('user-role').selectOption('dispatcher');
    await page.getByTestId('user-create').click();
    const row = page.locator('[data-testid=user-row][data-username=e2e_admin_created]');
    await row.waitFor();
    expect(await row.textContent()).toContain('应急调度员');
    await page.screenshot({ path: path.join(artifactsDir, 'admin.png'), fullPage: true });
  });

  it('switches the account off after a confirmation (it can no longer sign in), and on again', async () => {
    // no switch on the admin's own row
    expect(await page.locator('[data-testid=user-row]').filter({ hasText: '测试系统管理员' }).getByTestId('user-disable').count()).toBe(0);
    const row = page.locator('[data-testid=user-row][data-username=e2e_admin_created]');
    await row.getByTestId('user-disable').click();
    await row.getByTestId('user-disable-confirm').click();
    await row.getByTestId('user-enable').waitFor();
    expect(await row.textContent()).toContain('停用');
    const signIn = () =>
      fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'e2e_admin_created', password: 'a long enough password' }),
      }).then((r) => r.status);
    expect(await signIn()).toBe(401);
    await row.getByTestId('user-enable').click();
    await row.getByTestId('user-disable').waitFor();
    expect(await signIn()).toBe(200);
  });

  it('speaks English when switched, and is not offered to a dispatcher', async () => {
    await page.locator('[data-testid=language-switch] button[lang=en]').click();
    expect(await page.locator('.admin-header h1').textContent()).toBe('Administration');
    expect(await page.locator('#admin-tokens-title').textContent()).toBe('Wall tokens');
    await page.locator('[data-testid=language-switch] button[lang=zh-CN]').click();

    const other = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
    await signInThroughPage(other, server.baseUrl, '/', dispatcher);
    expect(await other.getByTestId('nav-admin').count()).toBe(0);
    await other.goto(`${server.baseUrl}/admin`);
    await other.getByTestId('user-name').waitFor();
    expect(await other.getByTestId('admin-page').count()).toBe(0);
    await other.close();
  });
});
