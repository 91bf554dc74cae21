import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createPool } from '../../server/src/db/pool.ts';
import { createRunDatabase, dropDatabase, withDatabase } from './template-database.ts';

/** A pool on this run's shared database (read-mostly tests). */
export function useRunDatabase(): { readonly db: pg.Pool } {
  const holder = { db: undefined as unknown as pg.Pool };
  beforeAll(() => {
    holder.db = createPool(inject('databaseUrl'), 4);
  });
  afterAll(async () => {
    await holder.db.end();
  });
  return holder;
}

/** A private copy of the demo database for a test file that writes, dropped afterwards. */
export function usePrivateDatabase(label: string): { readonly db: pg.Pool; readonly url: string } {
  const holder = { db: undefined as unknown as pg.Pool, url: '', name: '' };
  beforeAll(async () => {
    holder.name = await createRunDatabase(inject('adminUrl'), inject('templateDatabase'), label);
    holder.url = withDatabase(inject('adminUrl'), holder.name);
    holder.db = createPool(holder.url, 4);
  });
  afterAll(async () => {
    await holder.db.end();
    await dropDatabase(inject('adminUrl'), holder.name);
  });
  return holder;
}

/** An empty database (no schema) for migration tests, dropped afterwards. */
export async function createEmptyDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `redgrid_test_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  await admin.end();
  return {
    url: withDatabase(inject('adminUrl'), name),
    drop: () => dropDatabase(inject('adminUrl'), name),
  };
}
