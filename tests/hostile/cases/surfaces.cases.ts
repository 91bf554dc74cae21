import { existsSync } from 'node:fs';
import path from 'node:path';
import { clientDist } from '../../../server/src/http/static-client.ts';
import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';

/** Static paths answer the client's index.html (2xx) when the client is built, else 404. */
const page = existsSync(path.join(clientDist, 'index.html')) ? '2xx' : 404;
const noPasswdFile = (a: { text: string }) => (/root:.*:0:0:/.test(a.text) ? 'served a system file' : undefined);

/** Method confusion: verbs no route takes answer 404 not_found, never a 5xx or a write. */
export function methodCases(c: HostileContext): HostileCase[] {
  const confused: Array<[string, string, string]> = [
    ['PUT', '/api/v1/cases', 'POST /api/v1/cases'],
    ['PATCH', `/api/v1/cases/${c.caseA}`, 'GET /api/v1/cases/{id}'],
    ['DELETE', `/api/v1/cases/${c.caseA}`, 'GET /api/v1/cases/{id}'],
    ['GET', `/api/v1/cases/${c.caseA}/close`, 'POST /api/v1/cases/{id}/close'],
    ['GET', `/api/v1/cases/${c.caseA}/dispatch`, 'POST /api/v1/cases/{id}/dispatch'],
    ['DELETE', '/api/v1/users', 'GET /api/v1/users'],
    ['PUT', `/api/v1/wall-tokens/${c.wallTokenIdA}`, 'DELETE /api/v1/wall-tokens/{id}'],
    ['GET', '/api/v1/auth/sign-in', 'POST /api/v1/auth/sign-in'],
    ['GET', '/api/v1/auth/sign-out', 'POST /api/v1/auth/sign-out'],
    ['POST', '/api/v1/auth/me', 'GET /api/v1/auth/me'],
    ['PUT', '/api/v1/members', 'GET /api/v1/members'],
    ['DELETE', `/api/v1/members/${c.memberC}`, 'GET /api/v1/members/{id}'],
    ['POST', '/api/v1/audit', 'GET /api/v1/audit'],
    ['DELETE', '/api/v1/audit', 'GET /api/v1/audit'],
    ['PATCH', '/api/v1/audit', 'GET /api/v1/audit'],
    ['POST', '/api/v1/areas', 'GET /api/v1/areas'],
    ['PUT', '/api/v1/grids', 'GET /api/v1/grids'],
    ['POST', '/api/v1/locate', 'GET /api/v1/locate'],
    ['POST', '/api/v1/stats/summary', 'GET /api/v1/stats/summary'],
    ['POST', '/api/v1/cases/feed', 'GET /api/v1/cases/feed'],
    ['POST', '/api/v1/members/density', 'GET /api/v1/members/density'],
    ['POST', '/api/v1/members/nearby', 'GET /api/v1/members/nearby'],
    ['PUT', `/api/v1/dispatches/${c.dispatchA}`, 'GET /api/v1/dispatches/{id}'],
    ['GET', `/api/v1/dispatches/${c.dispatchA}/close`, 'POST /api/v1/dispatches/{id}/close'],
    ['GET', `/api/v1/dispatches/${c.dispatchA}/members`, 'POST /api/v1/dispatches/{id}/members'],
    ['PATCH', `/api/v1/dispatches/${c.dispatchA}/members/${c.alertedMemberA}`, 'DELETE /api/v1/dispatches/{id}/members/{memberId}'],
    ['POST', '/api/v1/live', 'GET /api/v1/live'],
    ['DELETE', `/api${c.link}`, 'GET /api/m/{token}'],
    ['GET', `/api${c.link}/accept`, 'POST /api/m/{token}/{answer}'],
    ['POST', '/tiles/areas/0/0/0.mvt', 'GET /tiles/{layer}/{z}/{x}/{y}.mvt'],
    ['POST', '/api/health', 'GET /api/health'],
  ];
  const cases: HostileCase[] = confused.map(([method, path, endpoint]) => ({
    name: `${method} ${path}: a method the route does not take`,
    endpoint,
    method,
    path,
    status: 404,
    code: 'not_found',
  }));
  cases.push({ name: 'HEAD /api/health answers like GET without a body', endpoint: 'GET /api/health', method: 'HEAD', path: '/api/health', status: '2xx' });
  cases.push({
    name: 'HEAD on a member detail (no body, audited like the GET)',
    endpoint: 'GET /api/v1/members/{id}',
    method: 'HEAD',
    path: `/api/v1/members/${c.memberC}`,
    status: '2xx',
    changes: { audit_log: 1 },
  });
  cases.push({
    name: 'upper-case paths reach the same route and its checks: anonymous audit',
    endpoint: 'GET /api/v1/audit',
    path: '/API/V1/AUDIT',
    as: 'anonymous',
    status: 401,
    code: 'unauthenticated',
  });
  cases.push({
    name: 'a trailing slash reaches the same route and its checks',
    endpoint: 'GET /api/v1/users',
    path: '/api/v1/users/',
    as: 'wallA',
    status: 403,
    code: 'forbidden',
  });
  cases.push({
    name: 'an upper-case member path is still no-store (and audited like the lower-case one)',
    endpoint: 'GET /api/v1/members/{id}',
    path: `/API/V1/Members/${c.memberC}`,
    status: '2xx',
    changes: { audit_log: 1 },
    check: (a) => (a.headers['cache-control'] === 'no-store' ? undefined : `Cache-Control ${a.headers['cache-control']}`),
  });
  cases.push({
    name: 'X-HTTP-Method-Override is not honoured',
    endpoint: 'DELETE /api/v1/wall-tokens/{id}',
    method: 'POST',
    path: `/api/v1/wall-tokens/${c.wallTokenIdA}`,
    headers: { 'x-http-method-override': 'DELETE' },
    status: 404,
    code: 'not_found',
  });
  cases.push({
    name: '_method=DELETE in the query is not honoured',
    endpoint: 'DELETE /api/v1/wall-tokens/{id}',
    method: 'POST',
    path: `/api/v1/wall-tokens/${c.wallTokenIdA}?_method=DELETE`,
    status: 404,
    code: 'not_found',
  });
  return cases;
}

/** Tiles, the live stream, member links, the docs, static paths and the framing of requests. */
export function surfaceCases(c: HostileContext): HostileCase[] {
  const tile = 'GET /tiles/{layer}/{z}/{x}/{y}.mvt';
  const cases: HostileCase[] = [];
  for (const [path, what] of [
    ['/tiles/members/10/0/0.mvt', 'an unknown layer'],
    ['/tiles/AREAS/10/0/0.mvt', 'an upper-case layer'],
    ['/tiles/areas/23/0/0.mvt', 'zoom 23'],
    ['/tiles/areas/1/2/0.mvt', 'x beyond 2^z'],
    ['/tiles/areas/1/0/2.mvt', 'y beyond 2^z'],
    ['/tiles/areas/-1/0/0.mvt', 'a negative zoom'],
    ['/tiles/areas/10/-1/0.mvt', 'a negative x'],
    ['/tiles/areas/99999999/0/0.mvt', 'an eight-digit zoom'],
    ['/tiles/areas/1.5/0/0.mvt', 'a fractional zoom'],
    ['/tiles/areas/0x1/0/0.mvt', 'a hex zoom'],
    ['/tiles/areas/1e1/0/0.mvt', 'an exponent zoom'],
    ['/tiles/areas/%31%30/0/0.mvt', 'an encoded 10 then x, y in range'],
    ['/tiles/__proto__/0/0/0.mvt', 'the layer __proto__'],
    ['/tiles/constructor/0/0/0.mvt', 'the layer constructor'],
  ] as const) {
    const fine = what.startsWith('an encoded');
    cases.push({ name: `tiles: ${what}`, endpoint: tile, path, status: fine ? '2xx' : 400, code: fine ? undefined : 'invalid_path' });
  }
  cases.push({ name: 'tiles: a .pbf suffix is no route', endpoint: tile, path: '/tiles/areas/0/0/0.pbf', status: 404, code: 'not_found' });
  cases.push({ name: 'tiles: a traversal in the layer', endpoint: tile, path: '/tiles/..%2F..%2Fetc/0/0/0.mvt', status: 400, code: 'invalid_path' });
  cases.push({
    name: 'tiles: a forged member link (?m=)',
    endpoint: tile,
    path: `/tiles/areas/0/0/0.mvt?m=${c.forgedLink.slice(3)}`,
    as: 'anonymous',
    status: 401,
    code: 'unauthenticated',
  });
  cases.push({
    name: 'tiles: an expired member link (?m=)',
    endpoint: tile,
    path: `/tiles/areas/0/0/0.mvt?m=${c.expiredLink.slice(3)}`,
    as: 'anonymous',
    status: 401,
    code: 'unauthenticated',
  });
  cases.push({
    name: 'tiles: a member link (?m=) does not open member density',
    endpoint: tile,
    path: `/tiles/density/0/0/0.mvt?m=${c.link.slice(3)}`,
    as: 'anonymous',
    status: '2xx',
    check: (a) => (a.text.length === 0 ? undefined : 'density for a member link'),
  });
  cases.push({ name: 'tiles: the wall reads areas', endpoint: tile, path: '/tiles/areas/0/0/0.mvt', as: 'wallA', status: '2xx' });
  cases.push({
    name: 'tiles: an If-None-Match of 10 kB',
    endpoint: tile,
    path: '/tiles/areas/0/0/0.mvt',
    headers: { 'if-none-match': `"${'x'.repeat(10_000)}"` },
    status: '2xx',
  });

  const live = 'GET /api/v1/live';
  for (const id of ['0x10', '-1', '1e3', '99999999999999999999', "1' or '1'='1", '']) {
    cases.push({
      name: `live: Last-Event-ID ${JSON.stringify(id)} is ignored`,
      endpoint: live,
      path: '/api/v1/live',
      as: 'wallA',
      headers: { 'last-event-id': id },
      headersOnly: true,
      status: '2xx',
      check: (a) => (String(a.headers['content-type']).startsWith('text/event-stream') ? undefined : 'not an event stream'),
    });
  }
  cases.push({
    name: 'live: ?lastEventId=abc is ignored',
    endpoint: live,
    path: '/api/v1/live?lastEventId=abc&lastEventId=1',
    as: 'wallA',
    headersOnly: true,
    status: '2xx',
  });

  const link = 'GET /api/m/{token}';
  const answer = 'POST /api/m/{token}/{answer}';
  cases.push(
    {
      name: 'member link: the real link opens (no session needed)',
      endpoint: link,
      path: `/api${c.link}`,
      as: 'anonymous',
      status: '2xx',
      check: (a) => (a.headers['cache-control'] === 'no-store' ? undefined : 'a member link without no-store'),
    },
    { name: 'member link: a forged signature', endpoint: link, path: `/api${c.forgedLink}`, as: 'anonymous', status: 404, code: 'not_found' },
    { name: 'member link: an expired link', endpoint: link, path: `/api${c.expiredLink}`, as: 'anonymous', status: 410, code: 'link_expired' },
    { name: 'member link: no signature', endpoint: link, path: `/api${c.link.split('.')[0]}`, as: 'anonymous', status: 404, code: 'not_found' },
    { name: 'member link: garbage', endpoint: link, path: '/api/m/AAAA.BBBB', as: 'anonymous', status: 404, code: 'not_found' },
    { name: 'member link: a token of 600 characters', endpoint: link, path: `/api/m/${'A'.repeat(600)}`, as: 'anonymous', status: 400, code: 'invalid_path' },
    { name: 'member link: NUL in the token', endpoint: link, path: '/api/m/%00.%00', as: 'anonymous', status: 404, code: 'not_found' },
    {
      name: "member link: the payload of one link with another's signature",
      endpoint: link,
      as: 'anonymous',
      status: 404,
      code: 'not_found',
      path: `/api/m/${c.link.slice(3).split('.')[0]}.${c.expiredLink.split('.')[1]}`,
    },
    {
      name: 'member link: an unknown answer',
      endpoint: answer,
      method: 'POST',
      path: `/api${c.link}/maybe`,
      as: 'anonymous',
      status: 400,
      code: 'invalid_path',
    },
    {
      name: 'member link: an upper-case answer',
      endpoint: answer,
      method: 'POST',
      path: `/api${c.link}/ACCEPT`,
      as: 'anonymous',
      status: 400,
      code: 'invalid_path',
    },
    {
      name: 'member link: an answer on an expired link',
      endpoint: answer,
      method: 'POST',
      path: `/api${c.expiredLink}/accept`,
      as: 'anonymous',
      status: 410,
      code: 'link_expired',
    },
    {
      name: 'member link: an answer with a forged signature',
      endpoint: answer,
      method: 'POST',
      path: `/api${c.forgedLink}/accept`,
      as: 'anonymous',
      status: 404,
      code: 'not_found',
    },
    {
      name: 'member link: arrived before accepting',
      endpoint: answer,
      method: 'POST',
      path: `/api${c.link}/arrived`,
      as: 'anonymous',
      status: 409,
      code: 'answer_not_allowed',
    },
    {
      name: 'member link: a stray Authorization header is checked like any',
      endpoint: link,
      path: `/api${c.link}`,
      as: 'forgedBearer',
      status: 401,
      code: 'unauthenticated',
    },
  );

  cases.push(
    { name: 'health: query junk is ignored', endpoint: 'GET /api/health', path: '/api/health?x=%00&y[]=1', as: 'anonymous', status: '2xx' },
    {
      name: 'health: with a forged bearer token (public, answers before authentication)',
      endpoint: 'GET /api/health',
      path: '/api/health',
      as: 'forgedBearer',
      status: '2xx',
    },
    { name: 'the OpenAPI document is public', endpoint: null, path: '/api/openapi.json', as: 'anonymous', status: '2xx' },
    { name: 'an unknown API path', endpoint: null, path: '/api/v1/nothing', status: 404, code: 'not_found' },
    { name: 'an API path with bad percent-encoding and no parameter', endpoint: null, path: '/api/v1/%E0%A4%A', status: 404, code: 'not_found' },
    { name: 'an API path with NUL', endpoint: null, path: '/api/v1/areas%00', status: 404, code: 'not_found' },
    {
      name: 'an API path with a dot-dot segment sent raw',
      endpoint: null,
      path: '/api/v1/../../etc/passwd',
      status: 404,
      code: 'not_found',
      check: noPasswdFile,
    },
    {
      name: 'an encoded traversal past the static root',
      endpoint: null,
      path: '/..%2F..%2F..%2Fetc%2Fpasswd',
      as: 'anonymous',
      status: page,
      code: null,
      check: noPasswdFile,
    },
    {
      name: 'a raw traversal past the static root',
      endpoint: null,
      path: '/../../../etc/passwd',
      as: 'anonymous',
      status: page,
      code: null,
      check: noPasswdFile,
    },
    {
      name: 'a double-encoded traversal',
      endpoint: null,
      path: '/assets/%252e%252e%252f%252e%252e%252fetc/passwd',
      as: 'anonymous',
      status: 404,
      code: 'not_found',
      check: noPasswdFile,
    },
    // an asset that is not there is a 404, not the page (a stale script would otherwise get HTML)
    { name: 'an encoded NUL in a static path', endpoint: null, path: '/assets/x%00.js', as: 'anonymous', status: 404, code: 'not_found' },
    { name: 'bad percent-encoding in a static path', endpoint: null, path: '/assets/%E0%A4%A.js', as: 'anonymous', status: 404, code: 'not_found' },
    {
      name: 'the package manifest is not served',
      endpoint: null,
      path: '/package.json',
      as: 'anonymous',
      status: page,
      code: null,
      check: (a) => (a.text.includes('"dependencies"') ? 'served package.json' : undefined),
    },
    {
      name: 'the environment is not served',
      endpoint: null,
      path: '/.env',
      as: 'anonymous',
      status: page,
      code: null,
      check: (a) => (a.text.includes('DATABASE_URL') ? 'served .env' : undefined),
    },
    { name: 'a URL of 20 kB is refused by the HTTP parser', endpoint: null, path: `/api/v1/areas?level=${'x'.repeat(20_000)}`, status: 431, code: null },
    {
      name: 'a header block over 16 kB is refused by the HTTP parser',
      endpoint: null,
      path: '/api/v1/areas',
      headers: { 'x-junk': 'x'.repeat(20_000) },
      status: 431,
      code: null,
    },
  );
  return cases;
}
