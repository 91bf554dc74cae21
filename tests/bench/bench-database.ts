import { loadConfig } from '../../server/src/config.ts';
import { openDatabase, type Database } from '../../server/src/db/database.ts';
import { startEmbeddedCluster } from '../../server/src/db/embedded-cluster.ts';
import { ensureDatabase } from '../../server/src/db/pool.ts';
import { createLogger } from '../../server/src/logger.ts';

/**
 * The benchmarks' own database `redgrid_bench` (never the one `npm start` uses): on
 * BENCH_DATABASE_URL when set, else in the embedded cluster. Migrated, not loaded.
 */
export async function openBenchDatabase(): Promise<Database> {
  const log = createLogger('warn');
  const config = loadConfig();
  let url = process.env.BENCH_DATABASE_URL;
  let stopCluster = async () => {};
  if (!url) {
    const cluster = await startEmbeddedCluster(config.dataDir, log);
    await ensureDatabase(cluster.adminUrl, 'redgrid_bench');
    url = cluster.databaseUrl('redgrid_bench');
    stopCluster = () => cluster.stop();
  }
  const database = await openDatabase({ ...config, databaseUrl: url, loadDemo: false }, log);
  return {
    ...database,
    close: async () => {
      await database.close();
      await stopCluster();
    },
  };
}
