import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { defaultPolicy } from '../../server/src/dispatch/engine.ts';
import { startWorkers } from '../../server/src/dispatch/sender.ts';
import { sweepTimeouts } from '../../server/src/dispatch/service.ts';
import { LiveHub } from '../../server/src/live/hub.ts';
import { startCoverageRefresher } from '../../server/src/coverage/refresher.ts';
import { startDensityFolder } from '../../server/src/versions/density-folder.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { createHttpServer } from '../../server/src/http/server.ts';
import { createLogger } from '../../server/src/logger.ts';
import { ApiClient, signInAs, type Answer } from './api-client.ts';

export const demoCounty = '510703000000';

export type TestServer = {
  baseUrl: string;
  db: pg.Pool;
  /** a county-wide admin, signed in: the default caller of get/getJson/send */
  admin: ApiClient & { userId: number; username: string };
  anonymous: ApiClient;
  get(path: string): Promise<Response>;
  getJson<T = unknown>(path: string): Promise<Answer<T>>;
  close(): Promise<void>;
};

/** The real app on a random local port, over this run's database, with a signed-in county admin. */
export async function startTestServer(
  databaseUrl = inject('databaseUrl'),
  log = createLogger('silent'),
  { workers = true, port = 0 }: { workers?: boolean; /** a fixed port, to restart a server where a page expects it */ port?: number } = {},
): Promise<TestServer> {
  const db = createPool(databaseUrl, 4, { log, statementTimeoutMs: 30_000 });
  const live = new LiveHub(databaseUrl, log);
  await live.start();
  const app = createApp({ db, log, live });
  const server = createHttpServer(app).listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await signInAs(baseUrl, db, 'admin', demoCounty);
  const stopDispatch = workers ? startWorkers(db, { publicUrl: baseUrl }, () => sweepTimeouts(db, defaultPolicy), log, 200) : async () => {};
  const stopRefresher = workers ? startCoverageRefresher(db, log, { everyMs: 500, quietMs: 200 }) : async () => {};
  const stopFolder = workers ? startDensityFolder(db, log, { everyMs: 200 }) : async () => {};
  const stopWorkers = () => Promise.all([stopDispatch(), stopRefresher(), stopFolder()]);
  return {
    baseUrl,
    db,
    admin,
    anonymous: new ApiClient(baseUrl),
    get: (path) => admin.get(path),
    getJson: (path) => admin.getJson(path),
    close: async () => {
      await stopWorkers();
      await live.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.end();
    },
  };
}
