/**
 * Regenerates the demo county in a database:
 *
 *   npm run geodata -- [--members N] [--seed S] [--database-url URL] [--no-migrate] [--defer-coverage]
 *
 * Connects to --database-url, else DATABASE_URL, else the project's embedded PostgreSQL (as the
 * server does), migrates it (unless --no-migrate), empties the county's tables and loads a freshly
 * generated county. Progress goes to stderr. The default seed is the server's DEMO_SEED, so the
 * result matches what the server loads on first start. --defer-coverage leaves the coverage
 * analysis to the server's refresher (a running server recomputes it seconds after the load, one
 * started later on start) instead of computing it in the load.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { createLogger } from '../server/src/logger.ts';
import { DEFAULT_FIGURES, generateCounty } from './county/index.ts';
import { loadCounty, type LoadProgress } from './load.ts';

const USAGE = 'usage: npm run geodata -- [--members N] [--seed S] [--database-url URL] [--no-migrate] [--defer-coverage]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const fmt = (n: number): string => n.toLocaleString('en-US');

const mb = (): string => `${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`;

/** A bar on a terminal (redrawn in place), a line per report otherwise; both with this process's memory. */
function bar(p: LoadProgress, seconds: number): string {
  const share = p.total > 0 ? p.rows / p.total : 1;
  const width = 24;
  const filled = Math.round(share * width);
  const rate = seconds > 0 ? p.rows / seconds : 0;
  const eta = rate > 0 ? ` · ${Math.ceil((p.total - p.rows) / rate)} s left` : '';
  return (
    `  ${p.table} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
    `${fmt(p.rows)} / ${fmt(p.total)} rows · ${fmt(Math.round(rate))} rows/s${eta} · RSS ${mb()}`
  );
}

function printProgress(p: LoadProgress): void {
  const seconds = p.elapsedMs / 1000;
  const tty = process.stderr.isTTY === true;
  if (p.phase === 'index') {
    process.stderr.write(`  ${p.table} in ${seconds.toFixed(1)} s · RSS ${mb()}\n`);
    return;
  }
  if (p.done) {
    const rate = seconds > 0 ? ` (${fmt(Math.round(p.rows / seconds))} rows/s)` : '';
    process.stderr.write(`${tty ? '\r\x1b[K' : ''}  ${p.table}: ${fmt(p.rows)} rows in ${seconds.toFixed(1)} s${rate} · RSS ${mb()}\n`);
  } else process.stderr.write(tty ? `\r\x1b[K${bar(p, seconds)}` : `${bar(p, seconds)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      members: { type: 'string' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
      'no-migrate': { type: 'boolean', default: false },
      'defer-coverage': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const members = values.members === undefined ? DEFAULT_FIGURES.members : Number(values.members.replace(/_/g, ''));
  if (!Number.isInteger(members) || members < 0) fail(`--members must be a whole number, got ${values.members}`);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const seed = values.seed ?? String(config.demoSeed);
  const url = values['database-url'] ?? config.databaseUrl;

  const started = Date.now();
  const county = generateCounty({ seed, members });
  process.stderr.write(
    `generated county (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${county.areas.length} areas, ` +
      `${fmt(county.grids.length)} grids, ${fmt(county.buildings.length)} buildings, ${fmt(county.orgs.length)} organizations, ` +
      `${fmt(county.members.count)} members (streamed)\n`,
  );

  let client: pg.ClientBase;
  let release: () => Promise<void>;
  if (url && values['no-migrate']) {
    const c = new pg.Client({ connectionString: url, application_name: 'redgrid-geodata' });
    await c.connect();
    client = c;
    release = () => c.end();
  } else {
    const log = createLogger(config.logLevel);
    const database = await openDatabase({ ...config, databaseUrl: url, loadDemo: false }, log);
    const c = await database.pool.connect();
    client = c;
    const db = database;
    release = async () => {
      c.release();
      await db.close();
    };
    process.stderr.write(`database ready (${database.embedded ? 'embedded' : 'DATABASE_URL'})\n`);
  }
  try {
    const summary = await loadCounty(client, county, printProgress, { replace: true, deferCoverage: values['defer-coverage'] });
    const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    process.stderr.write(`loaded ${fmt(total)} rows in ${(summary.ms / 1000).toFixed(1)} s\n`);
  } finally {
    await release();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`geodata: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
