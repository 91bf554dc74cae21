import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import { signIn, testPassword } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('sign-in from one address', () => {
  it('is refused with 429 after 30 failures in 15 minutes, whatever the usernames', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      statuses.push((await server.anonymous.send('POST', '/api/v1/auth/sign-in', { username: `guess_${i}`, password: 'x' })).status);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const { status, body } = await server.anonymous.send<ErrorBody>('POST', '/api/v1/auth/sign-in', { username: 'guess', password: 'x' });
    expect(status).toBe(429);
    expect(body.error.code).toBe('too_many_attempts');
  });

  it('does not count successful sign-ins: an office behind one address keeps working', async () => {
    const fresh = await startTestServer();
    try {
      for (let i = 0; i < 35; i += 1) await signIn(fresh.baseUrl, fresh.admin.username, testPassword);
    } finally {
      await fresh.close();
    }
  });
});
