import { beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import { WishesQuery } from '../../server/src/contract/wishes.ts';
import { selectNearbyWishes, selectWishes } from '../../server/src/wishes/queries.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { rangeCondition, withPlans } from '../support/query-plans.ts';

const ctx = usePrivateDatabase('wish_plans');

let town = '';
let member = 0;

beforeAll(async () => {
  // the demo county has 150 wishes; add a county's worth, most of them long fulfilled
  await ctx.db.query(
    `insert into wish (title, area_code, status, claimed_by, geom)
     select '心愿 ' || n, a.code, case when n % 10 = 0 then 'open' else 'fulfilled' end::wish_status,
            case when n % 10 = 0 then null else (select min(id) from member) end,
            st_translate(st_pointonsurface(a.geom), (n % 20) * 0.0003, (n / 20) * 0.0003)
     from area a cross join generate_series(1, 200) n where a.level in ('community', 'village')`,
  );
  await ctx.db.query('analyze wish; analyze area; analyze member');
  const {
    rows: [t],
  } = await ctx.db.query<{ code: string }>("select substr(area_code, 1, 9) || '000' as code from wish group by 1 order by count(*) desc, 1 limit 1");
  town = t!.code;
  member = (await ctx.db.query<{ id: number }>('select id from member where org_area_code like $1 order by id limit 1', [`${town.slice(0, 9)}%`])).rows[0]!.id;
});

describe('the wish queries use their indexes (the plans of the functions the routes call)', () => {
  it("selectWishes for a town: areas by range on area_pkey, then each area's wishes by wish_area_idx", async () => {
    const scope = Scope.of([town]);
    const query = WishesQuery.parse({ limit: '50' });
    const { result, plan } = await withPlans(ctx.db, (client) => selectWishes(client, query, { scope, personal: scope, members: scope }));
    expect(result).toHaveLength(51);
    expect(plan).toMatch(rangeCondition('area_pkey', 'code', scope));
    expect(plan).toMatch(/Index Scan using wish_area_idx on wish w[^\n]*\n\s*Index Cond: \(area_code = a\.code\)/);
    expect(plan).not.toMatch(/Seq Scan on wish/);
  });

  it('pages a town the same as a plain scan of its wishes', async () => {
    const scope = Scope.of([town]);
    let after: number | undefined;
    for (let page = 0; page < 3; page += 1) {
      const query = WishesQuery.parse({ limit: '40', ...(after ? { after: String(after) } : {}) });
      const rows = await selectWishes(ctx.db, query, { scope, personal: Scope.of([]), members: Scope.of([]) });
      const { rows: plain } = await ctx.db.query<{ id: number }>(
        'select id from wish where area_code like $1 and ($2::bigint is null or id > $2) order by id limit 41',
        [`${town.slice(0, 9)}%`, after ?? null],
      );
      expect(rows.map((r) => r.id)).toEqual(plain.map((r) => r.id));
      expect(rows.every((r) => r.resident_name === null && r.claimed_by_id === null)).toBe(true);
      after = rows[39]?.id;
    }
  });

  it('selectNearbyWishes finds the disc by the partial geography index of open wishes', async () => {
    const { result, plan } = await withPlans(ctx.db, (client) => selectNearbyWishes(client, member, 3000, 50));
    expect(result.length).toBeGreaterThan(0);
    expect(plan).toMatch(/Index Scan using wish_open_geog_idx on wish w/);
    expect(plan).not.toMatch(/Seq Scan on wish/);
    expect(result.map((r) => r.distance_m)).toEqual([...result.map((r) => r.distance_m)].sort((a, b) => a - b));
  });
});
