import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { defaultPolicy } from './dispatch/engine.ts';
import { startWorkers } from './dispatch/sender.ts';
import { sweepTimeouts } from './dispatch/service.ts';
import { LiveHub } from './live/hub.ts';
import { applyCoverageSettings } from './coverage/queries.ts';
import { startCoverageRefresher } from './coverage/refresher.ts';
import { startPlanPublisher } from './plans/publisher.ts';
import { startFigureFolder } from './stats/figure-folder.ts';
import { startDensityFolder } from './versions/density-folder.ts';
import { createDemoAccounts, ensureInitialAdmin } from './auth/bootstrap.ts';
import { printCredentials } from './auth/print-credentials.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { MissingPostgresError } from './db/pg-binaries.ts';
import { createHttpServer } from './http/server.ts';
import { createLogger } from './logger.ts';

async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  const admin = await ensureInitialAdmin(database.pool);
  const demo = database.demoLoaded ? await createDemoAccounts(database.pool) : undefined;
  const policy = { ...defaultPolicy, dailyCap: config.dispatchDailyCap, dutyPhone: config.dispatchDutyPhone ?? null };
  const live = new LiveHub(database.url, log);
  await live.start();
  const app = createApp({
    db: database.pool,
    log,
    trustProxy: config.trustProxy,
    policy,
    live,
    publicUrl: config.publicUrl,
    smsGateway: config.smsWebhookUrl !== undefined,
  });
  const server = createHttpServer(app).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`;
  const senderOptions = { webhookUrl: config.smsWebhookUrl, publicUrl: config.publicUrl ?? url.slice(0, -1), leaseSeconds: config.smsLeaseSeconds };
  const stopWorkers = startWorkers(database.pool, senderOptions, () => sweepTimeouts(database.pool, policy), log);
  await applyCoverageSettings(database.pool, config.coverage);
  const stopRefresher = startCoverageRefresher(database.pool, log);
  const stopDensityFolder = startDensityFolder(database.pool, log);
  const stopFigureFolder = startFigureFolder(database.pool, log);
  const stopPlanPublisher = startPlanPublisher(database.pool, log);
  log.info({ url, embedded: database.embedded }, 'RedGrid is running');
  process.stdout.write(`\n  红网格 RedGrid is running at ${url}\n  API docs: ${url}api/docs\n\n`);
  printCredentials(admin, demo, url);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    server.close();
    server.closeAllConnections();
    Promise.all([stopWorkers(), stopRefresher(), stopDensityFolder(), stopFigureFolder(), stopPlanPublisher(), live.stop()])
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'error while closing the database');
          process.exit(1);
        },
      );
  };
  // a stray rejection is a bug to fix, not a reason to drop every stream and request in flight
  process.on('unhandledRejection', (reason: unknown) => log.error({ err: reason }, 'unhandled promise rejection'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MissingPostgresError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`RedGrid could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
