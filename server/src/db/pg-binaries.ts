import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.ts';

export type PgBinaries = { binDir: string; version: number; postgis: boolean };

const debianRoot = '/usr/lib/postgresql';

function candidates(): string[] {
  const dirs: string[] = [];
  if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) dirs.push(path.join(debianRoot, v, 'bin'));
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) dirs.push(path.dirname(which.stdout.trim()));
  return dirs.filter((d) => existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl')));
}

function hasPostgis(binDir: string): boolean {
  const pgConfig = path.join(binDir, 'pg_config');
  if (!existsSync(pgConfig)) return false;
  const shareDir = execFileSync(pgConfig, ['--sharedir'], { encoding: 'utf8' }).trim();
  return existsSync(path.join(shareDir, 'extension', 'postgis.control'));
}

function versionOf(binDir: string): number {
  const out = execFileSync(path.join(binDir, 'pg_ctl'), ['--version'], { encoding: 'utf8' });
  return Number(/(\d+)(\.\d+)?/.exec(out)?.[1] ?? 0);
}

/** The newest PostgreSQL on this machine that has PostGIS, or the newest one at all. */
export function findPgBinaries(): PgBinaries | undefined {
  const found = candidates().map((binDir) => ({ binDir, version: versionOf(binDir), postgis: hasPostgis(binDir) }));
  return found.find((b) => b.postgis) ?? found[0];
}

const installHint =
  'RedGrid needs PostgreSQL with PostGIS for its embedded database. Install them ' +
  '(Debian/Ubuntu: sudo apt-get install -y postgresql postgresql-postgis), ' +
  'or set DATABASE_URL to a PostGIS database, or run `docker compose up`.';

export class MissingPostgresError extends Error {
  constructor(detail: string) {
    super(`${detail}\n${installHint}`);
  }
}

function canInstallPackages(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

/** Finds PostgreSQL + PostGIS; installs them from the OS packages when running as root on Debian/Ubuntu. */
export function ensurePgBinaries(log: Logger): PgBinaries {
  const found = findPgBinaries();
  if (found?.postgis) return found;
  if (!canInstallPackages()) {
    throw new MissingPostgresError(found ? `PostgreSQL ${found.version} has no PostGIS.` : 'PostgreSQL was not found.');
  }
  log.info('installing PostgreSQL and PostGIS with apt-get (first start only)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) throw new MissingPostgresError(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
  };
  run(['update']);
  run(['install', '-y', 'postgresql', 'postgresql-postgis']);
  const installed = findPgBinaries();
  if (!installed?.postgis) throw new MissingPostgresError('PostGIS is still missing after installing packages.');
  return installed;
}
