import type pg from 'pg';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { loadDemoCounty } from './demo.ts';
import { startEmbeddedCluster } from './embedded-cluster.ts';
import { migrate } from './migrate.ts';
import { createPool, ensureDatabase } from './pool.ts';

export type Database = {
  url: string;
  pool: pg.Pool;
  embedded: boolean;
  /** true when this start loaded the demo county into an empty territory */
  demoLoaded: boolean;
  close(): Promise<void>;
};

/**
 * Opens the platform's database: `DATABASE_URL` when set, else the project-local embedded cluster.
 * Migrates it, and loads the demo county into an empty territory when `loadDemo` is on.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'loadDemo' | 'demoSeed' | 'statementTimeoutMs'>,
  log: Logger,
): Promise<Database> {
  const cluster = config.databaseUrl ? undefined : await startEmbeddedCluster(config.dataDir, log);
  let url = config.databaseUrl;
  if (cluster) {
    await ensureDatabase(cluster.adminUrl, 'redgrid');
    url = cluster.databaseUrl('redgrid');
  }
  // migrations and the demo load run long statements: their own pool, without a statement timeout
  const setup = createPool(url as string, 4, { log });
  let demoLoaded = false;
  try {
    await migrate(setup, log);
    if (config.loadDemo) demoLoaded = await loadDemoCounty(setup, config.demoSeed, log);
  } catch (error) {
    await cluster?.stop();
    throw error;
  } finally {
    await setup.end();
  }
  const pool = createPool(url as string, 10, { log, statementTimeoutMs: config.statementTimeoutMs });
  return {
    url: url as string,
    pool,
    embedded: Boolean(cluster),
    demoLoaded,
    close: async () => {
      await pool.end();
      await cluster?.stop();
    },
  };
}
