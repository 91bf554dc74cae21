import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../server/src/db/transaction.ts';
import { usePrivateDatabase } from '../support/database.ts';

/** A deadlock victim is not the client's problem: withTransaction runs the work again. */
const database = usePrivateDatabase('txretry');

beforeAll(async () => {
  await database.db.query('create table deadlock_probe (id integer primary key, n integer not null default 0)');
  await database.db.query('insert into deadlock_probe (id) values (1), (2)');
});

describe('withTransaction', () => {
  it('runs the work again when PostgreSQL picks its transaction as a deadlock victim', async () => {
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    // the other side waits 10 s before checking for a deadlock, so ours (1 s) is the victim
    await other.query("set deadlock_timeout = '10s'");
    await other.query('begin');
    await other.query('update deadlock_probe set n = n + 1 where id = 1');
    let attempts = 0;
    let othersTurn: Promise<unknown> = Promise.resolve();
    const ours = withTransaction(database.db, async (tx) => {
      attempts += 1;
      await tx.query('update deadlock_probe set n = n + 10 where id = 2');
      if (attempts === 1) {
        othersTurn = new Promise((resolve) => setTimeout(resolve, 200)).then(async () => {
          await other.query('update deadlock_probe set n = n + 1 where id = 2');
          await other.query('commit');
        });
      }
      await tx.query('update deadlock_probe set n = n + 10 where id = 1');
      return attempts;
    });
    expect(await ours).toBe(2);
    // our second attempt can go on as soon as the other side commits, perhaps before its client
    // has read the answer: end the client only then, or its commit is cut off mid-flight
    await othersTurn;
    await other.end();
    const { rows } = await database.db.query<{ id: number; n: number }>('select id, n from deadlock_probe order by id');
    expect(rows).toEqual([
      { id: 1, n: 11 },
      { id: 2, n: 11 },
    ]);
  });

  it('gives up after three attempts and rethrows', async () => {
    let attempts = 0;
    const failing = withTransaction(database.db, async (tx) => {
      attempts += 1;
      await tx.query("do $$ begin raise exception using errcode = '40001', message = 'could not serialize'; end $$");
    });
    await expect(failing).rejects.toMatchObject({ code: '40001' });
    expect(attempts).toBe(3);
  });
});
