import { beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import { PlacesQuery } from '../../server/src/contract/places.ts';
import { selectPlaces } from '../../server/src/places/queries.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { rangeCondition, withPlans } from '../support/query-plans.ts';

const ctx = usePrivateDatabase('place_plans');

let town = '';

beforeAll(async () => {
  // the town with the most places; the demo county has a few hundred, so add a county's worth
  const {
    rows: [t],
  } = await ctx.db.query<{ code: string }>("select substr(area_code, 1, 9) || '000' as code from place group by 1 order by count(*) desc, 1 limit 1");
  town = t!.code;
  await ctx.db.query(
    `insert into place (kind, name, area_code, geom)
     select 'model_site', '示范点 ' || n, a.code, st_pointonsurface(a.geom)
     from area a cross join generate_series(1, 200) n where a.level in ('community', 'village')`,
  );
  await ctx.db.query('analyze place; analyze area');
});

describe('the places list uses the scope as an index condition (the plan of the function the route calls)', () => {
  it("selectPlaces for a town: areas by range on area_pkey, then each area's places by place_area_idx", async () => {
    const scope = Scope.of([town]);
    const query = PlacesQuery.parse({ limit: '50', status: 'all' });
    const { result, plan } = await withPlans(ctx.db, (client) => selectPlaces(client, query, scope, scope));
    expect(result).toHaveLength(51);
    expect(plan).toMatch(rangeCondition('area_pkey', 'code', scope));
    expect(plan).toMatch(/Index Scan using place_area_idx on place p[^\n]*\n\s*Index Cond: \(area_code = a\.code\)/);
    expect(plan).not.toMatch(/Seq Scan on place/);
  });

  it('pages a town the same as a plain scan of its places', async () => {
    const scope = Scope.of([town]);
    let after: number | undefined;
    for (let page = 0; page < 3; page += 1) {
      const query = PlacesQuery.parse({ limit: '40', status: 'all', ...(after ? { after: String(after) } : {}) });
      const rows = await selectPlaces(ctx.db, query, scope, scope);
      const { rows: plain } = await ctx.db.query<{ id: number }>(
        'select id from place where area_code like $1 and ($2::bigint is null or id > $2) order by id limit 41',
        [`${town.slice(0, 9)}%`, after ?? null],
      );
      expect(rows.map((r) => r.id)).toEqual(plain.map((r) => Number(r.id)));
      after = rows[39]?.id;
    }
  });
});
