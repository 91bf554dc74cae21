import { beforeAll, describe, expect, it } from 'vitest';
import { generateCounty } from '../../geodata/county/index.ts';
import { loadCounty } from '../../geodata/load.ts';
import { refreshCoverageIfStale } from '../../server/src/coverage/queries.ts';
import { usePrivateDatabase } from '../support/database.ts';

/**
 * A bulk load drops member's and the ledger's indexes, keys and foreign keys (and the keys of
 * other tables referencing them) and builds them again; with deferCoverage it leaves the coverage
 * analysis to the server's refresher.
 */
const ctx = usePrivateDatabase('bulk_load');

type Schema = { constraints: string[]; indexes: string[] };

/** Every constraint and index touching member or member_points, as definitions. */
async function schema(): Promise<Schema> {
  const { rows: constraints } = await ctx.db.query<{ d: string }>(
    `select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated as d
       from pg_constraint
      where conrelid in ('member'::regclass, 'member_points'::regclass) or confrelid in ('member'::regclass, 'member_points'::regclass)
      order by 1`,
  );
  const { rows: indexes } = await ctx.db.query<{ d: string }>(
    `select pg_get_indexdef(indexrelid) as d from pg_index where indrelid in ('member'::regclass, 'member_points'::regclass) order by 1`,
  );
  return { constraints: constraints.map((r) => r.d), indexes: indexes.map((r) => r.d) };
}

let before: Schema;

beforeAll(async () => {
  before = await schema();
  const client = await ctx.db.connect();
  try {
    await loadCounty(client, generateCounty({ seed: 'bulk-load', members: 3000 }), undefined, { replace: true, bulk: true, deferCoverage: true });
  } finally {
    client.release();
  }
}, 120_000);

describe('a bulk load', () => {
  it('ends with the same indexes, keys and foreign keys, all validated', async () => {
    expect(await schema()).toEqual(before);
  });

  it("opens every member's ledger with her points and moves its ids on for later credits", async () => {
    const { rows } = await ctx.db.query<{ members: number; differ: number }>(
      `select count(*)::integer as members,
              count(*) filter (where m.points <> coalesce((select sum(p.points) from member_points p where p.member_id = m.id), 0))::integer as differ
       from member m`,
    );
    expect(rows[0]).toEqual({ members: 3000, differ: 0 });
    const credited = await ctx.db.query<{ id: string }>("select credit_points(min(id), 'activity', 2, '测试', null, null) as id from member");
    const { rows: last } = await ctx.db.query<{ max: string }>('select max(id) as max from member_points');
    expect(credited.rows[0]?.id).toBe(last[0]?.max);
  });

  it("leaves the coverage analysis marked not computed, for the server's refresher to recompute", async () => {
    const { rows } = await ctx.db.query<{ computed_at: Date | null; cells: number }>(
      'select computed_at, (select count(*)::integer from coverage_cell) as cells from coverage_setting',
    );
    expect(rows[0]).toEqual({ computed_at: null, cells: 0 });
    expect(await refreshCoverageIfStale(ctx.db, 0)).toBe(true);
    const { rows: after } = await ctx.db.query<{ computed: boolean; cells: number; reach: number }>(
      `select computed_at is not null as computed, (select count(*)::integer from coverage_cell) as cells,
              (select count(*)::integer from building_reach) as reach
       from coverage_setting`,
    );
    expect(after[0]?.computed).toBe(true);
    expect(after[0]?.cells).toBeGreaterThan(0);
    expect(after[0]?.reach).toBeGreaterThan(0);
  });
});
