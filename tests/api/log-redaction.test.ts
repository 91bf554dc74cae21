import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../server/src/logger.ts';
import { capturedLog } from '../support/captured-log.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** A member's link is a credential: whoever reads the server's log must not be able to answer for them. */
let server: TestServer;
const logged = capturedLog();

beforeAll(async () => {
  server = await startTestServer(undefined, logged.log, { workers: false });
});
afterAll(async () => {
  await server.close();
});

describe('request logs', () => {
  it('write a member link as [token], in the path and in ?m=', () => {
    expect(redactUrl('/api/m/eyJkIjoxfQ.c2lnbmF0dXJl/accept')).toBe('/api/m/[token]/accept');
    expect(redactUrl('/m/eyJkIjoxfQ.c2lnbmF0dXJl')).toBe('/m/[token]');
    expect(redactUrl('/tiles/roads/14/1/2.mvt?m=eyJkIjoxfQ.sig&x=1')).toBe('/tiles/roads/14/1/2.mvt?m=[token]&x=1');
  });

  it('never carry a member link token, whatever the answer', async () => {
    const token = 'eyJkIjo0MiwibSI6NywiZSI6OTk5OTk5OTk5OX0.Zm9yZ2VkLXNpZ25hdHVyZS1mb3ItdGhlLWxvZw';
    expect((await server.anonymous.get(`/api/m/${token}`)).status).toBe(404);
    expect((await server.anonymous.send('POST', `/api/m/${token}/accept`)).status).toBe(404);
    expect((await server.anonymous.get(`/m/${token}`)).status).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logged.text()).toContain('/api/m/[token]');
    expect(logged.text()).not.toContain(token);
    expect(logged.text()).not.toContain(token.split('.')[1]);
  });
});
