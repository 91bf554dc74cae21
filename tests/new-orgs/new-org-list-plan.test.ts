import { beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import { NewOrgsQuery, TrackingQuery } from '../../server/src/contract/new-orgs.ts';
import { selectNewOrgs, selectTracking } from '../../server/src/new-orgs/queries.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { rangeCondition, withPlans } from '../support/query-plans.ts';

const ctx = usePrivateDatabase('new_org_plans');

let town = '';

beforeAll(async () => {
  // the town with the most new-type organizations; the demo county has ~1,100, so add a province's share
  const {
    rows: [t],
  } = await ctx.db.query<{ code: string }>("select substr(area_code, 1, 9) || '000' as code from new_org group by 1 order by count(*) desc, 1 limit 1");
  town = t!.code;
  await ctx.db.query(
    `insert into new_org (kind, name, area_code, staff_count, member_count, geom)
     select (array['enterprise', 'social_org'])[1 + n % 2]::new_org_kind, '企业 ' || n, a.code, 10, n % 3, st_pointonsurface(a.geom)
     from area a cross join generate_series(1, 150) n where a.level in ('community', 'village')`,
  );
  await ctx.db.query('analyze new_org; analyze new_org_tracking; analyze area');
});

/*
 * Pages of 20: the demo county has 192 areas, where a range scan of area saves less than the
 * planner's 1 % fuzz on the cost of a page of 50; a province's area table makes the range decisive.
 */
describe('the new-type organization lists use the scope as an index condition (the plans of the functions the routes call)', () => {
  it("selectNewOrgs for a town: areas by range on area_pkey, then each area's organizations by new_org_area_id_idx", async () => {
    const scope = Scope.of([town]);
    const { result, plan } = await withPlans(ctx.db, (client) => selectNewOrgs(client, NewOrgsQuery.parse({ limit: '20' }), scope));
    expect(result).toHaveLength(21);
    expect(plan).toMatch(rangeCondition('area_pkey', 'code', scope));
    expect(plan).toMatch(/Index Scan using new_org_area_id_idx on new_org n[^\n]*\n\s*Index Cond: \(area_code = a\.code\)/);
    expect(plan).not.toMatch(/Seq Scan on new_org\b/);
  });

  it('selectTracking for a town: open entries of each area by new_org_tracking_open_idx, never a scan of the ledger', async () => {
    const scope = Scope.of([town]);
    const { result, plan } = await withPlans(ctx.db, (client) => selectTracking(client, TrackingQuery.parse({ limit: '20' }), scope));
    expect(result).toHaveLength(21);
    expect(plan).toMatch(rangeCondition('area_pkey', 'code', scope));
    expect(plan).toMatch(
      /(Index Scan using new_org_area_id_idx on new_org n|Bitmap Index Scan on new_org_area_id_idx)[^\n]*\n\s*Index Cond: \(area_code = a\.code\)/,
    );
    expect(plan).toMatch(/Index Scan using new_org_tracking_open_idx on new_org_tracking t[^\n]*\n\s*Index Cond: \(new_org_id = n\.id\)/);
    expect(plan).not.toMatch(/Seq Scan on new_org\b/);
    expect(plan).not.toMatch(/Seq Scan on new_org_tracking\b/);
  });

  it('pages a town the same as a plain scan of its organizations', async () => {
    const scope = Scope.of([town]);
    let after: number | undefined;
    for (let page = 0; page < 3; page += 1) {
      const rows = await selectNewOrgs(ctx.db, NewOrgsQuery.parse({ limit: '40', ...(after ? { after: String(after) } : {}) }), scope);
      const { rows: plain } = await ctx.db.query<{ id: string }>(
        'select id from new_org where area_code like $1 and ($2::bigint is null or id > $2) order by id limit 41',
        [`${town.slice(0, 9)}%`, after ?? null],
      );
      expect(rows.map((r) => Number(r.id))).toEqual(plain.map((r) => Number(r.id)));
      after = Number(rows[39]!.id);
    }
  });
});
