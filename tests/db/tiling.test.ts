import { describe, expect, it } from 'vitest';
import { usePrivateDatabase } from '../support/database.ts';

// the demo county as generated: the run database also holds what other suites create (registry
// records, plans), which would change the source documents' numbers checked here
const ctx = usePrivateDatabase('tiling');

// Areas are in degrees; measure in square meters on the spheroid (geography).
describe('the demo territory', () => {
  it('has grids that cover every community and village exactly (union equals it within 1 m²)', async () => {
    const { rows } = await ctx.db.query<{ code: string; grids: number; gap_m2: number }>(`
      select a.code, count(g.id)::int as grids,
             coalesce(st_area(st_symdifference(a.geom, st_union(g.geom))::geography), st_area(a.geom::geography)) as gap_m2
      from area a left join (grid_version g join grid i on i.code = g.grid_code) on i.community_code = a.code and g.valid_to is null
      where a.level in ('community', 'village')
      group by a.code, a.geom`);
    expect(rows).toHaveLength(178);
    for (const r of rows) {
      expect(r.grids, `grids in ${r.code}`).toBeGreaterThan(0);
      expect(r.gap_m2, `gap or overhang of the grids of ${r.code}`).toBeLessThan(1);
    }
  });

  it('has no two grids of a community overlapping by more than 1 m²', async () => {
    const { rows } = await ctx.db.query<{ a: string; b: string; m2: number }>(`
      select g1.grid_code as a, g2.grid_code as b, st_area(st_intersection(g1.geom, g2.geom)::geography) as m2
      from grid_version g1 join grid_version g2
        on left(g1.grid_code, 12) = left(g2.grid_code, 12) and g1.id < g2.id and st_intersects(g1.geom, g2.geom)
      where g1.valid_to is null and g2.valid_to is null
        and st_area(st_intersection(g1.geom, g2.geom)::geography) > 1`);
    expect(rows).toEqual([]);
  });

  it('nests communities in towns and towns in the county', async () => {
    const { rows } = await ctx.db.query<{ code: string; outside_m2: number }>(`
      select c.code, st_area(st_difference(c.geom, p.geom)::geography) as outside_m2
      from area c join area p on p.code = c.parent_code`);
    expect(rows.length).toBe(13 + 178);
    for (const r of rows) expect(r.outside_m2, `${r.code} outside its parent`).toBeLessThan(1);
  });

  it('numbers grid codes after their community code, from 001 up without gaps', async () => {
    const { rows } = await ctx.db.query<{ community_code: string; seqs: number[] }>(`
      select i.community_code, array_agg(right(i.code, 3)::int order by i.code) as seqs
      from grid i join grid_version v on v.grid_code = i.code and v.valid_to is null group by i.community_code`);
    for (const r of rows) expect(r.seqs).toEqual(r.seqs.map((_, i) => i + 1));
  });

  it("holds the source documents' numbers", async () => {
    const {
      rows: [n],
    } = await ctx.db.query<Record<string, number>>(`
      select (select count(*) from org where kind = 'committee')::int as committees,
             (select count(*) from org where kind = 'branch')::int as branches,
             (select count(*) from member)::int as members,
             (select count(*) from place where kind in ('service_center', 'service_station'))::int as centers,
             (select count(*) from place where kind = 'center_household')::int as center_households,
             (select count(*) from place where kind = 'education_site')::int as education_sites,
             (select count(*) from place where kind = 'model_site')::int as model_sites,
             (select count(*) from belt)::int as belts`);
    expect(n).toEqual({
      committees: 80,
      branches: 2010,
      members: 63636,
      centers: 76,
      center_households: 186,
      education_sites: 29,
      model_sites: 55,
      belts: 3,
    });
  });

  it('covers new-type organizations at the documented rates', async () => {
    const { rows } = await ctx.db.query<{ kind: string; n: number; covered: number }>(`
      select kind, count(*)::int as n, avg((coverage_mode is not null)::int)::float8 as covered
      from new_org group by kind order by kind`);
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
    expect(byKind.enterprise!.n).toBeGreaterThan(600);
    expect(byKind.enterprise!.covered).toBeCloseTo(0.608, 2);
    expect(byKind.social_org!.n).toBeGreaterThan(450);
    expect(byKind.social_org!.covered).toBeCloseTo(0.653, 2);
  });
});
