import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

describe('sign-in from one address', () => {
  it('is refused with 429 after 30 attempts in 15 minutes, whatever the usernames', async () => {
    const statuses: number[] = [];
    // the test server's own admin signed in once already from this address
    for (let i = 0; i < 30; i += 1) {
      statuses.push((await server.anonymous.send('POST', '/api/v1/auth/sign-in', { username: `guess_${i}`, password: 'x' })).status);
    }
    expect(statuses.slice(0, 29).every((s) => s === 401)).toBe(true);
    expect(statuses[29]).toBe(429);
    const { body } = await server.anonymous.send<ErrorBody>('POST', '/api/v1/auth/sign-in', { username: 'guess', password: 'x' });
    expect(body.error.code).toBe('too_many_attempts');
  });
});
