import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testPassword } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * A write and its audit record commit together or not at all: with the audit insert made to fail
 * for one action, that action changes nothing (and an exact read returns nothing).
 */
const database = usePrivateDatabase('auditatomic');
let server: TestServer;
let point: [number, number];

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  const {
    rows: [p],
  } = await database.db.query<{ p: [number, number] }>(
    "select array[st_x(st_pointonsurface(geom)), st_y(st_pointonsurface(geom))] as p from area where level = 'community' order by code limit 1",
  );
  point = p!.p;
  await database.db.query(`
    create table audit_refused (action text primary key);
    create function refuse_audit() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from audit_refused where action = new.action) then raise exception 'audit refused for %', new.action; end if;
      return new;
    end $$;
    create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit();`);
});
afterEach(async () => {
  await database.db.query('delete from audit_refused');
});
afterAll(async () => {
  await server.close();
});

const refuse = (action: string) => database.db.query('insert into audit_refused values ($1)', [action]);
const count = async (sql: string, params: unknown[] = []) =>
  (await database.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n;

async function newCase(): Promise<number> {
  const created = await server.admin.send<{ id: number }>(
    'POST',
    '/api/v1/cases',
    { kind: 'test', title: '审计测试', lng: point[0], lat: point[1] },
    { 'idempotency-key': randomUUID() },
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

describe('a write whose audit record cannot be written', () => {
  it('creates no case', async () => {
    await refuse('case.create');
    const key = randomUUID();
    const answer = await server.admin.send(
      'POST',
      '/api/v1/cases',
      { kind: 'test', title: '审计失败', lng: point[0], lat: point[1] },
      { 'idempotency-key': key },
    );
    expect(answer.status).toBe(500);
    expect(await count('"case" where idempotency_key = $1', [key])).toBe(0);
    expect(
      await count(
        "outbox where payload->>'type' = 'case.created' and created_at > now() - interval '1 minute' and not exists (select 1 from \"case\" c where c.id = (payload->>'case_id')::bigint)",
      ),
    ).toBe(0);
  });

  it('leaves the case open and its dispatch running when closing it', async () => {
    const caseId = await newCase();
    const started = await server.admin.send<{ id: number }>('POST', `/api/v1/cases/${caseId}/dispatch`, { radius: 2000, waveSize: 2, target: 1 });
    expect(started.status).toBe(201);
    await refuse('case.close');
    expect((await server.admin.send('POST', `/api/v1/cases/${caseId}/close`)).status).toBe(500);
    expect(await count(`"case" where id = $1 and status <> 'closed'`, [caseId])).toBe(1);
    expect(await count(`dispatch where id = $1 and status = 'active'`, [started.body.id])).toBe(1);
    expect(await count(`dispatch_alert where dispatch_id = $1 and state = 'cancelled'`, [started.body.id])).toBe(0);
  });

  it('starts no dispatch', async () => {
    const caseId = await newCase();
    await refuse('dispatch.start');
    expect((await server.admin.send('POST', `/api/v1/cases/${caseId}/dispatch`, { radius: 2000, waveSize: 2, target: 1 })).status).toBe(500);
    expect(await count('dispatch where case_id = $1', [caseId])).toBe(0);
    expect(await count(`"case" where id = $1 and status = 'reported'`, [caseId])).toBe(1);
  });

  it("shows no member's link when the read cannot be audited", async () => {
    const caseId = await newCase();
    const started = await server.admin.send<{ id: number }>('POST', `/api/v1/cases/${caseId}/dispatch`, { radius: 2000, waveSize: 2, target: 1 });
    expect(started.status).toBe(201);
    const {
      rows: [alert],
    } = await database.db.query<{ member_id: string }>('select member_id from dispatch_alert where dispatch_id = $1 limit 1', [started.body.id]);
    await refuse('dispatch.read_member_link');
    const answer = await server.admin.getJson(`/api/v1/dispatches/${started.body.id}/members/${alert!.member_id}/link`);
    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('/m/');
  });

  it('adds no user and issues no wall token', async () => {
    await refuse('user.create');
    const username = `audit_${randomUUID().slice(0, 8)}`;
    expect(
      (await server.admin.send('POST', '/api/v1/users', { username, display_name: '审计', password: testPassword, role: 'planner', scope: demoCounty })).status,
    ).toBe(500);
    expect(await count('app_user where username = $1', [username])).toBe(0);
    await refuse('wall_token.create');
    const name = `大屏${randomUUID().slice(0, 6)}`;
    expect((await server.admin.send('POST', '/api/v1/wall-tokens', { name, scope: demoCounty })).status).toBe(500);
    expect(await count('wall_token where name = $1', [name])).toBe(0);
  });

  it('opens no session at sign-in, and ends none at sign-out', async () => {
    await refuse('auth.sign_in');
    const sessions = await count('user_session');
    const res = await fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: server.admin.username, password: testPassword }),
    });
    expect(res.status).toBe(500);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await count('user_session')).toBe(sessions);
    await database.db.query('delete from audit_refused');
    const other = await signIn(server.baseUrl, server.admin.username, testPassword);
    await refuse('auth.sign_out');
    expect((await other.send('POST', '/api/v1/auth/sign-out')).status).toBe(500);
    expect((await other.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('gives no exact position when the read cannot be audited', async () => {
    const {
      rows: [member],
    } = await database.db.query<{ id: number }>('select id from member order by id limit 1');
    await refuse('member.read_exact');
    const answer = await server.admin.getJson<{ position?: unknown }>(`/api/v1/members/${member!.id}`);
    expect(answer.status).toBe(500);
    expect(answer.body.position).toBeUndefined();
  });
});
