import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export type Credentials = { username: string; password: string };

/** Fills and submits the sign-in form the page is showing. */
export async function submitSignIn(page: Page, { username, password }: Credentials): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/**
 * Opens `path` signed out, checks that the app sends the browser to the sign-in page with `path` as
 * `next`, signs in there and waits until it is back on `path`.
 */
export async function signInThroughPage(page: Page, baseUrl: string, path: string, credentials: Credentials): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  expect(new URL(page.url()).searchParams.get('next') ?? '/').toBe(path);
  await submitSignIn(page, credentials);
  await page.waitForURL((url) => url.pathname + url.search === path);
  await page.getByTestId('user-name').waitFor();
}
