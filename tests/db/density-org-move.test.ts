import { describe, expect, it } from 'vitest';
import { usePrivateDatabase } from '../support/database.ts';
import { bruteForcePyramid, loadMembers } from '../support/density.ts';

/**
 * An organization moved to another area moves its members' density counts (sql/000012): only its
 * own members' cells are rewritten, not the whole pyramid. A private database, because the test
 * moves an organization.
 */
const ctx = usePrivateDatabase('density_org_move');

async function expectPyramidMatchesMembers(): Promise<void> {
  const expected = bruteForcePyramid(await loadMembers(ctx.db));
  await ctx.db.query('select fold_member_density()'); // every reader folds pending deltas first (sql/000014)
  const { rows } = await ctx.db.query<{ key: string; counts: number[] }>(
    `select level || '/' || cx || '/' || cy || '/' || area_code as key,
            array[total, available, skilled, pub_total, pub_available, pub_skilled] as counts
     from member_density
     where total <> 0 or available <> 0 or skilled <> 0 or pub_total <> 0 or pub_available <> 0 or pub_skilled <> 0`,
  );
  const stored = new Map(rows.map((r) => [r.key, r.counts]));
  expect(stored.size).toBe(expected.size);
  for (const [key, e] of expected) {
    expect(stored.get(key), `row ${key}`).toEqual([e.raw.total, e.raw.available, e.raw.skilled, e.pub.total, e.pub.available, e.pub.skilled]);
  }
}

describe('an organization moved to another area', () => {
  it("re-counts only its own members' cells, and the pyramid still equals a brute-force recomputation", async () => {
    const {
      rows: [org],
    } = await ctx.db.query<{ id: number; area_code: string; members: number; cells: number }>(
      `select o.id, o.area_code, count(*)::integer as members,
              count(distinct (cell_column(14, st_x(p)), cell_row(14, st_y(p))))::integer as cells
       from org o join member m on m.org_id = o.id, st_transform(m.home, 3857) p
       group by o.id having count(*) >= 5 order by count(*) desc limit 1`,
    );
    const {
      rows: [target],
    } = await ctx.db.query<{ code: string }>(`select code from area where level = 'community' and code <> $1 order by code limit 1`, [org!.area_code]);
    const client = await ctx.db.connect();
    try {
      const written = async () =>
        (
          await client.query<{ n: number }>(
            "select (n_tup_ins + n_tup_upd + n_tup_del)::integer as n from pg_stat_xact_user_tables where relname = 'member_density'",
          )
        ).rows[0]!.n;
      await client.query('begin');
      const before = await written();
      await client.query('update org set area_code = $2 where id = $1', [org!.id, target!.code]);
      await client.query('select fold_member_density()'); // the move's deltas reach the pyramid here (sql/000014)
      const rows = (await written()) - before;
      // per level, the old and the new area's cells of its members, raw and published counts
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(2 * 2 * 9 * org!.cells);
      const {
        rows: [all],
      } = await client.query<{ n: number }>('select count(*)::integer as n from member_density');
      expect(rows).toBeLessThan(all!.n);
      await client.query('commit');
    } finally {
      client.release();
    }
    await expectPyramidMatchesMembers();
  });
});
