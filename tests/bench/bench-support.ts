import { spawn } from 'node:child_process';
import path from 'node:path';
import { generateCounty } from '../../geodata/county/index.ts';
import { loadCounty } from '../../geodata/load.ts';
import { projectRoot } from '../../server/src/config.ts';
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
export async function startServer(url: string): Promise<{ baseUrl: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/src/main.ts')], {
    env: { ...process.env, DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'warn', LOAD_DEMO: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)\//.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { baseUrl, stop: () => child.kill('SIGTERM') };
}

