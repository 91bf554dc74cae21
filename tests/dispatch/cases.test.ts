import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { ErrorBody } from '../../server/src/contract/error.ts';
import type { LocateResult } from '../../server/src/contract/locate.ts';
import { signInAs, type ApiClient } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

const database = usePrivateDatabase('cases');
let server: TestServer;
let dispatcher: ApiClient;
beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  dispatcher = await signInAs(server.baseUrl, server.db, 'dispatcher', demoCounty);
});
afterAll(async () => {
  await server.close();
});

const body = { kind: 'fire', title: '小区楼道起火', description: '三楼冒烟', lng: 104.741, lat: 31.461, severity: 'high' };
const post = (key: string | undefined, b: unknown = body) =>
  dispatcher.send<CaseView & ErrorBody>('POST', '/api/v1/cases', b, key === undefined ? {} : { 'idempotency-key': key });

describe('POST /api/v1/cases', () => {
  it('registers a case located like /locate, with a timeline', async () => {
    const { status, body: created } = await post(randomUUID());
    expect(status).toBe(201);
    const located = (await dispatcher.getJson<LocateResult>(`/api/v1/locate?lng=${body.lng}&lat=${body.lat}`)).body;
    expect(created.grid?.code).toBe(located.grid?.code);
    expect(created.community?.code).toBe(located.community.code);
    expect(created.branch?.name).toBe(located.grid?.branch?.name);
    expect(created.grid_leader).toBe(located.grid?.leader?.name);
    expect(created.status).toBe('reported');
    expect(created.timeline.map((e) => e.to_status)).toEqual(['reported']);
  });

  it('never creates two cases for one Idempotency-Key, even when the requests race', async () => {
    const key = randomUUID();
    const answers = await Promise.all([post(key), post(key), post(key), post(key)]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    const { rows } = await server.db.query('select id from "case" where idempotency_key = $1', [key]);
    expect(rows).toHaveLength(1);
  });

  it('refuses a key reused for a different request with 422, and a missing key with 400', async () => {
    const key = randomUUID();
    await post(key);
    const reused = await post(key, { ...body, title: '另一件事' });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const missing = await post(undefined);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('missing_idempotency_key');
  });

  it("refuses a point outside the caller's scope with 404 and leaves nothing behind", async () => {
    const before = (await server.db.query<{ n: number }>('select count(*)::int as n from "case"')).rows[0]!.n;
    const { status, body: answer } = await post(randomUUID(), { ...body, lng: 116.39, lat: 39.9 });
    expect(status).toBe(404);
    expect(answer.error.code).toBe('outside_territory');
    expect((await server.db.query<{ n: number }>('select count(*)::int as n from "case"')).rows[0]!.n).toBe(before);
  });

  it.each([
    [{ ...body, lng: 'east' }, 'lng'],
    [{ ...body, lat: 95 }, 'lat'],
    [{ ...body, title: '' }, 'title'],
    [{ ...body, severity: 'apocalyptic' }, 'severity'],
    [{ kind: 'fire' }, 'title'],
  ])('refuses a malformed body with 400 invalid_body (%#)', async (bad, field) => {
    const { status, body: answer } = await post(randomUUID(), bad);
    expect(status).toBe(400);
    expect(answer.error.code).toBe('invalid_body');
    expect(answer.error.details?.map((d) => d.path)).toContain(field);
  });

  it('is refused to planners and wall displays', async () => {
    const planner = await signInAs(server.baseUrl, server.db, 'planner', demoCounty);
    const { status } = await planner.send('POST', '/api/v1/cases', body, { 'idempotency-key': randomUUID() });
    expect(status).toBe(403);
  });
});
