import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DensityCells } from '../../server/src/contract/members.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * Member writes leave their density rows pending (sql/000014); with no background fold running,
 * a density read still sees every commit made before it, because it folds first.
 */
const ctx = usePrivateDatabase('density_raw');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

const pending = async () => (await ctx.db.query<{ n: number }>('select count(*)::integer as n from member_density_pending')).rows[0]!.n;

describe('a density read right after member writes', () => {
  it('counts members added a moment ago, from the pending rows it folds first', async () => {
    const {
      rows: [m],
    } = await ctx.db.query<{ lng: number; lat: number; org_id: number }>('select st_x(home) as lng, st_y(home) as lat, org_id from member order by id limit 1');
    const bbox = `${m!.lng - 1e-6},${m!.lat - 1e-6},${m!.lng + 1e-6},${m!.lat + 1e-6}`;
    const read = async () => (await server.admin.getJson<DensityCells>(`/api/v1/members/density?bbox=${bbox}&level=14`)).body.cells;
    const [before] = await read();
    expect(before).toBeDefined();

    await ctx.db.query(
      `insert into member (county_code, name, gender, org_id, home, available, skills)
       select '510703000000', '测试' || i, 'male', $3, st_setsrid(st_point($1, $2), 4326), true, '{}' from generate_series(1, 3) i`,
      [m!.lng, m!.lat, m!.org_id],
    );
    expect(await pending()).toBeGreaterThan(0);

    const [after] = await read();
    expect({ cx: after!.cx, cy: after!.cy }).toEqual({ cx: before!.cx, cy: before!.cy });
    expect(after!.members).toBe(before!.members + 3);
    expect(after!.available).toBe(before!.available + 3);
    expect(await pending()).toBe(0);
  });
});
