import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/users.ts';
import type { SessionInfo } from '../../server/src/contract/auth.ts';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import { createLogger } from '../../server/src/logger.ts';
import type { AuditPage } from '../../server/src/contract/audit.ts';
import { type ApiClient, signIn, signInAs } from '../support/api-client.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

let logged = '';
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logged += chunk.toString();
    done();
  },
});
let server: TestServer;
const password = 'Secret-horse-41-battery';

beforeAll(async () => {
  server = await startTestServer(undefined, createLogger('trace', logSink));
  await createUser(server.db, { username: 'signin_user', display_name: '登录测试', password, role: 'planner', scope: demoCounty });
  await createUser(server.db, { username: 'locked_user', display_name: '锁定测试', password, role: 'planner', scope: demoCounty });
});
afterAll(async () => {
  await server.close();
});

const attempt = (username: string, pw: string) => server.anonymous.send<ErrorBody | SessionInfo>('POST', '/api/v1/auth/sign-in', { username, password: pw });

describe('signing in', () => {
  it('answers the user, their grants and a CSRF token, and sets an HttpOnly SameSite=Strict cookie', async () => {
    const { status, body, headers } = await attempt('signin_user', password);
    expect(status).toBe(200);
    const info = body as SessionInfo;
    expect(info.user.username).toBe('signin_user');
    expect(info.user.grants).toEqual([{ role: 'planner', scope: demoCounty, scope_name: expect.stringMatching(/涪城区/), scope_bbox: expect.any(Array) }]);
    expect(info.csrf_token.length).toBeGreaterThanOrEqual(40);
    const cookie = headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/rg_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('refuses a wrong password with 401 invalid_credentials, the same as an unknown user', async () => {
    const wrong = await attempt('signin_user', 'nope');
    const unknown = await attempt('nobody_here', 'nope');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((wrong.body as ErrorBody).error).toEqual((unknown.body as ErrorBody).error);
  });

  it('locks an account after 5 wrong passwords in a row: the 6th to 10th answer 429, even the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await attempt('locked_user', `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    const right = await attempt('locked_user', password);
    expect(right.status).toBe(429);
    expect((right.body as ErrorBody).error.code).toBe('too_many_attempts');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    const { rows } = await server.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'auth.sign_in_failed' and detail->>'username' = 'locked_user'",
    );
    expect(rows[0]!.n).toBe(11);
  });

  it('never writes a password to the logs', () => {
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain(password);
    expect(logged).not.toContain('wrong-3');
    expect(logged).not.toMatch(/rg_session=/);
  });

  it('records sign-ins in the audit log with the user and the address', async () => {
    const { rows } = await server.db.query<{ user_id: number; ip: string }>(
      "select l.user_id, host(l.ip) as ip from audit_log l join app_user u on u.id = l.user_id where u.username = 'signin_user' and l.action = 'auth.sign_in'",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.ip).toMatch(/127\.0\.0\.1/);
  });

  it('rejects a malformed body with 400 invalid_body', async () => {
    const { status, body } = await server.anonymous.send<ErrorBody>('POST', '/api/v1/auth/sign-in', { username: 'x' });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_body');
  });
});

describe('a signed-in session', () => {
  let client: ApiClient;
  beforeAll(async () => {
    client = await signIn(server.baseUrl, 'signin_user', password);
  });

  it('refuses a write without the CSRF header with 403 csrf_failed', async () => {
    const { status, body } = await client.withoutCsrf().send<ErrorBody>('POST', '/api/v1/auth/sign-out');
    expect(status).toBe(403);
    expect(body.error.code).toBe('csrf_failed');
    expect((await client.getJson('/api/v1/auth/me')).status).toBe(200);
  });

  it('ends on sign-out: the cookie no longer opens anything', async () => {
    expect((await client.send('POST', '/api/v1/auth/sign-out')).status).toBe(204);
    const me = await client.getJson<ErrorBody>('/api/v1/auth/me');
    expect(me.status).toBe(401);
    expect((await client.getJson('/api/v1/areas?level=town')).status).toBe(401);
  });
});

describe('cross-site requests', () => {
  it('cannot sign in from another origin', async () => {
    const { status, body } = await server.anonymous.send<ErrorBody>(
      'POST',
      '/api/v1/auth/sign-in',
      { username: 'signin_user', password },
      { origin: 'https://evil.example' },
    );
    expect(status).toBe(403);
    expect(body.error.code).toBe('csrf_failed');
  });

  it('may sign in again from a tab that holds a cookie but no token', async () => {
    const session = await signIn(server.baseUrl, 'signin_user', password);
    const { status } = await session.withoutCsrf().send('POST', '/api/v1/auth/sign-in', { username: 'signin_user', password }, { origin: server.baseUrl });
    expect(status).toBe(200);
  });
});

describe('the audit log', () => {
  it('shows a town admin only entries of their town: no county-wide failed sign-ins of unknown users', async () => {
    await attempt('no_such_person', 'x');
    const {
      rows: [town],
    } = await server.db.query<{ code: string }>("select code from area where level = 'town' order by code limit 1");
    const townAdmin = await signInAs(server.baseUrl, server.db, 'admin', town!.code);
    const { body } = await townAdmin.getJson<AuditPage>('/api/v1/audit?limit=200');
    expect(body.entries.length).toBeGreaterThan(0);
    for (const e of body.entries) expect(e.scope?.startsWith(town!.code.slice(0, 9)), JSON.stringify(e)).toBe(true);
    const { body: county } = await server.admin.getJson<AuditPage>('/api/v1/audit?action=auth.sign_in_failed&limit=200');
    expect(county.entries.some((e) => e.detail.username === 'no_such_person')).toBe(true);
  });
});

describe('security headers', () => {
  it('set a CSP without inline scripts, and the usual hardening headers', async () => {
    const res = await server.anonymous.get('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuse bodies over 100 kB with 413 payload_too_large', async () => {
    const { status, body } = await server.anonymous.send<ErrorBody>('POST', '/api/v1/auth/sign-in', { username: 'x'.repeat(200_000), password: 'y' });
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
  });
});
