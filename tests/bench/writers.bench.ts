import pg from 'pg';
import seedrandom from 'seedrandom';
import { openBenchDatabase } from './bench-database.ts';
import { ensureMembers, percentile, type BenchDatabase } from './bench-support.ts';
import { printReport, thousands } from './report.ts';

/**
 * One member write as the registry makes it: her availability toggled and her home moved a few
 * tens of metres, so the version triggers fire and, now and then, her density cell changes.
 */
const writeSql = `update member set available = not available, home = st_translate(home, $2, $3) where id = $1`;

type Phase = { writes: number; perSecond: number; p50: number; p95: number };

/**
 * `connections` clients each updating random members one at a time, autocommitted, for `seconds`;
 * then what those writes left pending is folded, and that time counts as part of the run, so no
 * run's upkeep is paid during the next one.
 */
async function measure(folder: Folder, clients: pg.Client[], ids: number[], seconds: number, seed: string): Promise<Phase> {
  const random = seedrandom(seed);
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (Date.now() < until) {
        const id = ids[Math.floor(random() * ids.length)]!;
        const step = (random() < 0.5 ? -1 : 1) * 0.0003;
        const started = process.hrtime.bigint();
        await client.query({ name: 'bench_member_write', text: writeSql, values: [id, step, -step] });
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  const drainStarted = Date.now();
  await folder.fold();
  const elapsed = seconds + (Date.now() - drainStarted) / 1000;
  latencies.sort((a, b) => a - b);
  return { writes: latencies.length, perSecond: Math.round(latencies.length / elapsed), p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/** Which of the member table's triggers a run has: all, the data-version ones only, none. */
const modes = {
  all: ['enable trigger user'],
  'versions only': ['enable trigger user', 'disable trigger member_density_upd'],
  none: ['disable trigger user'],
} as const;

async function setTriggers(db: BenchDatabase, mode: keyof typeof modes) {
  for (const change of modes[mode]) await db.pool.query(`alter table member ${change}`);
}

type Folder = { any: boolean; fold(): Promise<void> };

/** Runs the fold functions this database has (older migrations had none), looked up once. */
async function folderOf(db: BenchDatabase): Promise<Folder> {
  const { rows } = await db.pool.query<{ name: string }>(
    `select name from unnest(array['fold_data_versions', 'fold_member_density']) name where to_regproc(name) is not null`,
  );
  const names = rows.map((r) => r.name);
  return {
    any: names.length > 0,
    fold: async () => {
      for (const name of names) await db.pool.query(`select ${name}()`);
    },
  };
}

/**
 * Folds pending version bumps (announcing them) and pending density deltas every 500 ms, as the
 * server's live lane and density folder do, where the database has the folds; their cost is part
 * of the measured run.
 */
function startFolding(folder: Folder): () => Promise<void> {
  let running = true;
  const done = (async () => {
    while (running && folder.any) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await folder.fold();
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

/**
 * `npm run bench -- writers [members] [seconds] [connections] [rounds]`: concurrent single-member writes
 * with all the member table's triggers, with its data-version triggers only (no density upkeep) and
 * with none (all re-enabled after); the version fold runs every 500 ms meanwhile, as in the server.
 */
export async function benchWriters(args: string[]): Promise<void> {
  const members = Number(args[0] ?? 1_000_000);
  const seconds = Number(args[1] ?? 5);
  const connections = Number(args[2] ?? 8);
  const rounds = Number(args[3] ?? 3);
  const db = await openBenchDatabase();
  const clients: pg.Client[] = [];
  try {
    await ensureMembers(db, members);
    const { rows } = await db.pool.query<{ id: string }>('select id from member order by md5(id::text) limit 20000');
    const ids = rows.map((r) => Number(r.id));
    for (let i = 0; i < connections; i++) {
      const client = new pg.Client({ connectionString: db.url, application_name: 'redgrid-bench-writers' });
      await client.connect();
      clients.push(client);
    }
    const runs = new Map<string, Phase[]>();
    const key = (mode: string, n: number) => `${mode}|${n}`;
    const record = (mode: string, n: number, phase: Phase) => runs.set(key(mode, n), [...(runs.get(key(mode, n)) ?? []), phase]);
    const folder = await folderOf(db);
    const stopFolding = startFolding(folder);
    try {
      // the modes take turns, round after round, so that a noisy minute on a shared machine
      // falls on all of them alike rather than on whichever ran then
      for (let round = 1; round <= rounds; round++) {
        for (const mode of Object.keys(modes) as Array<keyof typeof modes>) {
          await setTriggers(db, mode);
          await measure(folder, clients.slice(0, 1), ids, 1, `warm-${mode}-${round}`);
          record(mode, 1, await measure(folder, clients.slice(0, 1), ids, seconds, `one-${mode}-${round}`));
          record(mode, connections, await measure(folder, clients, ids, seconds, `many-${mode}-${round}`));
        }
      }
    } finally {
      await setTriggers(db, 'all');
      await stopFolding();
    }
    const median = (mode: string, n: number) => {
      const phases = [...runs.get(key(mode, n))!].sort((a, b) => a.perSecond - b.perSecond);
      return phases[Math.floor(phases.length / 2)]!;
    };
    const spread = (mode: string, n: number) => {
      const rates = runs.get(key(mode, n))!.map((p) => p.perSecond);
      return `${thousands(Math.min(...rates))}–${thousands(Math.max(...rates))}`;
    };
    const ratio = (n: number, mode = 'all') => (median('none', n).perSecond / median(mode, n).perSecond).toFixed(2);
    printReport(
      `Concurrent member writes, ${thousands(members)} members, ${rounds} rounds of ${seconds} s a run (median round shown)`,
      [...runs.keys()].map((k) => {
        const [mode, n] = k.split('|') as [string, string];
        const r = median(mode, Number(n));
        return {
          triggers: mode,
          connections: Number(n),
          writes: thousands(r.writes),
          'writes/s': thousands(r.perSecond),
          'rounds writes/s': spread(mode, Number(n)),
          'p50 ms': r.p50.toFixed(2),
          'p95 ms': r.p95.toFixed(2),
        };
      }),
      [
        `Throughput without the triggers ÷ with them: ${ratio(1)}× on 1 connection, ${ratio(connections)}× on ${connections} (goal: within 1.5×);`,
        `with the data-version triggers only: ${ratio(1, 'versions only')}× and ${ratio(connections, 'versions only')}×.`,
      ],
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await db.close();
  }
}
