import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster } from '../../server/src/db/embedded-cluster.ts';
import { createLogger } from '../../server/src/logger.ts';

const log = createLogger('silent');
const dataDir = mkdtempSync(path.join(tmpdir(), 'redgrid-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function postgisVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create extension if not exists postgis');
    return (await client.query<{ v: string }>('select postgis_lib_version() as v')).rows[0]!.v;
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL cluster', () => {
  it('is created under the data directory, with PostGIS, on a local port with a generated password', async () => {
    const cluster = await startEmbeddedCluster(dataDir, log);
    try {
      expect(cluster.startedHere).toBe(true);
      expect(cluster.adminUrl).toMatch(/^postgresql:\/\/redgrid:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
      expect(await postgisVersion(cluster.adminUrl)).toMatch(/^3\./);
      expect(readFileSync(path.join(dataDir, 'pg-password'), 'utf8').length).toBeGreaterThanOrEqual(20);
      expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION')) || existsSync('/var/lib/redgrid')).toBe(true);

      const again = await startEmbeddedCluster(dataDir, log);
      expect(again.startedHere).toBe(false);
      expect(again.adminUrl).toBe(cluster.adminUrl);
    } finally {
      await cluster.stop();
    }
  });

  it('is reused on the next start, with its data and password', async () => {
    const cluster = await startEmbeddedCluster(dataDir, log);
    try {
      expect(cluster.startedHere).toBe(true);
      const client = new pg.Client({ connectionString: cluster.adminUrl });
      await client.connect();
      const { rows } = await client.query("select extversion from pg_extension where extname = 'postgis'");
      await client.end();
      expect(rows).toHaveLength(1);
    } finally {
      await cluster.stop();
    }
  });

  it('stops cleanly: nothing answers on its port afterwards', async () => {
    const cluster = await startEmbeddedCluster(dataDir, log);
    await cluster.stop();
    const client = new pg.Client({ connectionString: cluster.adminUrl, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow();
  });
});

describe('a damaged state file', () => {
  it('does not stop the cluster from starting', async () => {
    writeFileSync(path.join(dataDir, 'cluster.json'), '{"port":1234,"dir":"x"}}');
    const cluster = await startEmbeddedCluster(dataDir, log);
    try {
      expect(await postgisVersion(cluster.adminUrl)).toMatch(/^3\./);
    } finally {
      await cluster.stop();
    }
  });
});
