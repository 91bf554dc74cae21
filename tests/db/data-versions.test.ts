import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { usePrivateDatabase } from '../support/database.ts';

/**
 * Data versions without a hot row (sql/000012): writers on one topic append bumps instead of
 * updating the topic's row. A private database, because the tests change members.
 */
const ctx = usePrivateDatabase('data_versions');

const memberVersion = async (db: pg.Pool | pg.PoolClient) =>
  Number((await db.query<{ version: string }>("select version from data_version where topic = 'member'")).rows[0]!.version);

/** Two members of organizations in different areas, so they share no density row either. */
async function twoMembersApart(): Promise<[number, number]> {
  const { rows } = await ctx.db.query<{ id: number }>(
    `select distinct on (o.area_code) m.id from member m join org o on o.id = m.org_id order by o.area_code, m.id limit 2`,
  );
  return [rows[0]!.id, rows[1]!.id];
}

async function inTransactions<T>(run: (a: pg.PoolClient, b: pg.PoolClient) => Promise<T>): Promise<T> {
  const [a, b] = [await ctx.db.connect(), await ctx.db.connect()];
  try {
    await a.query('begin');
    await b.query('begin');
    return await run(a, b);
  } finally {
    await a.query('rollback').catch(() => undefined);
    await b.query('rollback').catch(() => undefined);
    a.release();
    b.release();
  }
}

describe('data versions', () => {
  it('let two open transactions update members at once: the second does not wait for the first to commit', async () => {
    const [first, second] = await twoMembersApart();
    await inTransactions(async (a, b) => {
      await a.query('update member set available = not available where id = $1', [first]);
      // on a shared version row this waits for a's commit and fails after 500 ms
      await b.query("set local lock_timeout = '500ms'");
      await b.query('update member set available = not available where id = $1', [second]);
      await b.query('commit');
      await a.query('commit');
    });
  });

  it('only grow, and a commit is seen at once even when a writer that began earlier commits last', async () => {
    const [first, second] = await twoMembersApart();
    const before = await memberVersion(ctx.db);
    const [afterSecond, afterFirst] = await inTransactions(async (a, b) => {
      await a.query('update member set available = not available where id = $1', [first]);
      await b.query('update member set available = not available where id = $1', [second]);
      await b.query('commit');
      const seen = await memberVersion(ctx.db);
      await a.query('commit');
      return [seen, await memberVersion(ctx.db)];
    });
    expect(afterSecond).toBeGreaterThan(before);
    expect(afterFirst).toBeGreaterThan(afterSecond);
    await ctx.db.query('select fold_data_versions()');
    expect(await memberVersion(ctx.db)).toBe(afterFirst);
  });

  it('count a statement that changes no row as no bump', async () => {
    const before = await memberVersion(ctx.db);
    await ctx.db.query('update member set available = available where id = -1');
    expect(await memberVersion(ctx.db)).toBe(before);
  });
});
