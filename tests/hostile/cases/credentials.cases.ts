import type { Caller, HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';

type Sample = { endpoint: string; method: string; path: string; json?: unknown };

/** One well-formed request per endpoint that needs a caller (everything but health, docs and sign-in). */
export function protectedSamples(c: HostileContext): Sample[] {
  const { lng, lat } = c.pointC;
  return [
    { endpoint: 'GET /api/v1/areas', method: 'GET', path: '/api/v1/areas?level=town' },
    { endpoint: 'GET /api/v1/grids', method: 'GET', path: `/api/v1/grids?bbox=${c.bboxC}` },
    { endpoint: 'GET /api/v1/grids/{code}/history', method: 'GET', path: `/api/v1/grids/${c.gridC}/history` },
    { endpoint: 'GET /api/v1/locate', method: 'GET', path: `/api/v1/locate?lng=${lng}&lat=${lat}` },
    { endpoint: 'GET /api/v1/locate/search', method: 'GET', path: '/api/v1/locate/search?q=%E7%A4%BE%E5%8C%BA' },
    { endpoint: 'GET /tiles/{layer}/{z}/{x}/{y}.mvt', method: 'GET', path: '/tiles/areas/0/0/0.mvt' },
    { endpoint: 'GET /api/v1/stats/summary', method: 'GET', path: '/api/v1/stats/summary' },
    { endpoint: 'GET /api/v1/cases/feed', method: 'GET', path: '/api/v1/cases/feed' },
    { endpoint: 'GET /api/v1/auth/me', method: 'GET', path: '/api/v1/auth/me' },
    { endpoint: 'POST /api/v1/auth/sign-out', method: 'POST', path: '/api/v1/auth/sign-out' },
    { endpoint: 'GET /api/v1/members', method: 'GET', path: '/api/v1/members?limit=5' },
    { endpoint: 'GET /api/v1/members/{id}', method: 'GET', path: `/api/v1/members/${c.memberC}` },
    { endpoint: 'GET /api/v1/members/density', method: 'GET', path: `/api/v1/members/density?bbox=${c.bboxC}` },
    { endpoint: 'GET /api/v1/audit', method: 'GET', path: '/api/v1/audit' },
    { endpoint: 'GET /api/v1/users', method: 'GET', path: '/api/v1/users' },
    {
      endpoint: 'POST /api/v1/users',
      method: 'POST',
      path: '/api/v1/users',
      json: { username: 'never_made', display_name: '无', password: 'a long enough password', role: 'planner', scope: c.townA },
    },
    { endpoint: 'GET /api/v1/wall-tokens', method: 'GET', path: '/api/v1/wall-tokens' },
    { endpoint: 'POST /api/v1/wall-tokens', method: 'POST', path: '/api/v1/wall-tokens', json: { name: '无', scope: c.townA } },
    { endpoint: 'DELETE /api/v1/wall-tokens/{id}', method: 'DELETE', path: `/api/v1/wall-tokens/${c.wallTokenIdA}` },
    { endpoint: 'POST /api/v1/cases', method: 'POST', path: '/api/v1/cases', json: { kind: 'test', title: '无', lng, lat } },
    { endpoint: 'GET /api/v1/cases', method: 'GET', path: '/api/v1/cases' },
    { endpoint: 'GET /api/v1/cases/{id}', method: 'GET', path: `/api/v1/cases/${c.caseA}` },
    { endpoint: 'POST /api/v1/cases/{id}/close', method: 'POST', path: `/api/v1/cases/${c.caseA}/close` },
    { endpoint: 'POST /api/v1/cases/{id}/dispatch', method: 'POST', path: `/api/v1/cases/${c.closedCaseA}/dispatch`, json: { radius: 500 } },
    { endpoint: 'GET /api/v1/members/nearby', method: 'GET', path: `/api/v1/members/nearby?lng=${lng}&lat=${lat}` },
    { endpoint: 'GET /api/v1/dispatches/{id}', method: 'GET', path: `/api/v1/dispatches/${c.dispatchA}` },
    { endpoint: 'POST /api/v1/dispatches/{id}/members', method: 'POST', path: `/api/v1/dispatches/${c.dispatchA}/members`, json: { member_id: c.memberC } },
    { endpoint: 'DELETE /api/v1/dispatches/{id}/members/{memberId}', method: 'DELETE', path: `/api/v1/dispatches/${c.dispatchA}/members/${c.alertedMemberA}` },
    {
      endpoint: 'GET /api/v1/dispatches/{id}/members/{memberId}/link',
      method: 'GET',
      path: `/api/v1/dispatches/${c.dispatchA}/members/${c.alertedMemberA}/link`,
    },
    { endpoint: 'POST /api/v1/dispatches/{id}/close', method: 'POST', path: `/api/v1/dispatches/${c.dispatchA}/close` },
    { endpoint: 'GET /api/v1/live', method: 'GET', path: '/api/v1/live' },
  ];
}

/** Credentials that open nothing: none, forged, revoked, expired, ended, of a disabled account. */
const refused: Caller[] = ['anonymous', 'forgedBearer', 'revokedBearer', 'expiredSession', 'signedOutSession', 'disabledUser', 'forgedCookie'];

const writes = (s: Sample) => s.method !== 'GET';

/** Forged, expired and revoked credentials; roles without the permission; writes without the CSRF token. */
export function credentialCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const sample of protectedSamples(c)) {
    for (const as of refused) {
      cases.push({
        name: `${sample.endpoint} as ${as}`,
        ...sample,
        as,
        status: 401,
        code: 'unauthenticated',
        headers: sample.endpoint === 'POST /api/v1/cases' ? { 'idempotency-key': 'never-used' } : undefined,
      });
    }
    if (writes(sample) && sample.endpoint !== 'POST /api/v1/auth/sign-out') {
      cases.push({ name: `${sample.endpoint} without the CSRF token`, ...sample, as: 'noCsrf', status: 403, code: 'csrf_failed' });
      cases.push({ name: `${sample.endpoint} with a wrong CSRF token`, ...sample, as: 'wrongCsrf', status: 403, code: 'csrf_failed' });
      cases.push({ name: `${sample.endpoint} with a wall token`, ...sample, as: 'wallA', status: 403, code: 'forbidden' });
    }
  }
  const sample = Object.fromEntries(protectedSamples(c).map((s) => [s.endpoint, s]));
  const forbidden: Array<[string, Caller]> = [
    ['GET /api/v1/members', 'wallA'],
    ['GET /api/v1/members/{id}', 'wallA'],
    ['GET /api/v1/members/nearby', 'wallA'],
    ['GET /api/v1/audit', 'wallA'],
    ['GET /api/v1/users', 'wallA'],
    ['GET /api/v1/wall-tokens', 'wallA'],
    ['GET /api/v1/cases', 'wallA'],
    ['GET /api/v1/dispatches/{id}', 'wallA'],
    ['POST /api/v1/auth/sign-out', 'wallA'],
    ['GET /api/v1/members', 'plannerA'],
    ['GET /api/v1/members/{id}', 'plannerA'],
    ['GET /api/v1/audit', 'plannerA'],
    ['GET /api/v1/audit', 'dispatcherA'],
    ['POST /api/v1/users', 'dispatcherA'],
    ['POST /api/v1/wall-tokens', 'secretaryC'],
    ['GET /api/v1/cases', 'secretaryC'],
    ['POST /api/v1/cases', 'secretaryC'],
    ['POST /api/v1/cases/{id}/dispatch', 'secretaryC'],
    ['GET /api/v1/dispatches/{id}', 'plannerA'],
    ['DELETE /api/v1/wall-tokens/{id}', 'dispatcherA'],
  ];
  for (const [endpoint, as] of forbidden) {
    cases.push({
      name: `${endpoint} as ${as}: the role does not allow it`,
      ...sample[endpoint]!,
      as,
      status: 403,
      code: 'forbidden',
      headers: endpoint === 'POST /api/v1/cases' ? { 'idempotency-key': 'never-used' } : undefined,
    });
  }
  cases.push({ name: 'GET /api/v1/auth/me with a wall token', ...sample['GET /api/v1/auth/me']!, as: 'wallA', status: 401, code: 'unauthenticated' });
  cases.push({
    name: 'a Bearer header that is only a scheme',
    endpoint: 'GET /api/v1/areas',
    path: '/api/v1/areas',
    as: 'anonymous',
    headers: { authorization: 'Bearer ' },
    status: 401,
    code: 'unauthenticated',
  });
  cases.push({
    name: 'Basic credentials are not a scheme RedGrid knows',
    endpoint: 'GET /api/v1/areas',
    path: '/api/v1/areas',
    as: 'anonymous',
    headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    status: 401,
    code: 'unauthenticated',
  });
  cases.push({
    name: 'a session cookie of 4 kB',
    endpoint: 'GET /api/v1/auth/me',
    path: '/api/v1/auth/me',
    as: 'anonymous',
    headers: { cookie: `rg_session=${'A'.repeat(4000)}` },
    status: 401,
    code: 'unauthenticated',
  });
  for (const [cookie, what] of [
    ['j:{"a":1}', 'a JSON cookie (cookie-parser reads j: as JSON)'],
    ['j:[1,2]', 'a JSON array cookie'],
    ['%E0%A4%A', 'bad percent-encoding'],
    ['s:forged.signature', 'a signed-cookie form'],
    ['', 'an empty value'],
  ] as const) {
    cases.push({
      name: `a session cookie that is ${what}`,
      endpoint: 'GET /api/v1/auth/me',
      path: '/api/v1/auth/me',
      as: 'anonymous',
      headers: { cookie: `rg_session=${cookie}` },
      status: 401,
      code: 'unauthenticated',
    });
    cases.push({
      name: `sign-out with a session cookie that is ${what}`,
      endpoint: 'POST /api/v1/auth/sign-out',
      method: 'POST',
      path: '/api/v1/auth/sign-out',
      as: 'anonymous',
      headers: { cookie: `rg_session=${cookie}` },
      status: 401,
      code: 'unauthenticated',
    });
  }
  cases.push({
    name: 'a member link token used as a bearer token',
    endpoint: 'GET /api/v1/areas',
    path: '/api/v1/areas',
    as: 'anonymous',
    headers: { authorization: `Bearer ${c.link.slice(3)}` },
    status: 401,
    code: 'unauthenticated',
  });
  return cases;
}
