import { describe, expect, it } from 'vitest';
import { bruteForcePyramid, cellBounds, cellOf, loadMembers } from '../support/density.ts';
import { usePrivateDatabase } from '../support/database.ts';

/**
 * The density pyramid's published counts (sql/000009) against a recomputation from the member
 * table in JavaScript, after each kind of change the triggers must follow. A private database,
 * because the tests change members.
 */
const ctx = usePrivateDatabase('density_pyramid');

type Row = {
  level: number;
  cx: number;
  cy: number;
  area_code: string;
  total: number;
  available: number;
  skilled: number;
  pub_total: number;
  pub_available: number;
  pub_skilled: number;
};

async function expectPyramidExact(): Promise<void> {
  const expected = bruteForcePyramid(await loadMembers(ctx.db));
  // writes leave their deltas pending (sql/000014); every reader folds them in first, as here
  await ctx.db.query('select fold_member_density()');
  const { rows } = await ctx.db.query<Row>(
    `select level, cx, cy, area_code, total, available, skilled, pub_total, pub_available, pub_skilled from member_density
     where total <> 0 or available <> 0 or skilled <> 0 or pub_total <> 0 or pub_available <> 0 or pub_skilled <> 0`,
  );
  const stored = new Map(rows.map((r) => [`${r.level}/${r.cx}/${r.cy}/${r.area_code}`, r]));
  let compared = 0;
  for (const [key, e] of expected) {
    const s = stored.get(key);
    expect(s, `row ${key}`).toBeDefined();
    expect([s!.total, s!.available, s!.skilled, s!.pub_total, s!.pub_available, s!.pub_skilled], `row ${key}`).toEqual([
      e.raw.total,
      e.raw.available,
      e.raw.skilled,
      e.pub.total,
      e.pub.available,
      e.pub.skilled,
    ]);
    compared += 1;
  }
  expect(stored.size).toBe(compared);
}

/** A free spot in the county: the centre of a level-14 cell with no member in it, inside a community. */
async function emptySpot(): Promise<{ lng: number; lat: number; orgId: number }> {
  const {
    rows: [c],
  } = await ctx.db.query<{ lng: number; lat: number; org_id: number }>(
    `select st_x(p) as lng, st_y(p) as lat, o.id as org_id
     from area a join org o on o.area_code = a.code, st_pointonsurface(a.geom) p
     where a.level = 'community' order by a.code limit 1`,
  );
  let { cx, cy } = cellOf(14, c!.lng, c!.lat);
  const occupied = new Set(
    (await loadMembers(ctx.db)).map((m) => {
      const f = cellOf(14, m.lng, m.lat);
      return `${f.cx}/${f.cy}`;
    }),
  );
  while (occupied.has(`${cx}/${cy}`)) cx += 1;
  const [w, s, e, n] = cellBounds(14, cx, cy);
  return { lng: (w + e) / 2, lat: (s + n) / 2, orgId: c!.org_id };
}

async function addMembers(spot: { lng: number; lat: number; orgId: number }, n: number, skills: string[] = []): Promise<number[]> {
  const { rows } = await ctx.db.query<{ id: number }>(
    `insert into member (county_code, name, gender, org_id, home, available, skills)
     select '510703000000', '测试' || i, 'female', $3, st_setsrid(st_point($1 + i * 1e-6, $2), 4326), i % 2 = 0, $5::text[]
     from generate_series(1, $4) i returning id`,
    [spot.lng, spot.lat, spot.orgId, n, skills],
  );
  return rows.map((r) => r.id);
}

describe("the density pyramid's published counts", () => {
  it('equal a brute-force recomputation from the members after inserts, moves, updates and deletes', async () => {
    await expectPyramidExact();
    const spot = await emptySpot();
    const first = await addMembers(spot, 3, ['first aid']);
    await expectPyramidExact();
    const second = await addMembers(spot, 2);
    await expectPyramidExact();
    // one member moves a few cells east: her old cell drops below 5 again
    await ctx.db.query('update member set home = st_translate(home, 0.004, 0) where id = $1', [first[0]]);
    await expectPyramidExact();
    await ctx.db.query('update member set available = not available, skills = $2::text[] where id = any($1::bigint[])', [second, ['swimming']]);
    await expectPyramidExact();
    // a set of members moves together: many cells change in one statement
    await ctx.db.query('update member set home = st_translate(home, 0.0021, -0.0013) where id in (select id from member order by id limit 300)');
    await expectPyramidExact();
    await ctx.db.query('delete from member where id = any($1::bigint[])', [[...first.slice(1), ...second]]);
    await expectPyramidExact();
    await ctx.db.query('select refresh_member_density()');
    await expectPyramidExact();
  });

  it("one member's move rewrites at most two cells a level: at most 36 pyramid rows", async () => {
    const client = await ctx.db.connect();
    try {
      // the transaction's own counters, read before and after (a backend's earlier unflushed
      // statistics would otherwise count too)
      const written = async () =>
        (
          await client.query<{ n: number }>(
            "select (n_tup_ins + n_tup_upd + n_tup_del)::integer as n from pg_stat_xact_user_tables where relname = 'member_density'",
          )
        ).rows[0]!.n;
      await client.query('begin');
      const {
        rows: [m],
      } = await client.query<{ id: number }>('select id from member order by id desc limit 1');
      const before = await written();
      await client.query('update member set home = st_translate(home, 0.03, 0.02) where id = $1', [m!.id]);
      await client.query('select fold_member_density()'); // the write's deltas reach the pyramid here (sql/000014)
      const rows = (await written()) - before;
      // 9 levels × (old cell, new cell) for the raw counts, and as many for the published ones
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(36);
      await client.query('rollback');
    } finally {
      client.release();
    }
  });
});
