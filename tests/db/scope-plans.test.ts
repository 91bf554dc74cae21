import { beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import { selectCases } from '../../server/src/cases/queries.ts';
import { selectMembers } from '../../server/src/members/queries.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { rangeCondition, withPlans } from '../support/query-plans.ts';

const ctx = usePrivateDatabase('scope_plans');

let community = '';
let town = '';

beforeAll(async () => {
  // the community with the most members, and its town; cases spread over every community
  const {
    rows: [c],
  } = await ctx.db.query<{ code: string }>(
    'select o.area_code as code from member m join org o on o.id = m.org_id group by 1 order by count(*) desc, 1 limit 1',
  );
  community = c!.code;
  town = `${community.slice(0, 9)}000`;
  await ctx.db.query(
    `insert into "case" (county_code, kind, title, status, town_code, community_code, geom, closed_at)
     select '510703000000', 'road', 'case ' || n, case when n % 3 = 0 then 'closed' else 'reported' end::case_status,
            a.parent_code, a.code, st_pointonsurface(a.geom), case when n % 3 = 0 then now() end
     from area a cross join generate_series(1, 30) n where a.level in ('community', 'village')`,
  );
  await ctx.db.query('analyze "case"; analyze member; analyze area');
});

describe('scoped lists use the scope as an index condition (plans of the functions the routes call)', () => {
  for (const level of ['community', 'town'] as const) {
    it(`selectMembers for a ${level}: areas by range on area_pkey, then each area's current members by member_area_id_idx`, async () => {
      const scope = Scope.of([level === 'community' ? community : town]);
      const { result, plan } = await withPlans(ctx.db, (client) => selectMembers(client, { limit: 50 }, scope));
      expect(result).toHaveLength(51);
      expect(plan).toMatch(rangeCondition('area_pkey', 'code', scope));
      expect(plan).toMatch(/Index Scan using member_area_id_idx on member m[^\n]*\n\s*Index Cond: \(org_area_code = a\.code\)/);
      expect(plan).not.toMatch(/Seq Scan on member/);
    });

    it(`selectMembers with status=all for a ${level}: each area's members by member_area_id_idx`, async () => {
      const scope = Scope.of([level === 'community' ? community : town]);
      const { result, plan } = await withPlans(ctx.db, (client) => selectMembers(client, { limit: 50, status: 'all' }, scope));
      expect(result).toHaveLength(51);
      expect(plan).toMatch(rangeCondition('area_pkey', 'code', scope));
      expect(plan).toMatch(/Index Scan using member_area_id_idx on member m[^\n]*\n\s*Index Cond: \(org_area_code = a\.code\)/);
      expect(plan).not.toMatch(/Seq Scan on member/);
    });

    it(`selectMembers with every filter for a ${level}: still area by area in scope, the filters tested on each area's rows`, async () => {
      const scope = Scope.of([level === 'community' ? community : town]);
      const {
        rows: [g],
      } = await ctx.db.query<{ code: string }>('select min(code) as code from grid where community_code = $1', [community]);
      const filters = {
        limit: 50,
        q: '王',
        in_service: true,
        mobile: false,
        available: true,
        skills: ['driving'],
        stars: [3, 4, 5],
        community,
        grid: g!.code,
        bbox: { minLng: 100, minLat: 20, maxLng: 110, maxLat: 40 },
      };
      const { plan } = await withPlans(ctx.db, (client) => selectMembers(client, filters, scope));
      expect(plan).toMatch(rangeCondition('area_pkey', 'code', scope));
      // alone, or and-ed with another index (the registration's) in a bitmap
      expect(plan).toMatch(/Index Scan (using|on) member_area_id_idx( on member m)?[^\n]*\n\s*Index Cond: \(org_area_code = a\.code\)/);
      // the grid's outline by its code (an index condition), once per candidate member
      expect(plan).toMatch(/Index Scan using \w+ on grid_version g[^\n]*\n\s*Index Cond: \(grid_code = '\d{15}'::text\)/);
      expect(plan).not.toMatch(/Seq Scan on (member|grid_version)/);
    });

    it(`selectCases for a ${level}: cases by range on case_community_idx`, async () => {
      const scope = Scope.of([level === 'community' ? community : town]);
      const { result, plan } = await withPlans(ctx.db, (client) => selectCases(client, 'open', scope));
      expect(result.length).toBeGreaterThan(0);
      expect(plan).toMatch(rangeCondition('case_community_idx', 'community_code', scope));
      expect(plan).not.toMatch(/Seq Scan on "?case"?/);
    });

    it(`the orgs tile for a ${level}: organizations by the tile's box (org_geom_idx), in scope by range, no LIKE`, async () => {
      const scope = Scope.of([level === 'community' ? community : town]);
      const {
        rows: [t],
      } = await ctx.db.query<{ x: number; y: number }>(
        `select floor((st_x(p) + 180) / 360 * 4096)::int as x,
                floor((1 - ln(tan(radians(st_y(p))) + 1 / cos(radians(st_y(p)))) / pi()) / 2 * 4096)::int as y
         from (select st_pointonsurface(geom) as p from area where code = $1) s`,
        [community],
      );
      const { plan } = await withPlans(ctx.db, (client) =>
        client.query('select tile_orgs(12, $1, $2, $3::text[], $4::text[])', [t!.x, t!.y, scope.lo, scope.hi]),
      );
      expect(plan).toMatch(/Index Scan using org_geom_idx on org o/);
      expect(plan).toMatch(/area_code >= \(\$4\)\[1\]\) AND \(area_code < \(\$5\)\[cardinality\(\$5\)\]\)/);
      expect(plan).not.toMatch(/~~/);
    });
  }
});

describe('the range predicate answers what the LIKE patterns answered', () => {
  it('lists the same members, page after page, for a community, a town and two grants', async () => {
    for (const codes of [[community], [town], [community, `${community.slice(0, 6)}002000`]]) {
      const scope = Scope.of(codes);
      let after: number | undefined;
      for (let page = 0; page < 3; page += 1) {
        const rows = await selectMembers(ctx.db, { limit: 50, after }, scope);
        const { rows: old } = await ctx.db.query<{ id: number }>(
          `select m.id from member m join org o on o.id = m.org_id
           where o.area_code like any($1::text[]) and ($2::bigint is null or m.id > $2) order by m.id limit 51`,
          [scope.patterns, after ?? null],
        );
        expect(
          rows.map((r) => Number(r.id)),
          `${codes.join('+')} page ${page}`,
        ).toEqual(old.map((r) => Number(r.id)));
        after = rows[49]?.id;
      }
    }
  });

  it('lists the same cases for a community and a town', async () => {
    for (const code of [community, town]) {
      const scope = Scope.of([code]);
      const rows = await selectCases(ctx.db, 'all', scope);
      const { rows: old } = await ctx.db.query<{ id: number }>(
        `select id from "case" where community_code like any($1::text[]) order by reported_at desc, id desc limit 500`,
        [scope.patterns],
      );
      expect(rows.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(old.map((r) => Number(r.id)).sort((a, b) => a - b));
    }
  });
});
