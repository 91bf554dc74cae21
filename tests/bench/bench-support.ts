import { generateCounty } from '../../geodata/county/index.ts';
import { loadCounty } from '../../geodata/load.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { openBenchDatabase } from './bench-database.ts';
import { thousands } from './report.ts';

export type BenchDatabase = Awaited<ReturnType<typeof openBenchDatabase>>;

/** Loads the demo county with `members` members unless the bench database holds that many already. */
export async function ensureMembers(db: BenchDatabase, members: number) {
  const { rows } = await db.pool.query<{ n: number }>('select count(*)::int as n from member');
  if (rows[0]!.n === members) return;
  process.stderr.write(`loading the county with ${thousands(members)} members…\n`);
  const client = await db.pool.connect();
  try {
    await loadCounty(client, generateCounty({ seed: 20260701, members }), undefined, { replace: true });
  } finally {
    client.release();
  }
  await db.pool.query('vacuum analyze member');
}

/**
 * Adds cases up to `cases`, spread over every community and village, one a minute back from now, a
 * third closed, each due 1–7 days after it was reported.
 */
export async function ensureCases(db: BenchDatabase, cases: number): Promise<void> {
  const {
    rows: [n],
  } = await db.pool.query<{ n: number }>('select count(*)::int as n from "case"');
  if (n!.n >= cases) return;
  process.stderr.write(`adding ${thousands(cases - n!.n)} cases…\n`);
  await db.pool.query(
    `insert into "case" (county_code, kind, title, status, town_code, community_code, reported_at, due_at, geom, closed_at)
     select '510703000000', 'road', 'bench case ' || i, case when i % 3 = 0 then 'closed' else 'reported' end::case_status,
            a.parent_code, a.code, now() - i * interval '1 minute', now() - i * interval '1 minute' + (1 + i % 7) * interval '1 day',
            st_pointonsurface(a.geom), case when i % 3 = 0 then now() end
     from generate_series(1, $1::int) i
     join lateral (select code, parent_code, geom from area where level in ('community', 'village') order by md5(code || i) limit 1) a on true`,
    [cases - n!.n],
  );
  await db.pool.query('vacuum analyze "case"');
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export type Timing = { p50: number; p95: number };

/**
 * Runs `before` and `after` alternately (so both see the same load on a shared machine), `runs`
 * times each after `warm` untimed rounds.
 */
export async function timePair(
  runs: number,
  before: (i: number) => Promise<unknown>,
  after: (i: number) => Promise<unknown>,
  warm = 20,
): Promise<[Timing, Timing]> {
  for (let i = 0; i < Math.min(warm, runs); i += 1) {
    await before(i);
    await after(i);
  }
  const times: [number[], number[]] = [[], []];
  const timed = async (k: 0 | 1, call: (i: number) => Promise<unknown>, i: number) => {
    const started = process.hrtime.bigint();
    await call(i);
    times[k].push(Number(process.hrtime.bigint() - started) / 1e6);
  };
  for (let i = 0; i < runs; i += 1) {
    await timed(0, before, i);
    await timed(1, after, i);
  }
  return times.map((ms) => {
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
  }) as [Timing, Timing];
}

/** The real server in a child process on the bench database, as `npm start` runs it. */
export async function startServer(url: string): Promise<{ baseUrl: string; pid: number; output(): string; stop(): void }> {
  const server = await startServerProcess({ DATABASE_URL: url, LOG_LEVEL: 'warn', LOAD_DEMO: 'false' });
  return { baseUrl: server.url.replace(/\/$/, ''), pid: server.child.pid!, output: server.output, stop: () => void server.stop() };
}
