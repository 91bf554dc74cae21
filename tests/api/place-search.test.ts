import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceSearchResult } from '../../server/src/contract/locate.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** 地点搜索: a dispatcher types a place's name (or a grid's code) to put an incident there. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(undefined, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

const search = (q: string) => server.getJson<PlaceSearchResult>(`/api/v1/locate/search?q=${encodeURIComponent(q)}`);

describe('GET /api/v1/locate/search', () => {
  it('finds a community by name, exact match first, with a point inside it', async () => {
    const {
      rows: [area],
    } = await server.db.query<{ name: string; code: string }>("select name, code from area where level = 'community' order by code limit 1");
    const answer = await search(area!.name);
    expect(answer.status).toBe(200);
    const first = answer.body.results[0]!;
    expect(first).toMatchObject({ kind: 'community', name: area!.name });
    const inside = await server.db.query<{ ok: boolean }>('select st_contains(geom, st_setsrid(st_makepoint($2, $3), 4326)) as ok from area where code = $1', [
      area!.code,
      ...first.position,
    ]);
    expect(inside.rows[0]!.ok).toBe(true);
  });

  it("finds a grid by its code's first digits, and a building and a compound by part of a name", async () => {
    const {
      rows: [grid],
    } = await server.db.query<{ grid_code: string; name: string }>(
      'select grid_code, name from grid_version where valid_to is null order by grid_code limit 1',
    );
    const byCode = await search(grid!.grid_code);
    expect(byCode.body.results.some((r) => r.kind === 'grid')).toBe(true);
    const {
      rows: [building],
    } = await server.db.query<{ name: string }>('select name from building order by id limit 1');
    expect((await search(building!.name)).body.results.some((r) => r.kind === 'building' && r.name === building!.name)).toBe(true);
    const {
      rows: [compound],
    } = await server.db.query<{ name: string }>('select name from compound order by id limit 1');
    expect((await search(compound!.name)).body.results.some((r) => r.kind === 'compound')).toBe(true);
  });

  it('finds a town, a model site and a new-type organization by name or credit code, each with its ref', async () => {
    const {
      rows: [town],
    } = await server.db.query<{ name: string; code: string }>("select name, code from area where level = 'town' order by code limit 1");
    expect((await search(town!.name)).body.results[0]).toMatchObject({ kind: 'town', ref: town!.code, name: town!.name });
    const {
      rows: [site],
    } = await server.db.query<{ name: string; id: string }>("select name, id::text from place where kind = 'model_site' order by id limit 1");
    expect((await search(site!.name)).body.results).toContainEqual(expect.objectContaining({ kind: 'place', ref: site!.id, name: site!.name }));
    const {
      rows: [newOrg],
    } = await server.db.query<{ name: string; id: string; credit_code: string }>(
      'select name, id::text, credit_code from new_org where credit_code is not null order by id limit 1',
    );
    expect((await search(newOrg!.name)).body.results).toContainEqual(expect.objectContaining({ kind: 'new_org', ref: newOrg!.id }));
    const byCode = await search(newOrg!.credit_code.slice(0, 12).toLowerCase());
    expect(byCode.body.results).toContainEqual(expect.objectContaining({ kind: 'new_org', ref: newOrg!.id }));
  });

  it("never finds a center household: it is a member's home", async () => {
    const {
      rows: [home],
    } = await server.db.query<{ name: string }>("select name from place where kind = 'center_household' order by id limit 1");
    expect((await search(home!.name)).body.results.some((r) => r.kind === 'place' || r.kind === 'service_center')).toBe(false);
  });

  it('takes % and _ as text, not as patterns', async () => {
    expect((await search('%')).body.results).toEqual([]);
    expect((await search('_')).body.results).toEqual([]);
  });

  it('answers at most limit results, and 400 invalid_query for an empty q', async () => {
    const answer = await server.getJson<PlaceSearchResult>('/api/v1/locate/search?q=%E7%A4%BE&limit=3');
    expect(answer.body.results.length).toBeLessThanOrEqual(3);
    const empty = await server.getJson<{ error: { code: string } }>('/api/v1/locate/search?q=');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_query');
  });
});
