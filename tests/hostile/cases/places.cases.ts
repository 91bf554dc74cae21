import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { malformedBodies } from './bodies.cases.ts';
import { injections } from './queries.cases.ts';

const list = 'GET /api/v1/places';
const read = 'GET /api/v1/places/{id}';
const create = 'POST /api/v1/places';
const update = 'PATCH /api/v1/places/{id}';
const close = 'POST /api/v1/places/{id}/close';
const households = 'PUT /api/v1/places/{id}/households';

/**
 * Service positions: filters a careless client sends, bodies that break the kind's rules (a tier
 * where none belongs, a center household without its member), positions and buildings outside the
 * area, places out of scope, and callers without the right. Refusals change nothing; the few
 * legitimate writes declare their history and audit rows.
 */
export function placeCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const { lng, lat } = c.pointC;
  const here = [lng, lat];
  const away = [c.pointB.lng, c.pointB.lat];
  const site = `/api/v1/places/${c.siteC}`;
  const household = `/api/v1/places/${c.householdC}`;

  const query = (name: string, qs: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `${list}: ${name}`,
    endpoint: list,
    path: `/api/v1/places?${qs}`,
    status,
    code,
    ...extra,
  });
  cases.push(
    query('an unknown kind', 'kind=bar', 400, 'invalid_query'),
    query('an unknown status', 'status=deleted', 400, 'invalid_query'),
    query('limit 0', 'limit=0', 400, 'invalid_query'),
    query('limit 501', 'limit=501', 400, 'invalid_query'),
    query('limit 1e2', 'limit=1e2', 400, 'invalid_query'),
    query('after of letters', 'after=abc', 400, 'invalid_query'),
    query('an 11-digit area', `area=${c.communityC.slice(0, 11)}`, 400, 'invalid_query'),
    query('the area twice', `area=${c.communityC}&area=${c.townA}`, 400, 'invalid_query'),
    query('an inverted bbox', `bbox=${lng + 0.01},${lat},${lng},${lat + 0.01}`, 400, 'invalid_query'),
    query('a search of 101 characters', `q=${encodeURIComponent('网'.repeat(101))}`, 400, 'invalid_query'),
    query('a search with NUL', 'q=a%00b', 400, 'invalid_query'),
    query('an area out of scope, as the secretary', `area=${c.townB}`, '2xx', undefined, {
      as: 'secretaryC',
      check: (a) => (JSON.parse(a.text).places.length === 0 ? undefined : 'places of town B answered'),
    }),
    query('a wall token', 'kind=service_center', 403, 'forbidden', { as: 'wallA' }),
    query('no credentials', 'kind=service_center', 401, 'unauthenticated', { as: 'anonymous' }),
  );
  for (const bad of injections.filter((i) => i !== '\u0000')) cases.push(query(`a search ${JSON.stringify(bad)}`, `q=${encodeURIComponent(bad)}`, '2xx'));

  const get = (name: string, path: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `${read}: ${name}`,
    endpoint: read,
    path,
    status,
    code,
    ...extra,
  });
  cases.push(
    get('an id of letters', '/api/v1/places/abc', 400, 'invalid_path'),
    get('a negative id', '/api/v1/places/-1', 400, 'invalid_path'),
    get('an id of 20 digits', '/api/v1/places/99999999999999999999', 400, 'invalid_path'),
    get('an id that does not exist', '/api/v1/places/999999999', 404, 'not_found'),
    get('a place of town B, as the secretary', `/api/v1/places/${c.placeB}`, 404, 'not_found', { as: 'secretaryC' }),
    get("a center household's households, as the admin (audited)", household, '2xx', undefined, { changes: { audit_log: 1 } }),
    get('a center household, as a planner (generalized, not audited)', household, '2xx', undefined, {
      as: 'plannerA',
      check: (a) => (JSON.parse(a.text).households === null ? undefined : 'households shown to a planner'),
    }),
    get('a wall token', site, 403, 'forbidden', { as: 'wallA' }),
  );

  const write = (
    endpoint: string,
    method: string,
    path: string,
    name: string,
    json: unknown,
    status: HostileCase['status'],
    code?: string,
    extra: Partial<HostileCase> = {},
  ): HostileCase => ({ name: `${endpoint}: ${name}`, endpoint, method, path, json, status, code, ...extra });

  const post = (name: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(create, 'POST', '/api/v1/places', name, json, status, code, extra);
  const siteBody = { kind: 'model_site', name: '示范点', area_code: c.communityC, position: here };
  cases.push(...malformedBodies(create, '/api/v1/places', 'admin'));
  cases.push(
    post('a JSON array', [siteBody], 400, 'invalid_body'),
    post('no name', { ...siteBody, name: undefined }, 400, 'invalid_body'),
    post('a name of 101 characters', { ...siteBody, name: '网'.repeat(101) }, 400, 'invalid_body'),
    post('a name with NUL', { ...siteBody, name: 'a\u0000b' }, 400, 'invalid_body'),
    post('a name with a lone surrogate', { ...siteBody, name: 'a\ud800' }, 400, 'invalid_body'),
    post('an unknown kind', { ...siteBody, kind: 'bar' }, 400, 'invalid_body'),
    post('a tier for a model site', { ...siteBody, tier: 'town' }, 400, 'invalid_body'),
    post('a station without a tier', { ...siteBody, kind: 'service_station' }, 400, 'invalid_body'),
    post('an unknown tier', { ...siteBody, kind: 'service_station', tier: 'province' }, 400, 'invalid_body'),
    post('a center household without its member', { ...siteBody, kind: 'center_household' }, 400, 'invalid_body'),
    post('a member id as a string', { ...siteBody, kind: 'center_household', member_id: String(c.memberC) }, 400, 'invalid_body'),
    post('a member of town B, as the secretary', { ...siteBody, kind: 'center_household', member_id: c.memberB }, 404, 'not_found', { as: 'secretaryC' }),
    post('a longitude of 181', { ...siteBody, position: [181, lat] }, 400, 'invalid_body'),
    post('a position of strings', { ...siteBody, position: [String(lng), String(lat)] }, 400, 'invalid_body'),
    post('a position of three numbers', { ...siteBody, position: [lng, lat, 0] }, 400, 'invalid_body'),
    post('a position as an object', { ...siteBody, position: { lng, lat } }, 400, 'invalid_body'),
    post('a position outside the area', { ...siteBody, position: away }, 422, 'outside_area'),
    post('an area of town B, as the secretary', { ...siteBody, area_code: c.townB, position: away }, 404, 'not_found', { as: 'secretaryC' }),
    post('an area that does not exist', { ...siteBody, area_code: '510703999001' }, 404, 'not_found'),
    post('31 services', { ...siteBody, services: Array.from({ length: 31 }, (_, i) => `服务${i}`) }, 400, 'invalid_body'),
    post('a service of 51 characters', { ...siteBody, services: ['网'.repeat(51)] }, 400, 'invalid_body'),
    post('services as a string', { ...siteBody, services: '政策咨询' }, 400, 'invalid_body'),
    post('a phone of letters', { ...siteBody, contact_phone: 'call me' }, 400, 'invalid_body'),
    post('an unknown field', { ...siteBody, closed_on: '2026-01-01' }, 400, 'invalid_body'),
    post('as a planner', siteBody, 403, 'forbidden', { as: 'plannerA' }),
    post('as a dispatcher', siteBody, 403, 'forbidden', { as: 'dispatcherA' }),
    post('without the CSRF token', siteBody, 403, 'csrf_failed', { as: 'noCsrf' }),
    post('an emoji name (legitimate)', { ...siteBody, name: '示范点 🚩' }, 201, undefined, { changes: { place: 1, registry_history: 1, audit_log: 1 } }),
  );
  for (const bad of injections) cases.push(post(`an area ${JSON.stringify(bad)}`, { ...siteBody, area_code: bad }, 400, 'invalid_body'));

  const patch = (name: string, path: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(update, 'PATCH', path, name, json, status, code, extra);
  cases.push(...malformedBodies(update, site, 'admin', 'PATCH'));
  cases.push(
    patch('an empty edit', site, {}, 400, 'invalid_body'),
    patch('a tier for a model site', site, { tier: 'town' }, 400, 'invalid_body'),
    patch('a null name', site, { name: null }, 400, 'invalid_body'),
    patch('a new kind', site, { kind: 'service_center' }, 400, 'invalid_body'),
    patch('a new area', site, { area_code: c.townB }, 400, 'invalid_body'),
    patch('a move outside the area', site, { position: away }, 422, 'outside_area'),
    patch('a place of town B, as the secretary', `/api/v1/places/${c.placeB}`, { name: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    patch('an id of letters', '/api/v1/places/abc', { name: 'x' }, 400, 'invalid_path'),
    patch('as a planner', site, { name: '越权' }, 403, 'forbidden', { as: 'plannerA' }),
    patch('a rename with emoji (legitimate)', site, { name: '示范点 ✨' }, 200, undefined, { changes: { registry_history: 1, audit_log: 1 } }),
  );

  const put = (name: string, path: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(households, 'PUT', path, name, json, status, code, extra);
  const one = (h: Record<string, unknown>) => [{ label: '张家', ...h }];
  cases.push(...malformedBodies(households, `${household}/households`, 'admin', 'PUT'));
  cases.push(
    put('an object instead of a list', `${household}/households`, { label: '张家', position: here }, 400, 'invalid_body'),
    put(
      '101 households',
      `${household}/households`,
      Array.from({ length: 101 }, (_, i) => ({ label: `户${i}`, position: here })),
      400,
      'invalid_body',
    ),
    put('a household with neither position nor building', `${household}/households`, one({}), 400, 'invalid_body'),
    put('a household with both', `${household}/households`, one({ position: here, building_id: 1 }), 400, 'invalid_body'),
    put('a building id as a string', `${household}/households`, one({ building_id: '1' }), 400, 'invalid_body'),
    put('a label of 101 characters', `${household}/households`, [{ label: '户'.repeat(101), position: here }], 400, 'invalid_body'),
    put('a building that does not exist', `${household}/households`, one({ building_id: 999_999_999 }), 422, 'outside_area'),
    put('a position outside the area', `${household}/households`, one({ position: away }), 422, 'outside_area'),
    put('households of a model site', `${site}/households`, one({ position: here }), 422, 'not_a_center_household'),
    put('a place of town B, as the secretary', `/api/v1/places/${c.placeB}/households`, [], 404, 'not_found', { as: 'secretaryC' }),
    put('as a dispatcher', `${household}/households`, [], 403, 'forbidden', { as: 'dispatcherA' }),
    put('one household (legitimate)', `${household}/households`, one({ position: here }), 200, undefined, {
      // the replacement, and the households read back in the answer
      changes: { place_household: 1, registry_history: 1, audit_log: 2 },
    }),
  );

  const shut = (name: string, path: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(close, 'POST', path, name, json, status, code, extra);
  cases.push(...malformedBodies(close, `${site}/close`, 'admin'));
  cases.push(
    shut('no reason', `${site}/close`, {}, 400, 'invalid_body'),
    shut('a reason of 501 characters', `${site}/close`, { reason: '因'.repeat(501) }, 400, 'invalid_body'),
    shut('the 13th month', `${site}/close`, { reason: '撤销', effective_on: '2026-13-01' }, 400, 'invalid_body'),
    shut('a date-time', `${site}/close`, { reason: '撤销', effective_on: '2026-01-01T00:00:00Z' }, 400, 'invalid_body'),
    shut('the year 1999', `${site}/close`, { reason: '撤销', effective_on: '1999-12-31' }, 400, 'invalid_body'),
    shut('a day to come', `${site}/close`, { reason: '撤销', effective_on: '2099-01-01' }, 400, 'invalid_body'),
    shut('a place of town B, as the secretary', `/api/v1/places/${c.placeB}/close`, { reason: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    shut('as a planner', `${site}/close`, { reason: '越权' }, 403, 'forbidden', { as: 'plannerA' }),
    shut('the model site (legitimate)', `${site}/close`, { reason: '撤销' }, 200, undefined, { changes: { registry_history: 1, audit_log: 1 } }),
    shut('the model site again', `${site}/close`, { reason: '撤销' }, 409, 'place_closed'),
    patch('an edit of the closed model site', site, { name: '改' }, 409, 'place_closed'),
  );
  return cases;
}
