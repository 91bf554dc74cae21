import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverTimeouts } from '../../server/src/http/server.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** A client that trickles its request is cut off, not held for a minute (Node's default). */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(undefined, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

/** Sends a header line every second and never finishes; answers how long until the server hung up, and what it said. */
function trickle(port: number, limitMs: number): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    const drip = setInterval(() => socket.write(`X-Slow-${Date.now()}: 1\r\n`), 1000);
    const done = () => {
      clearInterval(drip);
      clearTimeout(limit);
      socket.destroy();
      resolve({ ms: Date.now() - started, answer });
    };
    const limit = setTimeout(done, limitMs);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}

describe('the HTTP server', () => {
  it('answers 408 and closes a connection whose headers take longer than 10 s', async () => {
    const port = Number(new URL(server.baseUrl).port);
    const { ms, answer } = await trickle(port, 20_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(serverTimeouts.headersTimeoutMs - 500);
    expect(ms).toBeLessThan(serverTimeouts.headersTimeoutMs + 2 * serverTimeouts.checkEveryMs + 1000);
  }, 30_000);
});
