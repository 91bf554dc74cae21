import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/src/config.ts';
import { startEmbeddedCluster } from '../../server/src/db/embedded-cluster.ts';
import { createLogger } from '../../server/src/logger.ts';
import { ensureChromium } from './system-packages.ts';
import { createRunDatabase, dropDatabase, ensureTemplate, withDatabase } from './template-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    adminUrl: string;
    templateDatabase: string;
  }
}

/**
 * One database per test run, copied from a template that holds the schema and the demo county.
 * Uses TEST_DATABASE_URL (a superuser URL on a PostGIS server) when set, else the embedded cluster.
 */
export default async function setup(project: TestProject) {
  ensureChromium();
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const external = process.env.TEST_DATABASE_URL;
  const cluster = external ? undefined : await startEmbeddedCluster(loadConfig().dataDir, log);
  const adminUrl = external ?? (cluster as NonNullable<typeof cluster>).adminUrl;
  const urlFor = (db: string) => withDatabase(adminUrl, db);

  const template = await ensureTemplate(adminUrl, urlFor, log);
  const runDatabase = await createRunDatabase(adminUrl, template, 'run');
  project.provide('databaseUrl', urlFor(runDatabase));
  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await dropDatabase(adminUrl, runDatabase);
    await cluster?.stop();
  };
}
