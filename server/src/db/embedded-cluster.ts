import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { ensurePgBinaries, type PgBinaries } from './pg-binaries.ts';

/** A project-local PostgreSQL cluster started from the machine's own binaries. */
export type EmbeddedCluster = {
  /** superuser URL of the maintenance database; use `databaseUrl(name)` for others */
  adminUrl: string;
  databaseUrl(name: string): string;
  /** true when this process started the cluster (and so stops it) */
  startedHere: boolean;
  /** the cluster's data directory and binaries, for tools such as pg_dump */
  dir: string;
  binDir: string;
  /** `pg_ctl stop|start|restart -m fast` of this cluster, waiting for it (operations and fault tests) */
  control(action: 'stop' | 'start' | 'restart'): void;
  stop(): Promise<void>;
};

const superuser = 'redgrid';

type OsUser = { name: string; uid: number; gid: number } | undefined;

/** PostgreSQL refuses to run as root; as root the cluster runs as the `postgres` OS user. */
function clusterOsUser(): OsUser {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  if (uid.status !== 0) {
    const add = spawnSync('useradd', ['--system', '--home-dir', '/var/lib/postgresql', '--shell', '/bin/bash', 'postgres']);
    if (add.status !== 0) throw new Error('Running as root needs an OS user `postgres` to run PostgreSQL; create it.');
  }
  return { name: 'postgres', uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function run(bin: PgBinaries, user: OsUser, tool: string, args: string[]) {
  const exe = path.join(bin.binDir, tool);
  const [cmd, argv] = user ? ['runuser', ['-u', user.name, '--', exe, ...args]] : [exe, args];
  return spawnSync(cmd, argv, { encoding: 'utf8' });
}

function ownedDir(dir: string, user: OsUser) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dir, user.uid, user.gid);
}

function canReach(user: OsUser, dir: string): boolean {
  if (!user) return true;
  return spawnSync('runuser', ['-u', user.name, '--', 'test', '-w', dir]).status === 0;
}

/**
 * Where the cluster's files live: `<dataDir>/pg`, unless the `postgres` OS user cannot reach it
 * (e.g. a checkout under /root); then under /var/lib/redgrid, keyed by the data directory.
 */
function clusterDir(dataDir: string, user: OsUser): string {
  const local = path.join(dataDir, 'pg');
  ownedDir(local, user);
  if (canReach(user, local)) return local;
  const key = createHash('sha1').update(dataDir).digest('hex').slice(0, 12);
  const fallback = path.join('/var/lib/redgrid', key, 'pg');
  mkdirSync(path.dirname(fallback), { recursive: true });
  ownedDir(fallback, user);
  return fallback;
}

function freePort(preferred: number | undefined): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  return (async () => (preferred && (await tryListen(preferred))) || (await tryListen(0)) || 0)();
}

function runningPort(dir: string): number | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return Number(lines[3]) || undefined;
}

/** The port used last time, if the state file is readable; a damaged file only costs the choice. */
function savedPort(stateFile: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(stateFile, 'utf8')) as { port?: number }).port;
  } catch {
    return undefined;
  }
}

/** Two processes starting at once must not interleave their writes: write aside, then rename. */
function writeAtomically(file: string, content: string) {
  const aside = `${file}.${process.pid}`;
  writeFileSync(aside, content);
  renameSync(aside, file);
}

/** Client connections other than this check's own: a server and a test run may share the cluster. */
async function otherClients(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
    );
    return rows[0]?.n ?? 0;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A quarter of the machine's memory for PostgreSQL's buffers (128 MB to 8 GB), as its own tuning
 * advice has it: at ten million members the member table and its indexes (~3 GB) must stay in the
 * buffers for nearby searches to answer in milliseconds; a cluster that does not use them commits
 * no memory for them.
 */
function sharedBuffersMb(totalBytes: number): number {
  return Math.max(128, Math.min(8192, Math.floor(totalBytes / 4 / 2 ** 20)));
}

function settings(port: number): string {
  return [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = ''`,
    `max_connections = 200`,
    `shared_buffers = '${sharedBuffersMb(os.totalmem())}MB'`,
    `effective_cache_size = '${Math.floor((os.totalmem() * 0.6) / 2 ** 20)}MB'`,
    `work_mem = '32MB'`,
    `maintenance_work_mem = '1GB'`,
    `max_wal_size = '4GB'`,
    // losing the last few commits on a power cut is acceptable for a local cluster; corruption is not
    `synchronous_commit = off`,
    `jit = off`,
    `random_page_cost = 1.1`,
    `log_min_messages = warning`,
    '',
  ].join('\n');
}

/**
 * Creates (first time) and starts the project-local cluster under `dataDir`; reuses one that is
 * already running there. Installs PostgreSQL + PostGIS from OS packages where it can.
 */
export async function startEmbeddedCluster(dataDir: string, log: Logger): Promise<EmbeddedCluster> {
  const bin = ensurePgBinaries(log);
  const user = clusterOsUser();
  mkdirSync(dataDir, { recursive: true });
  const dir = clusterDir(dataDir, user);
  const passwordFile = path.join(dataDir, 'pg-password');
  const stateFile = path.join(dataDir, 'cluster.json');

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwfile = path.join(dir, '..', `.pwfile-${process.pid}`);
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    log.info({ dir, version: bin.version }, 'creating the embedded PostgreSQL cluster');
    const init = run(bin, user, 'initdb', ['-D', dir, '-U', superuser, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8']);
    spawnSync('rm', ['-f', pwfile]);
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr || init.stdout}`);
    const conf = path.join(dir, 'postgresql.conf');
    writeFileSync(conf, `${readFileSync(conf, 'utf8')}\ninclude_if_exists = 'redgrid.conf'\n`);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const url = (port: number, db: string) => `postgresql://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

  const logFile = path.join(dir, 'server.log');
  const control = (action: 'stop' | 'start' | 'restart') => {
    const result = run(bin, user, 'pg_ctl', [action, '-w', '-t', '120', '-m', 'fast', '-D', dir, '-l', logFile]);
    if (result.status !== 0) throw new Error(`pg_ctl ${action} failed: ${result.stderr || result.stdout}`);
  };
  const already = runningPort(dir);
  if (already) {
    log.info({ port: already }, 'reusing the embedded PostgreSQL cluster that is already running');
    return {
      adminUrl: url(already, 'postgres'),
      databaseUrl: (db) => url(already, db),
      startedHere: false,
      dir,
      binDir: bin.binDir,
      control,
      stop: async () => {},
    };
  }

  const port = await freePort(savedPort(stateFile));
  writeAtomically(stateFile, JSON.stringify({ port, dir }));
  const confFile = path.join(dir, 'redgrid.conf');
  writeAtomically(confFile, settings(port));
  if (user) chownSync(confFile, user.uid, user.gid);
  const start = run(bin, user, 'pg_ctl', ['start', '-w', '-t', '120', '-D', dir, '-l', logFile]);
  if (start.status !== 0) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new Error(`PostgreSQL did not start (${start.stderr || start.stdout}).\n${tail}`);
  }
  log.info({ port, dir }, 'embedded PostgreSQL started');

  let stopped = false;
  return {
    adminUrl: url(port, 'postgres'),
    databaseUrl: (db) => url(port, db),
    startedHere: true,
    dir,
    binDir: bin.binDir,
    control,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const others = await otherClients(url(port, 'postgres'));
      if (others > 0) {
        log.info({ others }, 'embedded PostgreSQL left running: other processes are using it');
        return;
      }
      run(bin, user, 'pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dir]);
      log.info('embedded PostgreSQL stopped');
    },
  };
}
