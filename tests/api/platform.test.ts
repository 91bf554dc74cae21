import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the API platform', () => {
  it('reports health with the PostGIS version', async () => {
    const { status, body } = await server.getJson<{ status: string; postgis: string; areas: number }>('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.postgis).toMatch(/^3\./);
    expect(body.areas).toBe(1 + 13 + 178);
  });

  it('serves an OpenAPI 3.1 document listing every endpoint', async () => {
    const { status, body } = await server.getJson<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/v1/areas', '/api/v1/grids', '/api/v1/locate', '/tiles/{layer}/{z}/{x}/{y}.mvt']),
    );
  });

  it('serves the API docs page at /api/docs', async () => {
    const res = await server.get('/api/docs/');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/swagger/i);
  });

  it('answers an unknown API path with 404 not_found in the error shape', async () => {
    const { status, body } = await server.getJson<ErrorBody>('/api/v1/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('answers malformed JSON with 400 invalid_json, not 500', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/areas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_json');
  });
});
