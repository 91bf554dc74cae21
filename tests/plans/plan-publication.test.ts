import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../server/src/auth/scope.ts';
import type { CaseView } from '../../server/src/contract/cases.ts';
import type { LocateResult } from '../../server/src/contract/locate.ts';
import type { PlanView } from '../../server/src/contract/plans.ts';
import { publishDuePlans } from '../../server/src/plans/commands.ts';
import type { Answer } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * Publication on the effective day: an approved plan waits for its day, the publisher opens its
 * grids then (and cases keep the grid they were reported in); a plan opened before another was
 * published is refused, whole.
 */
const ctx = usePrivateDatabase('plans_publication');
let server: TestServer;
let community: string;
let kept: string;
let absorbed: string;
let inAbsorbed: { lng: number; lat: number };

beforeAll(async () => {
  server = await startTestServer(ctx.url, undefined, { workers: false });
  const { rows } = await ctx.db.query<{ community: string; a: string; b: string; lng: number; lat: number }>(
    `select left(v1.grid_code, 12) as community, v1.grid_code as a, v2.grid_code as b,
            st_x(st_pointonsurface(v2.geom)) as lng, st_y(st_pointonsurface(v2.geom)) as lat
     from grid_version v1 join grid_version v2
       on left(v1.grid_code, 12) = left(v2.grid_code, 12) and v1.grid_code < v2.grid_code
      and st_length(st_intersection(st_boundary(v1.geom), st_boundary(v2.geom))::geography) > 50
     where v1.valid_to is null and v2.valid_to is null
     order by v1.grid_code desc limit 1`,
  );
  ({ community, a: kept, b: absorbed } = rows[0]!);
  inAbsorbed = { lng: rows[0]!.lng, lat: rows[0]!.lat };
});
afterAll(async () => {
  await server.close();
});

const etag = (a: Answer<unknown>) => a.headers.get('etag')!;

/** Opens a plan merging `absorbed` into `kept` and submits it; answers the submitted plan. */
async function submittedMerge(): Promise<Answer<PlanView>> {
  const opened = await server.admin.send<PlanView>('POST', '/api/v1/plans', { community_code: community, title: '合并网格' });
  const merged = await server.admin.send<PlanView>(
    'POST',
    `/api/v1/plans/${opened.body.id}/edits`,
    { kind: 'merge', kept, absorbed },
    { 'if-match': etag(opened) },
  );
  expect(merged.status, JSON.stringify(merged.body)).toBe(200);
  const submitted = await server.admin.send<PlanView>(
    'POST',
    `/api/v1/plans/${opened.body.id}/submit`,
    { warnings_reason: '合并后户数偏多' },
    { 'if-match': etag(merged) },
  );
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted;
}

const gridAt = async (at?: string) =>
  (await server.admin.getJson<LocateResult>(`/api/v1/locate?lng=${inAbsorbed.lng}&lat=${inAbsorbed.lat}${at ? `&at=${at}` : ''}`)).body.grid?.code;

describe('publishing a plan', () => {
  let stale: Answer<PlanView>;

  it('waits for its day, then the publisher opens its grids; cases keep the grid they were reported in', async () => {
    stale = await submittedMerge();
    const submitted = await submittedMerge();
    const reported = await server.admin.send<CaseView>(
      'POST',
      '/api/v1/cases',
      { kind: 'environment', title: '发布前上报', lng: inAbsorbed.lng, lat: inAbsorbed.lat },
      { 'idempotency-key': randomUUID() },
    );
    expect(reported.body.grid?.code).toBe(absorbed);

    const approved = await server.admin.send<PlanView>(
      'POST',
      `/api/v1/plans/${submitted.body.id}/approve`,
      { effective_on: '2099-01-01' },
      { 'if-match': etag(submitted) },
    );
    expect(approved.body.status).toBe('approved');
    expect(await publishDuePlans(ctx.db, Scope.everything())).toEqual({ published: [], refused: [] });
    expect(await gridAt()).toBe(absorbed);

    // the day comes (moved rather than the clock)
    await ctx.db.query("update plan set effective_on = (now() at time zone 'Asia/Shanghai')::date where id = $1", [submitted.body.id]);
    expect(await publishDuePlans(ctx.db, Scope.everything())).toEqual({ published: [submitted.body.id], refused: [] });
    expect(await gridAt()).toBe(kept);
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    expect(await gridAt(yesterday)).toBe(absorbed);
    const { rows } = await ctx.db.query<{ retired: boolean; audited: number }>(
      `select (select retired_at is not null from grid where code = $1) as retired,
              (select count(*)::int from audit_log where action = 'plan.publish' and $2 = any(target_ids) and user_id is null) as audited`,
      [absorbed, submitted.body.id],
    );
    expect(rows[0]).toEqual({ retired: true, audited: 1 });

    const after = await server.admin.getJson<CaseView>(`/api/v1/cases/${reported.body.id}`);
    expect(after.body.grid?.code).toBe(absorbed);
  });

  it('refuses, whole, a plan opened before another was published: its approval does not happen', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const refused = await server.admin.send<{ error: { code: string } }>(
      'POST',
      `/api/v1/plans/${stale.body.id}/approve`,
      { effective_on: today },
      { 'if-match': etag(stale) },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('grids_changed');
    const again = await server.admin.getJson<PlanView>(`/api/v1/plans/${stale.body.id}`);
    expect(again.body.status).toBe('submitted');
  });
});
