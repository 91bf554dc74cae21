import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridCollection, GridHistory } from '../../server/src/contract/grids.ts';
import type { LocateResult } from '../../server/src/contract/locate.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeLayer, tileAt } from '../support/tiles.ts';

/**
 * Grids answered as of a date: two neighbouring grids A and B, and at `change` A takes B's ground
 * and B is retired (as a merge publishes). Before it, B's interior is B; after it, A.
 */
const ctx = usePrivateDatabase('grids_as_of');
let server: TestServer;
const change = '2026-06-01T00:00:00+08:00';
let a: string;
let b: string;
let inB: { lng: number; lat: number };

beforeAll(async () => {
  const {
    rows: [pair],
  } = await ctx.db.query<{ a: string; b: string; lng: number; lat: number }>(
    `select v1.grid_code as a, v2.grid_code as b, st_x(st_pointonsurface(v2.geom)) as lng, st_y(st_pointonsurface(v2.geom)) as lat
     from grid_version v1 join grid_version v2
       on left(v1.grid_code, 12) = left(v2.grid_code, 12) and v1.grid_code < v2.grid_code
      and st_relate(v1.geom, v2.geom, '****1****')
     where v1.valid_to is null and v2.valid_to is null
     order by v1.grid_code limit 1`,
  );
  ({ a, b } = pair!);
  inB = { lng: pair!.lng, lat: pair!.lat };
  await ctx.db.query(
    `with old as (
       update grid_version set valid_to = $3 where grid_code in ($1, $2) and valid_to is null returning grid_code, name, households, geom
     )
     insert into grid_version (grid_code, name, households, geom, valid_from)
     select $1, max(name) filter (where grid_code = $1), sum(households), st_multi(st_union(geom)), $3 from old`,
    [a, b, change],
  );
  await ctx.db.query('update grid set retired_at = $2 where code = $1', [b, change]);
  server = await startTestServer(ctx.url, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

const bboxAround = (p: { lng: number; lat: number }) => [p.lng - 1e-4, p.lat - 1e-4, p.lng + 1e-4, p.lat + 1e-4].join(',');

describe('grids as of a date', () => {
  it('locate answers the old grid before the change and the new one after it; now is after', async () => {
    const at = async (when: string | null) => {
      const q = `/api/v1/locate?lng=${inB.lng}&lat=${inB.lat}${when ? `&at=${encodeURIComponent(when)}` : ''}`;
      return (await server.admin.getJson<LocateResult>(q)).body.grid?.code;
    };
    expect(await at('2026-05-31')).toBe(b);
    expect(await at('2026-05-31T23:59:59+08:00')).toBe(b);
    expect(await at('2026-06-01')).toBe(a);
    expect(await at('2026-06-01T00:00:00.001+08:00')).toBe(a);
    expect(await at(null)).toBe(a);
  });

  it('grids?at= lists the outlines of that moment, with when each applied', async () => {
    const list = async (when: string) =>
      (await server.admin.getJson<GridCollection>(`/api/v1/grids?bbox=${bboxAround(inB)}&at=${encodeURIComponent(when)}`)).body.features;
    const before = await list('2026-05-01');
    expect(before.map((f) => f.properties.code)).toContain(b);
    expect(before.find((f) => f.properties.code === b)!.properties.valid_to).not.toBeNull();
    const after = await list('2026-07-01');
    expect(after.map((f) => f.properties.code)).toEqual([a]);
    expect(after[0]!.properties.valid_to).toBeNull();
    const now = (await server.admin.getJson<GridCollection>(`/api/v1/grids?bbox=${bboxAround(inB)}`)).body.features;
    expect(now.map((f) => f.properties.code)).toEqual([a]);
  });

  it('grid tiles for a date draw that date’s grids', async () => {
    const [z, x, y] = tileAt(inB.lng, inB.lat, 14);
    const codes = async (when: string | null) => {
      const res = await server.admin.get(`/tiles/grids/${z}/${x}/${y}.mvt${when ? `?at=${when}` : ''}`);
      expect(res.status).toBe(200);
      return new Set(decodeLayer(await res.arrayBuffer(), 'grids').map((f) => String(f.properties.code)));
    };
    expect((await codes('2026-05-01')).has(b)).toBe(true);
    expect((await codes('2026-07-01')).has(b)).toBe(false);
    expect((await codes(null)).has(b)).toBe(false);
  });

  it('history gives a grid every outline, newest first, and a retired grid its end', async () => {
    const { body: ofA } = await server.admin.getJson<GridHistory>(`/api/v1/grids/${a}/history`);
    expect(ofA.retired_at).toBeNull();
    expect(ofA.versions.features.map((f) => f.properties.valid_to === null)).toEqual([true, false]);
    expect(new Date(ofA.versions.features[0]!.properties.valid_from).toISOString()).toBe(new Date(change).toISOString());
    const { body: ofB } = await server.admin.getJson<GridHistory>(`/api/v1/grids/${b}/history`);
    expect(new Date(ofB.retired_at!).toISOString()).toBe(new Date(change).toISOString());
    expect(ofB.versions.features).toHaveLength(1);
  });

  it.each([
    ['a day that does not exist', '/api/v1/locate?lng=104.74&lat=31.46&at=2026-02-30', 400],
    ['a date-time without a zone', '/api/v1/grids?bbox=104.7,31.4,104.8,31.5&at=2026-03-01T08:00:00', 400],
    ['at on a layer that is only current', '/tiles/orgs/14/13000/6000.mvt?at=2026-03-01', 400],
    ['a grid code that is not 15 digits', '/api/v1/grids/123/history', 400],
    ['a grid that does not exist', '/api/v1/grids/510703999999999/history', 404],
  ])('refuses %s', async (_what, path, status) => {
    const res = await server.admin.get(path);
    expect(res.status).toBe(status);
  });
});
