import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import type { GridCollection } from '../../server/src/contract/grids.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('GET /api/v1/grids', () => {
  it('answers the current grids intersecting the bbox, with 15-digit codes', async () => {
    const { status, body } = await server.getJson<GridCollection>('/api/v1/grids?bbox=104.70,31.43,104.78,31.49');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.length).toBeGreaterThan(10);
    for (const f of body.features) {
      expect(f.properties.code).toMatch(/^[0-9]{15}$/);
      expect(f.properties.code.slice(0, 12)).toBe(f.properties.community_code);
      expect(f.properties.households).toBeGreaterThanOrEqual(200);
      expect(f.properties.households).toBeLessThanOrEqual(600);
    }
  });

  it('answers exactly the grids PostGIS finds in the bbox', async () => {
    const bbox = [104.72, 31.44, 104.76, 31.47];
    const { body } = await server.getJson<GridCollection>(`/api/v1/grids?bbox=${bbox.join(',')}`);
    const { rows } = await server.db.query<{ code: string }>(
      `select grid_code as code from grid_version where valid_to is null
       and st_intersects(geom, st_makeenvelope($1, $2, $3, $4, 4326)) order by grid_code`,
      bbox,
    );
    expect(body.features.map((f) => f.properties.code)).toEqual(rows.map((r) => r.code));
  });

  it('answers an empty collection far from the territory', async () => {
    const { status, body } = await server.getJson<GridCollection>('/api/v1/grids?bbox=0,0,0.5,0.5');
    expect(status).toBe(200);
    expect(body.features).toEqual([]);
  });

  it.each([
    ['', 'missing bbox'],
    ['?bbox=a,b,c,d', 'non-numbers'],
    ['?bbox=104.7,31.4,104.8', 'three numbers'],
    ['?bbox=104.7,31.4,104.8,31.5,1', 'five numbers'],
    ['?bbox=104.8,31.4,104.7,31.5', 'inverted longitudes'],
    ['?bbox=104.7,31.5,104.8,31.4', 'inverted latitudes'],
    ['?bbox=104.7,31.4,104.7,31.5', 'empty width'],
    ['?bbox=-200,31.4,104.8,31.5', 'longitude out of range'],
    ['?bbox=104.7,-91,104.8,31.5', 'latitude out of range'],
    ['?bbox=104.7,,104.8,31.5', 'an empty part'],
    ['?bbox=104.7,31.4,104.8,31.5&bbox=1,2,3,4', 'a repeated parameter'],
  ])('refuses %s (%s) with 400 invalid_query', async (query) => {
    const { status, body } = await server.getJson<ErrorBody>(`/api/v1/grids${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toMatch(/bbox/);
  });

  it('refuses a bbox wider than 1° with 400 bbox_too_large', async () => {
    const { status, body } = await server.getJson<ErrorBody>('/api/v1/grids?bbox=103,30,106,33');
    expect(status).toBe(400);
    expect(body.error.code).toBe('bbox_too_large');
  });
});
