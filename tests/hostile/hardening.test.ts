import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { hashToken, newToken } from '../../server/src/auth/tokens.ts';
import { createUser } from '../../server/src/auth/users.ts';
import { memberLink } from '../../server/src/member-link/member-link.ts';
import { createLogger } from '../../server/src/logger.ts';
import { testPassword } from '../support/api-client.ts';
import { usePrivateDatabase } from '../support/database.ts';
import { demoCounty, startTestServer, type TestServer } from '../support/test-server.ts';
import { rawRequest, type RawRequest } from './raw-request.ts';

/** One test per finding of issue 9 (findings 2–8 and 10): each failed before its fix. */
const database = usePrivateDatabase('hardening');
let server: TestServer;
let admin: Record<string, string>;
let adminWrite: Record<string, string>;
let wall: { id: number; token: string };
let point: { lng: number; lat: number };
let caseId: number;
let dispatchId: number;
let link: string;

const send = (r: RawRequest) => rawRequest(server.baseUrl, r);
const json = (method: string, path: string, body: unknown, headers: Record<string, string> = adminWrite) =>
  send({ method, path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const count = async (table: string) => (await server.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

beforeAll(async () => {
  server = await startTestServer(database.url, undefined, { workers: false });
  admin = { cookie: server.admin.cookie };
  adminWrite = { ...admin, 'x-csrf-token': server.admin.csrfToken };
  const token = newToken();
  const { rows } = await server.db.query<{ id: number }>('insert into wall_token (name, token_hash, scope_code) values ($1, $2, $3) returning id', [
    '硬化测试',
    hashToken(token),
    demoCounty,
  ]);
  wall = { id: rows[0]!.id, token };
  const p = await server.db.query<{ lng: number; lat: number }>(
    "select st_x(p) as lng, st_y(p) as lat from (select st_pointonsurface(geom) as p from area where level = 'community' order by households desc limit 1) s",
  );
  point = p.rows[0]!;
  const created = await json('POST', '/api/v1/cases', { kind: 'test', title: '硬化', ...point }, { ...adminWrite, 'idempotency-key': randomUUID() });
  caseId = (JSON.parse(created.text) as { id: number }).id;
  const started = await json('POST', `/api/v1/cases/${caseId}/dispatch`, { radius: 2000, waveSize: 2, target: 1 });
  dispatchId = (JSON.parse(started.text) as { id: number }).id;
  const alert = await server.db.query<{ member_id: number }>('select member_id from dispatch_alert where dispatch_id = $1 limit 1', [dispatchId]);
  link = await memberLink(server.db, dispatchId, alert.rows[0]!.member_id);
});
afterAll(async () => {
  await server.close();
});

describe('malformed percent-encoding in a path parameter', () => {
  it('answers 400 invalid_path on member links, members, cases, dispatches, wall tokens and tiles, signed in or not', async () => {
    const bad = '%E0%A4%A';
    const paths: Array<[string, string]> = [
      ['GET', `/api/m/${bad}`],
      ['POST', `/api/m/${bad}/accept`],
      ['POST', `/api/m/x.y/${bad}`],
      ['GET', `/api/v1/members/${bad}`],
      ['GET', `/api/v1/cases/${bad}`],
      ['POST', `/api/v1/cases/${bad}/close`],
      ['GET', `/api/v1/dispatches/${bad}`],
      ['DELETE', `/api/v1/dispatches/1/members/${bad}`],
      ['DELETE', `/api/v1/wall-tokens/${bad}`],
      ['GET', `/tiles/${bad}/1/0/0.mvt`],
      ['GET', `/tiles/areas/${bad}/0/0.mvt`],
    ];
    for (const [method, path] of paths) {
      const answer = await send({ method, path, headers: adminWrite });
      expect([method, path, answer.status, answer.code]).toEqual([method, path, 400, 'invalid_path']);
    }
    const anonymous = await send({ path: `/api/m/${bad}` });
    expect([anonymous.status, anonymous.code]).toEqual([400, 'invalid_path']);
  });
});

describe('the Origin of a sign-in', () => {
  it('refuses Origin: null and unparsable origins with 403 csrf_failed, not 500', async () => {
    for (const origin of ['null', 'not a url', 'http://', '::::']) {
      const answer = await json('POST', '/api/v1/auth/sign-in', { username: server.admin.username, password: testPassword }, { origin });
      expect([origin, answer.status, answer.code]).toEqual([origin, 403, 'csrf_failed']);
    }
  });

  it("still signs in from the server's own origin", async () => {
    const answer = await json('POST', '/api/v1/auth/sign-in', { username: server.admin.username, password: testPassword }, { origin: server.baseUrl });
    expect(answer.status).toBe(200);
  });
});

describe('control characters in text fields', () => {
  it('refuses NUL and other control characters in case and wall-token text with 400 naming the field, and writes nothing', async () => {
    const before = await Promise.all(['"case"', 'wall_token', 'audit_log'].map(count));
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['/api/v1/cases', 'title', { kind: 'test', title: 'a\u0000b', ...point }, 'title'],
      ['/api/v1/cases', 'kind', { kind: 'te\u0007st', title: '标题', ...point }, 'kind'],
      ['/api/v1/cases', 'description', { kind: 'test', title: '标题', description: 'x\u0000', ...point }, 'description'],
      ['/api/v1/cases', 'C1', { kind: 'test', title: 'a\u0085b', ...point }, 'title'],
      ['/api/v1/cases', 'line feed in a title', { kind: 'test', title: 'a\nb', ...point }, 'title'],
      ['/api/v1/wall-tokens', 'name', { name: '大屏\u0000', scope: demoCounty }, 'name'],
      ['/api/v1/wall-tokens', 'escape', { name: '\u001b[31m大屏', scope: demoCounty }, 'name'],
      [
        '/api/v1/users',
        'display name',
        { username: 'ctl_user', display_name: 'x\u0000', password: 'a long enough password', role: 'planner', scope: demoCounty },
        'display_name',
      ],
    ];
    for (const [path, what, body, field] of cases) {
      const answer = await json('POST', path, body, { ...adminWrite, 'idempotency-key': randomUUID() });
      const details = (JSON.parse(answer.text) as { error: { details?: Array<{ path: string }> } }).error.details ?? [];
      expect([what, answer.status, answer.code, details.map((d) => d.path)]).toEqual([what, 400, 'invalid_body', [field]]);
    }
    expect(await Promise.all(['"case"', 'wall_token', 'audit_log'].map(count))).toEqual(before);
  });

  it('refuses lone surrogates, which PostgreSQL cannot store, in a title and a wall-token name', async () => {
    const title = await json('POST', '/api/v1/cases', { kind: 'test', title: 'x\ud800y', ...point }, { ...adminWrite, 'idempotency-key': randomUUID() });
    expect([title.status, title.code]).toEqual([400, 'invalid_body']);
    const name = await json('POST', '/api/v1/wall-tokens', { name: '\udc00', scope: demoCounty });
    expect([name.status, name.code]).toEqual([400, 'invalid_body']);
  });

  it('takes emoji and other characters outside the BMP, and line breaks in a description', async () => {
    const created = await json(
      'POST',
      '/api/v1/cases',
      { kind: 'test', title: '积水 🌊 𠀋', description: '第一行\n第二行\t完', ...point },
      { ...adminWrite, 'idempotency-key': randomUUID() },
    );
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ title: '积水 🌊 𠀋', description: '第一行\n第二行\t完' });
  });
});

describe('audit dates', () => {
  it('refuses dates PostgreSQL cannot take (year 0, offset +23:59) and years outside 2000–2100 with 400 invalid_query', async () => {
    for (const q of [
      'from=0000-01-01T00:00:00Z',
      'to=2026-01-01T00:00:00%2B23:59',
      'to=2026-01-01T00:00:00-15:00',
      'from=1999-12-31T23:59:59Z',
      'to=2101-01-01T00:00:00Z',
      'from=2026-02-30T00:00:00Z',
    ]) {
      const answer = await send({ path: `/api/v1/audit?${q}`, headers: admin });
      expect([q, answer.status, answer.code]).toEqual([q, 400, 'invalid_query']);
    }
  });

  it('takes the widest real offsets, +14:00 and -12:00', async () => {
    const answer = await send({ path: '/api/v1/audit?from=2026-01-01T00:00:00%2B14:00&to=2100-12-31T00:00:00-12:00', headers: admin });
    expect(answer.status).toBe(200);
  });
});

describe('compressed request bodies', () => {
  it('answers a corrupt gzip body with 400 invalid_encoding', async () => {
    const good = gzipSync(JSON.stringify({ name: '大屏', scope: demoCounty }));
    for (const body of [Buffer.from('not gzip at all'), good.subarray(0, good.length - 6)]) {
      const answer = await send({
        method: 'POST',
        path: '/api/v1/wall-tokens',
        headers: { ...adminWrite, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      expect([answer.status, answer.code]).toEqual([400, 'invalid_encoding']);
    }
  });

  it('takes a well-formed gzip body', async () => {
    const body = gzipSync(JSON.stringify({ username: server.admin.username, password: testPassword }));
    const answer = await send({
      method: 'POST',
      path: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body,
    });
    expect(answer.status).toBe(200);
  });
});

describe('sign-out', () => {
  it('refuses a wall token with 403 and writes no audit row', async () => {
    const before = await count('audit_log');
    for (let i = 0; i < 3; i++) {
      const answer = await send({ method: 'POST', path: '/api/v1/auth/sign-out', headers: { authorization: `Bearer ${wall.token}` } });
      expect([answer.status, answer.code]).toEqual([403, 'forbidden']);
    }
    expect(await count('audit_log')).toBe(before);
  });
});

describe('numbers in query strings', () => {
  it('refuses hex, exponents, signs, spaces and fractions in limit on every listing with 400 invalid_query', async () => {
    const listings = ['/api/v1/members?', '/api/v1/audit?', '/api/v1/cases/feed?', `/api/v1/members/nearby?lng=${point.lng}&lat=${point.lat}&`];
    for (const listing of listings) {
      for (const limit of ['0x10', '1e1', '%2B10', '%2010', '10.0', '', '-1', '1_0']) {
        const answer = await send({ path: `${listing}limit=${limit}`, headers: admin });
        expect([listing, limit, answer.status, answer.code]).toEqual([listing, limit, 400, 'invalid_query']);
      }
      expect((await send({ path: `${listing}limit=10`, headers: admin })).status).toBe(200);
    }
  });

  it('refuses exponents and hex in coordinates and bbox parts', async () => {
    for (const q of [
      '/api/v1/locate?lng=1.0474e2&lat=31.46',
      '/api/v1/locate?lng=104.74&lat=0x1F',
      '/api/v1/grids?bbox=1.047e2,31.43,104.78,31.49',
      '/api/v1/members/nearby?lng=104.74&lat=31.46&radius=1e3',
    ]) {
      const answer = await send({ path: q, headers: admin });
      expect([q, answer.status, answer.code]).toEqual([q, 400, 'invalid_query']);
    }
  });
});

describe('answers that carry personal data', () => {
  it('are sent with Cache-Control: no-store', async () => {
    const member = (await server.db.query<{ id: number }>('select id from member order by id limit 1')).rows[0]!.id;
    const paths = [
      `/api/v1/members/${member}`,
      '/api/v1/members?limit=5',
      `/api/v1/members/nearby?lng=${point.lng}&lat=${point.lat}`,
      `/api/v1/dispatches/${dispatchId}`,
      `/api/v1/cases/${caseId}`,
      '/api/v1/cases',
      '/api/v1/audit',
      '/api/v1/users',
      '/api/v1/wall-tokens',
      '/api/v1/auth/me',
      `/api${link}`,
      '/api/v1/members/999999999',
    ];
    for (const path of paths) {
      const answer = await send({ path, headers: admin });
      expect([path, answer.status < 500, answer.headers['cache-control']]).toEqual([path, true, 'no-store']);
    }
  });

  it('and plans, whose ETag is a revision for If-Match while the view follows live data, are no-store too', async () => {
    for (const path of ['/api/v1/plans/1', '/api/v1/plans/1/history', '/api/v1/plans?community=000000000000']) {
      const answer = await send({ path, headers: admin });
      expect([path, answer.status < 500, answer.headers['cache-control']]).toEqual([path, true, 'no-store']);
    }
  });

  it('leave tiles to revalidate with their ETag', async () => {
    const answer = await send({ path: '/tiles/areas/0/0/0.mvt', headers: admin });
    expect(answer.headers['cache-control']).toBe('private, no-cache');
  });
});

describe('the session cookie', () => {
  async function cookieFrom(publicUrl: string | undefined): Promise<string> {
    const app = createApp({ db: server.db, log: createLogger('silent'), publicUrl });
    const listener = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listener.once('listening', resolve));
    try {
      const username = `cookie_${randomUUID().slice(0, 8)}`;
      await createUser(server.db, { username, display_name: '饼干', password: testPassword, role: 'planner', scope: demoCounty });
      const answer = await rawRequest(`http://127.0.0.1:${(listener.address() as AddressInfo).port}`, {
        method: 'POST',
        path: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: testPassword }),
      });
      expect(answer.status).toBe(200);
      return answer.headers['set-cookie']!.join('\n');
    } finally {
      listener.closeAllConnections();
      await new Promise((resolve) => listener.close(resolve));
    }
  }

  it('is Secure when PUBLIC_URL is https, even behind a proxy that speaks plain HTTP to RedGrid', async () => {
    expect(await cookieFrom('https://redgrid.example.gov.cn')).toMatch(/rg_session=[^\n]*;\s*Secure/i);
  });

  it('is not Secure when PUBLIC_URL is plain http (a local install)', async () => {
    expect(await cookieFrom('http://127.0.0.1:8080')).not.toMatch(/Secure/i);
  });
});

describe('a forged X-Forwarded-For behind a trusted proxy', () => {
  it("signs in and audits with no address, not 500, when the header is not an IP address, and believes only the proxy's hop", async () => {
    const app = createApp({ db: server.db, log: createLogger('silent'), trustProxy: true });
    const listener = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listener.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
      const before = await count('audit_log');
      for (const forwarded of ['not-an-ip', "1.2.3.4'; drop table member; --", '999.1.1.1', '[::1]:80']) {
        const answer = await rawRequest(base, {
          method: 'POST',
          path: '/api/v1/auth/sign-in',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
          body: JSON.stringify({ username: server.admin.username, password: testPassword }),
        });
        expect([forwarded, answer.status]).toEqual([forwarded, 200]);
      }
      const rows = await server.db.query<{ ip: string | null }>("select ip::text from audit_log where action = 'auth.sign_in' order by id desc limit 4");
      expect(rows.rows.map((r) => r.ip)).toEqual([null, null, null, null]);
      expect(await count('audit_log')).toBe(before + 4);

      // the proxy appends the address it saw; what the client wrote before it is not believed
      const answer = await rawRequest(base, {
        method: 'POST',
        path: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
        body: JSON.stringify({ username: server.admin.username, password: testPassword }),
      });
      expect(answer.status).toBe(200);
      const last = await server.db.query<{ ip: string }>("select host(ip) as ip from audit_log where action = 'auth.sign_in' order by id desc limit 1");
      expect(last.rows[0]!.ip).toBe('203.0.113.7');
    } finally {
      listener.closeAllConnections();
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});

describe('a session cookie cookie-parser reads as JSON', () => {
  it('answers 401 on any request and on sign-out, not 500 (rg_session=j:{…} is an object, never a session)', async () => {
    for (const cookie of ['rg_session=j:{"a":1}', 'rg_session=j:[1]', 'rg_session=j:null']) {
      const me = await send({ path: '/api/v1/auth/me', headers: { cookie } });
      const out = await send({ method: 'POST', path: '/api/v1/auth/sign-out', headers: { cookie } });
      expect([cookie, me.status, me.code, out.status, out.code]).toEqual([cookie, 401, 'unauthenticated', 401, 'unauthenticated']);
    }
  });
});
