import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { hashToken, newToken } from '../../server/src/auth/tokens.ts';
import { createUser } from '../../server/src/auth/users.ts';
import type { Role } from '../../server/src/contract/auth.ts';

export type Answer<T = unknown> = { status: number; body: T; headers: Headers };

/** Talks to a test server as one caller: anonymous, a signed-in user (cookie + CSRF) or a wall token. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
    readonly csrfToken = '',
  ) {}

  /** The cookie header this caller sends (for load tools). */
  get cookie(): string {
    return this.headers.cookie ?? '';
  }

  /** The same caller without its CSRF token, as a cross-site forgery would be. */
  withoutCsrf(): ApiClient {
    return new ApiClient(this.baseUrl, this.headers);
  }

  get(path: string, signal?: AbortSignal, extraHeaders: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: { ...this.headers, ...extraHeaders }, signal });
  }

  async getJson<T = unknown>(path: string, signal?: AbortSignal): Promise<Answer<T>> {
    const res = await this.get(path, signal);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  async send<T = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}, signal?: AbortSignal): Promise<Answer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      signal,
      headers: { ...this.headers, 'content-type': 'application/json', ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }
}

export const testPassword = 'correct horse battery staple';

/** A fresh user with one role over `scope`, signed in through the API. */
export async function signInAs(
  baseUrl: string,
  db: pg.Pool,
  role: Exclude<Role, 'wall'>,
  scope: string,
): Promise<ApiClient & { userId: number; username: string }> {
  const username = `t_${role}_${randomBytes(4).toString('hex')}`;
  const userId = await createUser(db, { username, display_name: `测试${role}`, password: testPassword, role, scope });
  const client = await signIn(baseUrl, username, testPassword);
  return Object.assign(client, { userId, username });
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return new ApiClient(baseUrl, { cookie }, csrf_token);
}

/** A wall display token over `scope`, inserted directly. */
export async function wallClient(baseUrl: string, db: pg.Pool, scope: string): Promise<ApiClient & { tokenId: number }> {
  const token = newToken();
  const { rows } = await db.query<{ id: number }>('insert into wall_token (name, token_hash, scope_code) values ($1, $2, $3) returning id', [
    '测试大屏',
    hashToken(token),
    scope,
  ]);
  return Object.assign(new ApiClient(baseUrl, { authorization: `Bearer ${token}` }), { tokenId: rows[0]!.id });
}
