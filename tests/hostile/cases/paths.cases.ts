import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';

/** Percent-encoding no decoder accepts: truncated, not hex, overlong, a UTF-16 surrogate, a stray byte. */
export const badEncodings = ['%E0%A4%A', '%', '%zz', '%C0%AF', '%ED%A0%80', '%FF'];

/** Ids that decode but are not decimal ids (the last ones are fullwidth digits, SQL and a path). */
const badIds = ['abc', '-1', '1.5', '0x10', '1e3', '12345678901234567890', '%00', '%20', '%EF%BC%91', "1'%20or%20'1'%3D'1", '%2F'];

type IdRoute = { endpoint: string; method: string; path: (id: string) => string; json?: unknown };

function idRoutes(c: HostileContext): IdRoute[] {
  return [
    { endpoint: 'GET /api/v1/members/{id}', method: 'GET', path: (id) => `/api/v1/members/${id}` },
    { endpoint: 'GET /api/v1/cases/{id}', method: 'GET', path: (id) => `/api/v1/cases/${id}` },
    { endpoint: 'POST /api/v1/cases/{id}/close', method: 'POST', path: (id) => `/api/v1/cases/${id}/close` },
    { endpoint: 'POST /api/v1/cases/{id}/dispatch', method: 'POST', path: (id) => `/api/v1/cases/${id}/dispatch`, json: { radius: 500 } },
    { endpoint: 'GET /api/v1/dispatches/{id}', method: 'GET', path: (id) => `/api/v1/dispatches/${id}` },
    { endpoint: 'POST /api/v1/dispatches/{id}/members', method: 'POST', path: (id) => `/api/v1/dispatches/${id}/members`, json: { member_id: c.memberC } },
    { endpoint: 'DELETE /api/v1/dispatches/{id}/members/{memberId}', method: 'DELETE', path: (id) => `/api/v1/dispatches/${id}/members/${c.alertedMemberA}` },
    { endpoint: 'DELETE /api/v1/dispatches/{id}/members/{memberId}', method: 'DELETE', path: (id) => `/api/v1/dispatches/${c.dispatchA}/members/${id}` },
    {
      endpoint: 'GET /api/v1/dispatches/{id}/members/{memberId}/link',
      method: 'GET',
      path: (id) => `/api/v1/dispatches/${id}/members/${c.alertedMemberA}/link`,
    },
    { endpoint: 'GET /api/v1/dispatches/{id}/members/{memberId}/link', method: 'GET', path: (id) => `/api/v1/dispatches/${c.dispatchA}/members/${id}/link` },
    { endpoint: 'POST /api/v1/dispatches/{id}/close', method: 'POST', path: (id) => `/api/v1/dispatches/${id}/close` },
    { endpoint: 'DELETE /api/v1/wall-tokens/{id}', method: 'DELETE', path: (id) => `/api/v1/wall-tokens/${id}` },
  ];
}

/** Path parameters: bad percent-encoding, ids that are not ids, ids out of scope or nowhere. */
export function pathCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const linkRoutes: IdRoute[] = [
    { endpoint: 'GET /api/m/{token}', method: 'GET', path: (t) => `/api/m/${t}` },
    { endpoint: 'POST /api/m/{token}/{answer}', method: 'POST', path: (t) => `/api/m/${t}/accept` },
    { endpoint: 'POST /api/m/{token}/{answer}', method: 'POST', path: (t) => `/api${c.link}/${t}` },
    { endpoint: 'GET /tiles/{layer}/{z}/{x}/{y}.mvt', method: 'GET', path: (t) => `/tiles/${t}/10/0/0.mvt` },
    { endpoint: 'GET /tiles/{layer}/{z}/{x}/{y}.mvt', method: 'GET', path: (t) => `/tiles/areas/${t}/0/0.mvt` },
  ];
  for (const route of [...idRoutes(c), ...linkRoutes]) {
    for (const bad of badEncodings) {
      cases.push({
        name: `${route.method} ${route.path(bad)}: percent-encoding that does not decode`,
        endpoint: route.endpoint,
        method: route.method,
        path: route.path(bad),
        json: route.json,
        status: 400,
        code: 'invalid_path',
      });
    }
  }
  for (const route of idRoutes(c)) {
    for (const bad of badIds) {
      cases.push({
        name: `${route.method} ${route.path(bad)}: not a decimal id`,
        endpoint: route.endpoint,
        method: route.method,
        path: route.path(bad),
        json: route.json,
        status: 400,
        code: 'invalid_path',
      });
    }
    cases.push({
      name: `${route.method} ${route.path('999999999999')}: no such row`,
      endpoint: route.endpoint,
      method: route.method,
      path: route.path('999999999999'),
      json: route.json,
      status: 404,
      code: 'not_found',
    });
  }
  const badGridCodes = [
    '123',
    '5107030010010011',
    '51070300100100a',
    encodeURIComponent('５１０７０３００１００１００１'),
    "'%20or%201%3D1--",
    '..%2F..%2Fetc',
  ];
  for (const bad of [...badGridCodes, ...badEncodings]) {
    cases.push({
      name: `GET /api/v1/grids/${bad}/history: not a grid code`,
      endpoint: 'GET /api/v1/grids/{code}/history',
      path: `/api/v1/grids/${bad}/history`,
      status: 400,
      code: 'invalid_path',
    });
  }
  cases.push({
    name: 'GET /api/v1/grids/{code}/history: no such grid',
    endpoint: 'GET /api/v1/grids/{code}/history',
    path: '/api/v1/grids/510703999999999/history',
    status: 404,
    code: 'not_found',
  });
  // cross-scope: the town A admin asks for town B's rows by id
  const outOfScope: Array<[string, string, string, unknown?]> = [
    ['GET /api/v1/members/{id}', 'GET', `/api/v1/members/${c.memberB}`],
    ['GET /api/v1/cases/{id}', 'GET', `/api/v1/cases/${c.caseB}`],
    ['GET /api/v1/grids/{code}/history', 'GET', `/api/v1/grids/${c.gridB}/history`],
    ['POST /api/v1/cases/{id}/close', 'POST', `/api/v1/cases/${c.caseB}/close`],
    ['POST /api/v1/cases/{id}/dispatch', 'POST', `/api/v1/cases/${c.caseB}/dispatch`, { radius: 500 }],
    ['GET /api/v1/dispatches/{id}', 'GET', `/api/v1/dispatches/${c.dispatchB}`],
    ['POST /api/v1/dispatches/{id}/members', 'POST', `/api/v1/dispatches/${c.dispatchB}/members`, { member_id: c.memberC }],
    ['POST /api/v1/dispatches/{id}/members', 'POST', `/api/v1/dispatches/${c.dispatchA}/members`, { member_id: c.memberB }],
    ['DELETE /api/v1/dispatches/{id}/members/{memberId}', 'DELETE', `/api/v1/dispatches/${c.dispatchB}/members/${c.memberB}`],
    ['POST /api/v1/dispatches/{id}/close', 'POST', `/api/v1/dispatches/${c.dispatchB}/close`],
    ['DELETE /api/v1/wall-tokens/{id}', 'DELETE', `/api/v1/wall-tokens/${c.wallTokenIdB}`],
  ];
  for (const [endpoint, method, path, json] of outOfScope) {
    cases.push({
      name: `${method} ${path} as the town A admin: another town's row`,
      endpoint,
      method,
      path,
      json,
      as: 'adminA',
      status: 404,
      code: 'not_found',
    });
  }
  cases.push({
    name: 'the community secretary asks for a member of another town',
    endpoint: 'GET /api/v1/members/{id}',
    path: `/api/v1/members/${c.memberB}`,
    as: 'secretaryC',
    status: 404,
    code: 'not_found',
  });
  cases.push({
    name: "the town A dispatcher asks for town B's case",
    endpoint: 'GET /api/v1/cases/{id}',
    path: `/api/v1/cases/${c.caseB}`,
    as: 'dispatcherA',
    status: 404,
    code: 'not_found',
  });
  cases.push({
    name: 'a dispatch started on a closed case',
    endpoint: 'POST /api/v1/cases/{id}/dispatch',
    method: 'POST',
    path: `/api/v1/cases/${c.closedCaseA}/dispatch`,
    json: { radius: 500 },
    status: 409,
    code: 'conflict',
  });
  cases.push({
    name: 'a second dispatch on a case that has an active one',
    endpoint: 'POST /api/v1/cases/{id}/dispatch',
    method: 'POST',
    path: `/api/v1/cases/${c.caseA}/dispatch`,
    json: { radius: 500 },
    status: 409,
    code: 'conflict',
  });
  cases.push({
    name: 'a member already alerted, alerted again by hand',
    endpoint: 'POST /api/v1/dispatches/{id}/members',
    method: 'POST',
    path: `/api/v1/dispatches/${c.dispatchA}/members`,
    json: { member_id: c.alertedMemberA },
    status: 409,
    code: 'conflict',
  });
  cases.push({
    name: 'recalling a member who has no alert in the dispatch',
    endpoint: 'DELETE /api/v1/dispatches/{id}/members/{memberId}',
    method: 'DELETE',
    path: `/api/v1/dispatches/${c.dispatchA}/members/${c.memberB}`,
    status: 404,
    code: 'not_found',
  });
  return cases;
}
