import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../server/src/db/pool.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { startFaultCluster, type FaultCluster } from '../support/fault-cluster.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { demoCounty } from '../support/test-server.ts';
import { openCaseStream } from './case-stream.ts';
import { healthyWithin, startLoad, type LoadReport } from './load.ts';

/**
 * PostgreSQL restarted and stopped under load, with the server as operators run it (a child
 * process) on a cluster of its own: the process never exits, answers 503 with a code while the
 * database is away, is back within 5 s of PostgreSQL accepting connections, and loses nothing
 * it acknowledged.
 */
const restarts = Number(process.env.FAULT_RESTARTS ?? 10);
const stops = Number(process.env.FAULT_STOPS ?? 2);
const stopMs = Number(process.env.FAULT_STOP_S ?? 30) * 1000;

let fault: FaultCluster;
let db: pg.Pool;
let server: ServerProcess;
let admin: ApiClient;
let points: [number, number][];

beforeAll(async () => {
  fault = await startFaultCluster();
  db = createPool(fault.url, 2);
  server = await startServerProcess({ DATABASE_URL: fault.url, LOG_LEVEL: 'info', LOAD_DEMO: 'false' });
  admin = await signInAs(server.url.slice(0, -1), db, 'admin', demoCounty);
  const { rows } = await db.query<{ p: [number, number] }>(
    "select array[st_x(st_pointonsurface(geom)), st_y(st_pointonsurface(geom))] as p from area where level in ('community', 'village') order by code",
  );
  points = rows.map((r) => r.p);
});

afterAll(async () => {
  await server?.stop();
  await db?.end();
  await fault?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Makes the coverage analysis stale and waits until the server's refresher is inside refresh_coverage(). */
async function coverageRefreshRunning(): Promise<boolean> {
  await db.query('update member set available = not available where id = (select min(id) from member)');
  for (let waited = 0; waited < 15_000; waited += 100) {
    const { rowCount } = await db.query(
      "select 1 from pg_stat_activity where state = 'active' and query like '%refresh_coverage()%' and pid <> pg_backend_pid()",
    );
    if (rowCount) return true;
    await pause(100);
  }
  return false;
}

/** Every acknowledged case exists, exactly once, under the id the client was given. */
async function expectAcknowledgedCases(report: LoadReport) {
  const keys = [...report.acknowledged.keys()];
  const { rows } = await db.query<{ key: string; n: number; id: number }>(
    'select idempotency_key as key, count(*)::int as n, min(id) as id from "case" where idempotency_key = any($1) group by 1',
    [keys],
  );
  const found = new Map(rows.map((r) => [r.key, r]));
  const missing = keys.filter((k) => !found.has(k));
  expect(missing).toEqual([]);
  for (const [key, id] of report.acknowledged) expect(found.get(key)).toEqual({ key, n: 1, id });
}

async function newCase(): Promise<number> {
  const [lng, lat] = points[0]!;
  const created = await admin.send<{ id: number }>(
    'POST',
    '/api/v1/cases',
    { kind: '故障演练', title: '恢复后新事件', lng, lat },
    { 'idempotency-key': randomUUID() },
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

/** How long the API took to answer again once PostgreSQL accepted connections (a dead server says so). */
const backWithin5s = () =>
  healthyWithin(server.url, 5000).catch((error: Error) => {
    throw new Error(`${error.message}; server exit code ${server.exitCode()}, its last output:\n${server.output().slice(-3000)}`);
  });

const outageLines = () =>
  server
    .output()
    .split('\n')
    .filter((line) => line.includes('database unavailable')).length;

describe('PostgreSQL faults under load', () => {
  it(
    `survives ${restarts} restarts in a row (one inside a coverage refresh): never exits, back within 5 s each time, nothing acknowledged lost`,
    async () => {
      const stream = await openCaseStream(admin);
      const load = startLoad(admin, points);
      await pause(1000);
      const backMs: number[] = [];
      let refreshInterrupted = false;
      for (let i = 0; i < restarts; i += 1) {
        if (i === 1) refreshInterrupted = await coverageRefreshRunning();
        fault.cluster.control('restart');
        backMs.push(await backWithin5s());
        await pause(1000);
      }
      const report = await load.stop();

      expect(server.exitCode()).toBeUndefined();
      expect(refreshInterrupted).toBe(true);
      expect(report.failures).toEqual([]);
      expect(Math.max(...backMs)).toBeLessThanOrEqual(5000);
      expect(report.acknowledged.size).toBeGreaterThan(restarts);
      await expectAcknowledgedCases(report);
      await stream.waitFor(await newCase(), 5000);
      stream.close();
      // once per outage (a few places may notice the same restart), never once per request
      expect(outageLines()).toBeLessThanOrEqual(3 * restarts);
      expect(server.output()).not.toMatch(/unhandled error|Unhandled 'error' event|unhandled promise rejection/);
      console.info(`restarts: back after ${backMs.join(', ')} ms; answers ${JSON.stringify(Object.fromEntries(report.answers))}`);
    },
    60_000 + restarts * 15_000,
  );

  it(
    `answers 503 database_unavailable with Retry-After, never hangs, while PostgreSQL is stopped for ${stopMs / 1000} s (${stops}×)`,
    async () => {
      for (let round = 0; round < stops; round += 1) {
        const stream = await openCaseStream(admin);
        const load = startLoad(admin, points);
        await pause(500);
        fault.cluster.control('stop');
        const stoppedAt = Date.now();
        const downAnswers: string[] = [];
        while (Date.now() - stoppedAt < stopMs) {
          for (const path of ['/api/health', '/api/v1/cases', `/api/v1/members/nearby?lng=${points[0]![0]}&lat=${points[0]![1]}`]) {
            const started = Date.now();
            const res = await admin.get(path, AbortSignal.timeout(6000));
            const body = (await res.json()) as { error?: { code?: string } };
            expect(Date.now() - started).toBeLessThan(6000);
            downAnswers.push(`${res.status} ${body.error?.code} ${res.headers.get('retry-after')}`);
          }
          await pause(1000);
        }
        fault.cluster.control('start');
        const backMs = await backWithin5s();
        const report = await load.stop();

        expect(server.exitCode()).toBeUndefined();
        expect(new Set(downAnswers)).toEqual(new Set(['503 database_unavailable 2']));
        expect(report.failures).toEqual([]);
        expect(backMs).toBeLessThanOrEqual(5000);
        await expectAcknowledgedCases(report);
        await stream.waitFor(await newCase(), 5000);
        stream.close();
      }
      expect(server.output()).not.toMatch(/unhandled error|Unhandled 'error' event|unhandled promise rejection/);
    },
    60_000 + stops * (stopMs + 30_000),
  );
});
