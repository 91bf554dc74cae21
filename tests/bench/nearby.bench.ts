import http from 'node:http';
import autocannon from 'autocannon';
import seedrandom from 'seedrandom';
import { Scope } from '../../server/src/auth/scope.ts';
import { createUser } from '../../server/src/auth/users.ts';
import { selectNearby } from '../../server/src/members/nearby.queries.ts';
import { signIn } from '../support/api-client.ts';
import { openBenchDatabase } from './bench-database.ts';
import { printReport, thousands } from './report.ts';
import { ensureMembers, percentile, startServer, type BenchDatabase } from './bench-support.ts';

type Database = BenchDatabase;
const county = '510703000000';

/** Fixed random incident points: half in the dense core, half anywhere in the county's box. */
function incidentPoints(n: number): Point[] {
  const random = seedrandom('bench-nearby');
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0 ? [104.735 + random() * 0.02, 31.455 + random() * 0.015] : [104.6 + random() * 0.28, 31.35 + random() * 0.22],
  );
}

type Point = [number, number];

/**
 * `call` for each point in turn, `connections` at a time, for `seconds`: as fast as it goes, or
 * paced at `overallRate` requests/s (each request due n / rate s after the start; no bursts).
 */
async function measure(call: (point: Point) => Promise<void>, points: Point[], connections: number, seconds: number, overallRate?: number) {
  const latencies: number[] = [];
  const runStart = Date.now();
  const until = runStart + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const n = next++;
        if (overallRate) {
          // paced: request n is due n / rate seconds after the start
          const due = runStart + (n / overallRate) * 1000;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        }
        const started = process.hrtime.bigint();
        await call(points[n % points.length]!);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The endpoint's own query, straight on the pool. */
const directSql =
  (db: Database) =>
  async ([lng, lat]: Point) => {
    await selectNearby(db.pool, { lng, lat, radius: 1000, limit: 50, available: true, skills: [], scope: Scope.of(['510703000000']) });
  };

/**
 * The endpoint over HTTP (keep-alive, 4 sockets), as a signed-in dispatcher's browser asks for it
 * (brotli accepted, so the server compresses as it would for the console), the compressed body
 * read but not decoded: decoding is the browser's work on another machine, and `fetch` decoding
 * it here, on the server's two cores, added more to the p99 than the server did (32 against
 * 14 ms at 1M in one comparison).
 */
const overHttpPaced = (baseUrl: string, cookie: string) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return ([lng, lat]: Point) =>
    new Promise<void>((resolve, reject) => {
      const url = `${baseUrl}/api/v1/members/nearby?lng=${lng}&lat=${lat}&radius=1000&limit=50`;
      http
        .get(url, { agent, headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`nearby answered ${res.statusCode}`));
          res.on('data', () => undefined);
          res.on('end', () => resolve());
          res.on('error', reject);
        })
        .on('error', reject);
    });
};

async function overHttp(baseUrl: string, cookie: string, points: Point[], connections: number, seconds: number) {
  let i = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    headers: { cookie },
    requests: [
      {
        setupRequest: (req) => {
          const [lng, lat] = points[i++ % points.length]!;
          return { ...req, path: `/api/v1/members/nearby?lng=${lng}&lat=${lat}&radius=1000&limit=50` };
        },
      },
    ],
  });
  if (result.non2xx) throw new Error(`${result.non2xx} answers were not 2xx`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * The brute force of tests/dispatch/nearby.test.ts, as a sequential scan of every member: spheroid
 * distance, nearest first, ties by id. A box of ±0.02° latitude and ±0.03° longitude (over 2 km
 * either way here, against a 1 km radius) only spares the spheroid distance for members far away.
 */
async function bruteForce(db: Database, [lng, lat]: Point): Promise<Array<{ id: number; d: number }>> {
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_indexscan = off; set local enable_bitmapscan = off; set local statement_timeout = 0');
    const { rows } = await client.query<{ id: number; d: number }>(
      `select id, d from (
         select id, st_distance(home::geography, st_setsrid(st_makepoint($1, $2), 4326)::geography, true) as d
         from member
         where available and left_on is null and abs(st_y(home) - $2) < 0.02 and abs(st_x(home) - $1) < 0.03
       ) s where d <= 1000 order by d, id limit 50`,
      [lng, lat],
    );
    await client.query('commit');
    return rows;
  } finally {
    client.release();
  }
}

/** Whether the endpoint's query answers exactly the brute force at `points`: the count of points that differ. */
async function exactness(db: Database, points: Point[]): Promise<{ points: number; members: number; differing: number }> {
  let members = 0;
  let differing = 0;
  for (const point of points) {
    const [lng, lat] = point;
    const got = await selectNearby(db.pool, { lng, lat, radius: 1000, limit: 50, available: true, skills: [], scope: Scope.of([county]) });
    const expected = await bruteForce(db, point);
    members += expected.length;
    const same = got.length === expected.length && got.every((m, i) => m.id === expected[i]!.id && Math.abs(m.distance_m - expected[i]!.d) < 0.01);
    if (!same) differing++;
  }
  return { points: points.length, members, differing };
}

/** `npm run bench -- nearby [members] [seconds] [exactness points]`: the nearby endpoint over HTTP against its SQL run directly. */
export async function benchNearby(args: string[]): Promise<void> {
  const members = Number(args[0] ?? 1_000_000);
  const seconds = Number(args[1] ?? 10);
  const sample = Number(args[2] ?? 20);
  const db = await openBenchDatabase();
  try {
    await ensureMembers(db, members);
    const points = incidentPoints(500);
    // a dispatch service that has run a while holds its members in memory: load them into
    // PostgreSQL's buffers first (pg_prewarm, shipped with PostgreSQL), so a run measures the
    // queries rather than the first read of each page from the operating system's cache
    await db.pool.query('create extension if not exists pg_prewarm');
    await db.pool.query("select pg_prewarm(c) from unnest(array['member', 'member_home_idx', 'member_pkey', 'org']::regclass[]) c");
    const exact = await exactness(db, points.slice(0, sample));
    if (exact.differing > 0) throw new Error(`${exact.differing} of ${exact.points} points differ from the brute force`);
    await measure(directSql(db), points, 4, 2); // warm the cache
    const sql = await measure(directSql(db), points, 10, seconds);
    const sqlModerate = await measure(directSql(db), points, 4, seconds, 100);

    const username = `bench_${Date.now().toString(36)}`;
    await createUser(db.pool, { username, display_name: '压测调度员', password: 'bench password 123', role: 'dispatcher', scope: county });
    const server = await startServer(db.url);
    try {
      const client = await signIn(server.baseUrl, username, 'bench password 123');
      const cookie = client.cookie;
      await overHttp(server.baseUrl, cookie, points, 4, 2);
      const http = await overHttp(server.baseUrl, cookie, points, 10, seconds);
      // autocannon's own rate limit sends each second's requests in a burst; pace them evenly instead
      const moderate = await measure(overHttpPaced(server.baseUrl, cookie), points, 4, seconds, 100);
      const row = (what: string, r: { rps: number; p50: number; p99: number }) => ({
        path: what,
        'requests/s': Math.round(r.rps),
        'p50 ms': r.p50.toFixed(1),
        'p99 ms': r.p99.toFixed(1),
      });
      printReport(
        `Nearby members (radius 1 km, 50 nearest) with ${thousands(members)} members`,
        [
          row('direct SQL, 10 connections', sql),
          row('direct SQL, moderate load (100 req/s)', sqlModerate),
          row('HTTP API, 10 connections', http),
          row('HTTP API, moderate load (100 req/s)', moderate),
        ],
        [
          `API / direct SQL throughput: ${(http.rps / sql.rps).toFixed(2)}`,
          `Exactness: ${exact.points} of the points, ${thousands(exact.members)} members ranked, equal to a brute-force spheroid ranking of every member (ids, order, distances).`,
        ],
      );
    } finally {
      server.stop();
    }
  } finally {
    await db.close();
  }
}
