import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { createLogger } from '../../server/src/logger.ts';

export type TestServer = {
  baseUrl: string;
  db: pg.Pool;
  get(path: string): Promise<Response>;
  getJson<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
};

/** The real app on a random local port, over this run's database. */
export async function startTestServer(databaseUrl = inject('databaseUrl')): Promise<TestServer> {
  const db = createPool(databaseUrl, 4);
  const app = createApp({ db, log: createLogger('silent') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string) => fetch(`${baseUrl}${path}`);
  return {
    baseUrl,
    db,
    get,
    getJson: async <T>(path: string) => {
      const res = await get(path);
      return { status: res.status, body: (await res.json()) as T };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.end();
    },
  };
}
