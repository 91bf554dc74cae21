import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream, reconnectDelayMs, SseParser, type SseMessage, type StreamState } from '../../client/src/api/event-stream.ts';

/** The wall's fetch-based event stream (client/src/api/event-stream.ts), in Node against a scripted server. */

describe('SseParser', () => {
  it('assembles events split anywhere, with CRLF, comments, multi-line data, ids and retry', () => {
    const text = ': heartbeat\r\nretry: 2000\r\n\r\nid: 7\r\ndata: {"a":1}\r\n\r\ndata: line one\ndata: line two\n\nevent: ping\ndata:x\n\n';
    const parser = new SseParser();
    const messages: SseMessage[] = [];
    for (let i = 0; i < text.length; i += 3) messages.push(...parser.push(text.slice(i, i + 3)));
    expect(messages).toEqual([
      { event: 'message', data: '{"a":1}', id: '7' },
      { event: 'message', data: 'line one\nline two', id: '7' },
      { event: 'ping', data: 'x', id: '7' },
    ]);
    expect(parser.retryMs).toBe(2000);
  });

  it('ignores a block of comments only (heartbeats make no event)', () => {
    expect(new SseParser().push(': heartbeat\n\n: heartbeat\n\n')).toEqual([]);
  });
});

describe('reconnectDelayMs', () => {
  it('backs off 1, 2, 5, 10, 30 s and stays at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => reconnectDelayMs(n))).toEqual([1_000, 2_000, 5_000, 10_000, 30_000, 30_000, 30_000]);
  });
});

describe('openEventStream', () => {
  let server: Server | undefined;
  let stop: (() => void) | undefined;
  afterEach(async () => {
    stop?.();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function serve(handler: (req: IncomingMessage, res: ServerResponse, attempt: number) => void): Promise<string> {
    let attempt = 0;
    server = createServer((req, res) => handler(req, res, attempt++));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/live`;
  }

  it('sends the headers, treats silence as a dead connection and resumes with Last-Event-ID', async () => {
    const seen: { authorization?: string; lastEventId?: string }[] = [];
    const url = await serve((req, res, attempt) => {
      seen.push({ authorization: req.headers.authorization, lastEventId: req.headers['last-event-id'] as string | undefined });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`id: ${attempt + 41}\ndata: {"n":${attempt}}\n\n`);
      // then silence: the client must give up on it and come back
    });
    const messages: string[] = [];
    const states: StreamState[] = [];
    const opens: boolean[] = [];
    await new Promise<void>((resolve) => {
      stop = openEventStream({
        url,
        headers: () => ({ authorization: 'Bearer wall-token' }),
        silenceTimeoutMs: 300,
        delaysMs: [50],
        onMessage: (m) => {
          messages.push(m.data);
          if (messages.length === 2) resolve();
        },
        onOpen: ({ reconnected }) => opens.push(reconnected),
        onStateChange: (s) => states.push(s),
      });
    });
    expect(messages).toEqual(['{"n":0}', '{"n":1}']);
    expect(seen[0]).toEqual({ authorization: 'Bearer wall-token', lastEventId: undefined });
    expect(seen[1]).toEqual({ authorization: 'Bearer wall-token', lastEventId: '41' });
    expect(opens).toEqual([false, true]);
    expect(states).toContain('reconnecting');
  });

  it('stops on an HTTP error when told to (a refused wall token)', async () => {
    let attempts = 0;
    const url = await serve((_req, res) => {
      attempts += 1;
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"unauthenticated","message":"no"}}');
    });
    const statuses: number[] = [];
    stop = openEventStream({
      url,
      delaysMs: [20],
      onMessage: () => undefined,
      onOpen: () => undefined,
      onStateChange: () => undefined,
      onHttpError: (status) => {
        statuses.push(status);
        return 'stop';
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statuses).toEqual([401]);
    expect(attempts).toBe(1);
  });
});
