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

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The real server in a child process on the bench database, as `npm start` runs it. */
export async function startServer(url: string): Promise<{ baseUrl: string; pid: number; output(): string; stop(): void }> {
  const server = await startServerProcess({ DATABASE_URL: url, LOG_LEVEL: 'warn', LOAD_DEMO: 'false' });
  return { baseUrl: server.url.replace(/\/$/, ''), pid: server.child.pid!, output: server.output, stop: () => void server.stop() };
}
