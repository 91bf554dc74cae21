import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaCollection } from '../../server/src/contract/areas.ts';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('GET /api/v1/areas', () => {
  it('lists the demo county at its source-document scale', async () => {
    const count = async (level: string) => (await server.getJson<AreaCollection>(`/api/v1/areas?level=${level}`)).body.features.length;
    expect(await count('county')).toBe(1);
    expect(await count('town')).toBe(13);
    expect(await count('community')).toBe(46);
    expect(await count('village')).toBe(132);
  });

  it('answers GeoJSON with 12-digit codes and Chinese names', async () => {
    const res = await server.get('/api/v1/areas?level=town');
    expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/);
    const body = (await res.json()) as AreaCollection;
    for (const f of body.features) {
      expect(f.properties.code).toMatch(/^[0-9]{9}000$/);
      expect(f.properties.name).toMatch(/[\u4e00-\u9fff]/);
      expect(f.geometry.type).toBe('MultiPolygon');
    }
  });

  it('filters by parent', async () => {
    const towns = (await server.getJson<AreaCollection>('/api/v1/areas?level=town')).body.features;
    const town = towns[0]!.properties.code;
    const children = (await server.getJson<AreaCollection>(`/api/v1/areas?parent=${town}`)).body.features;
    expect(children.length).toBeGreaterThan(0);
    for (const c of children) {
      expect(c.properties.parent_code).toBe(town);
      expect(c.properties.code.slice(0, 9)).toBe(town.slice(0, 9));
    }
  });

  it.each([
    ['level=province', 'level'],
    ['parent=12345', 'parent'],
    ['parent=51070300100a', 'parent'],
  ])('refuses %s with 400 invalid_query naming the parameter', async (query, param) => {
    const { status, body } = await server.getJson<ErrorBody>(`/api/v1/areas?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.details?.map((d) => d.path)).toContain(param);
  });
});
