import { describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import { cellRange } from '../../server/src/members/lattice.ts';
import { selectDensity } from '../../server/src/members/queries.ts';
import { useRunDatabase } from '../support/database.ts';

const ctx = useRunDatabase();

async function plan(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await ctx.db.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('hot spatial queries use their GiST indexes', () => {
  it('finds the community at a point through area_geom_idx', async () => {
    const p = await plan(
      "select code from area where level in ('community', 'village') and st_intersects(geom, st_setsrid(st_makepoint($1, $2), 4326))",
      [104.74, 31.46],
    );
    expect(p).toMatch(/area_geom_idx/);
  });

  it('finds current grids in a bbox through a GiST index on grid outlines', async () => {
    const p = await plan(
      'select grid_code from grid_version where valid_to is null and geom && st_makeenvelope($1, $2, $3, $4, 4326)',
      [104.72, 31.44, 104.76, 31.47],
    );
    expect(p).toMatch(/grid_version_(current_)?geom_idx/);
  });

  it('ranks service centers by KNN through place_geog_idx', async () => {
    const p = await plan(
      "select id from place where kind in ('service_center', 'service_station') order by geom::geography <-> st_setsrid(st_makepoint($1, $2), 4326)::geography limit 8",
      [104.74, 31.46],
    );
    expect(p).toMatch(/place_geog_idx/);
  });

  it("sums a plan's compound households through building_compound_idx", async () => {
    const p = await plan(
      `select k.id, (select coalesce(sum(b.households), 0) from building b where b.compound_id = k.id)
       from compound k where k.community_code = (select community_code from compound order by id limit 1)`,
      [],
    );
    expect(p).toMatch(/building_compound_idx/);
    expect(p).toMatch(/compound_community_idx/);
  });

  it('finds members within a radius in meters through member_home_idx (geodesic_box, then the exact test)', async () => {
    const p = await plan(
      `select id from member
       where home && geodesic_box($1, $2, $3) and st_dwithin(home::geography, st_setsrid(st_makepoint($1, $2), 4326)::geography, $3)`,
      [104.74, 31.46, 1000],
    );
    expect(p).toMatch(/Index Scan using member_home_idx|Bitmap Index Scan on member_home_idx/);
  });
});

describe('the member density endpoint reads the pyramid, never the members', () => {
  it('selectDensity (the function the route calls) reads member_density by its primary key', async () => {
    const client = await ctx.db.connect();
    try {
      await client.query("load 'auto_explain'");
      await client.query('set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on; set client_min_messages = log');
      const plans: string[] = [];
      client.on('notice', (n) => plans.push(n.message ?? ''));
      const {
        rows: [c],
      } = await client.query<{ lng: number; lat: number }>(
        "select st_x(p) as lng, st_y(p) as lat from (select st_pointonsurface(geom) as p from area where level = 'community' limit 1) s",
      );
      const bbox = { minLng: c!.lng - 0.05, minLat: c!.lat - 0.05, maxLng: c!.lng + 0.05, maxLat: c!.lat + 0.05 };
      const rows = await selectDensity(client, 12, cellRange(12, bbox), Scope.of(['510703000000']), Scope.of([]));
      expect(rows.length).toBeGreaterThan(0);
      const plan = plans.join('\n');
      expect(plan).toContain('member_density_pkey');
      expect(plan).not.toMatch(/on member\b/);
      expect(plan).not.toMatch(/Seq Scan on member_density/);
    } finally {
      client.release();
    }
  });
});
