import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, testPassword } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * An admin switches an account off: its open sessions end at once (the in-process cache too), it
 * cannot sign in, the change and its audit record commit together; switched on, it signs in again.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(undefined, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

const signIn = (username: string) =>
  fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: testPassword }),
  }).then((r) => r.status);

describe('switching an account off and on', () => {
  it('ends its sessions and sign-ins, audited; on again, it signs in', async () => {
    const dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', '510703000000');
    expect((await dispatcher.getJson('/api/v1/auth/me')).status).toBe(200);

    const off = await server.admin.send<{ disabled: boolean }>('PATCH', `/api/v1/users/${dispatcher.userId}`, { disabled: true });
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect((await dispatcher.getJson('/api/v1/auth/me')).status).toBe(401);
    expect(await signIn(dispatcher.username)).toBe(401);
    const { rows } = await server.db.query<{ sessions: number; audits: number }>(
      `select (select count(*)::int from user_session where user_id = $1) as sessions,
              (select count(*)::int from audit_log where action = 'user.disable' and $1 = any(target_ids)) as audits`,
      [dispatcher.userId],
    );
    expect(rows[0]).toEqual({ sessions: 0, audits: 1 });

    const on = await server.admin.send<{ disabled: boolean }>('PATCH', `/api/v1/users/${dispatcher.userId}`, { disabled: false });
    expect(on.body.disabled).toBe(false);
    expect(await signIn(dispatcher.username)).toBe(200);
  });

  it('refuses an admin switching off their own account, and changes nothing', async () => {
    const answer = await server.admin.send<{ error: { code: string } }>('PATCH', `/api/v1/users/${server.admin.userId}`, { disabled: true });
    expect(answer.status).toBe(409);
    expect((await server.admin.getJson('/api/v1/auth/me')).status).toBe(200);
  });
});
