import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { isDatabaseUnavailable } from '../../server/src/db/availability.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { createHttpServer } from '../../server/src/http/server.ts';
import { createLogger } from '../../server/src/logger.ts';

/** No database at all behind a running server: clear 503s, one log line, and a pool that outlives its connections. */
let baseUrl: string;
let logged = '';
let close: () => Promise<void>;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  const log = createLogger('info', sink);
  // port 1 on the loopback: nothing listens, every connection is refused at once
  const db = createPool('postgresql://redgrid:x@127.0.0.1:1/redgrid', 2, { log });
  const server = createHttpServer(createApp({ db, log })).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.end();
  };
});
afterAll(async () => {
  await close();
});

describe('a server whose database is unreachable', () => {
  it('answers 503 database_unavailable with Retry-After on health, sessions and data, and logs the outage once', async () => {
    const paths = ['/api/health', '/api/v1/auth/me', '/api/v1/cases', '/tiles/areas/10/800/420.mvt', '/api/v1/live'];
    for (let round = 0; round < 3; round += 1) {
      for (const path of paths) {
        const res = await fetch(`${baseUrl}${path}`, { headers: { cookie: 'rg_session=abc', authorization: path.startsWith('/tiles') ? 'Bearer x' : '' } });
        expect({ path, status: res.status, retryAfter: res.headers.get('retry-after') }).toEqual({ path, status: 503, retryAfter: '2' });
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
      }
    }
    const lines = logged.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes('database unavailable'))).toHaveLength(1);
    expect(logged).not.toContain('unhandled error');
    expect(logged).not.toContain('"stack"');
  });
});

describe('a pooled connection', () => {
  it('survives its backend being terminated while it is checked out, and the pool goes on', async () => {
    const pool = createPool(inject('databaseUrl'), 2);
    const other = createPool(inject('databaseUrl'), 1);
    const client = await pool.connect();
    await client.query('begin');
    const {
      rows: [me],
    } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    await other.query('select pg_terminate_backend($1)', [me!.pid]);
    // the 'error' event arrives while the client is out of the pool: heard, not thrown
    await new Promise((resolve) => setTimeout(resolve, 300));
    const failure = await client.query('select 1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    client.release();
    const { rows } = await pool.query<{ ok: number }>('select 1 as ok');
    expect(rows).toEqual([{ ok: 1 }]);
    await pool.end();
    await other.end();
  });
});
