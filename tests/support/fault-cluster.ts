import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../server/src/db/embedded-cluster.ts';
import { ensureDatabase } from '../../server/src/db/pool.ts';
import { createLogger } from '../../server/src/logger.ts';
import { withDatabase } from './template-database.ts';

export type FaultCluster = {
  /** the demo database on this cluster */
  url: string;
  cluster: EmbeddedCluster;
  close(): Promise<void>;
};

/**
 * A PostgreSQL cluster of its own, holding a copy of the demo database, for tests that restart or
 * stop PostgreSQL: the run's shared cluster keeps serving the other test files meanwhile.
 */
export async function startFaultCluster(): Promise<FaultCluster> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'redgrid-fault-'));
  const cluster = await startEmbeddedCluster(dataDir, createLogger('warn'));
  await ensureDatabase(cluster.adminUrl, 'redgrid');
  const url = cluster.databaseUrl('redgrid');
  const template = withDatabase(inject('adminUrl'), inject('templateDatabase'));
  const bin = (tool: string) => path.join(cluster.binDir, tool);
  // a custom-format dump restored with 2 jobs: the demo county in seconds
  const dump = path.join(dataDir, 'demo.dump');
  execFileSync(bin('pg_dump'), ['-Fc', '-f', dump, '-d', template]);
  execFileSync(bin('pg_restore'), ['--no-owner', '-j', '2', '-d', url, dump]);
  return {
    url,
    cluster,
    close: async () => {
      cluster.control('stop');
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(path.dirname(cluster.dir), { recursive: true, force: true });
    },
  };
}
