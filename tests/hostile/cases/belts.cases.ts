import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { malformedBodies } from './bodies.cases.ts';
import { injections } from './queries.cases.ts';

const q = (value: string) => encodeURIComponent(value);

/**
 * Model belts: sites that are no model sites, named twice or once, out of scope or unknown, widths
 * out of range, belts of another town, and callers without the right (a closed site: tests/belts). Refusals change no belt, site,
 * leg or audit record; the few legitimate writes declare theirs. The belt of community C is deleted last.
 */
export function beltCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const belt = `/api/v1/belts/${c.beltC}`;
  const [siteA, siteB] = c.beltSitesC;
  const good = { name: '恶意输入示范带', area_code: c.communityC, site_ids: [siteA, siteB], width_m: 300 };

  const listing = 'GET /api/v1/belts';
  const list = (name: string, query: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `${listing}: ${name}`,
    endpoint: listing,
    path: `/api/v1/belts?${query}`,
    status,
    code,
    ...extra,
  });
  for (const bad of injections) {
    cases.push(list(`q ${JSON.stringify(bad)}`, `q=${q(bad)}`, bad === '\u0000' ? 400 : '2xx', bad === '\u0000' ? 'invalid_query' : undefined));
    cases.push(list(`area ${JSON.stringify(bad)}`, `area=${q(bad)}`, 400, 'invalid_query'));
  }
  cases.push(
    list('limit 0', 'limit=0', 400, 'invalid_query'),
    list('limit 201', 'limit=201', 400, 'invalid_query'),
    list('limit with an exponent', 'limit=1e2', 400, 'invalid_query'),
    list('after of letters', 'after=abc', 400, 'invalid_query'),
    list('the area twice', `area=${c.communityC}&area=${c.townA}`, 400, 'invalid_query'),
    list('a name of 101 characters', `q=${q('带'.repeat(101))}`, 400, 'invalid_query'),
    list('a town out of scope, as the secretary: empty', `area=${c.townB}`, '2xx', undefined, {
      as: 'secretaryC',
      check: (a) => (a.text.includes('"belts":[]') ? undefined : `belts of town B answered: ${a.text.slice(0, 200)}`),
    }),
    list('a wall token', 'limit=1', 403, 'forbidden', { as: 'wallA' }),
    list('no credentials', 'limit=1', 401, 'unauthenticated', { as: 'anonymous' }),
  );

  const reading = 'GET /api/v1/belts/{id}';
  const read = (name: string, path: string, status: number, code: string, as: HostileCase['as'] = 'admin'): HostileCase => ({
    name: `${reading}: ${name}`,
    endpoint: reading,
    path,
    as,
    status,
    code,
  });
  cases.push(
    read('letters', '/api/v1/belts/abc', 400, 'invalid_path'),
    read('the preview path', '/api/v1/belts/preview', 400, 'invalid_path'),
    read('a negative id', '/api/v1/belts/-1', 400, 'invalid_path'),
    read('20 digits', `/api/v1/belts/${'9'.repeat(20)}`, 400, 'invalid_path'),
    read('no such belt', '/api/v1/belts/999999999', 404, 'not_found'),
    read('a belt of town B, as the secretary', `/api/v1/belts/${c.beltB}`, 404, 'not_found', 'secretaryC'),
    read('a wall token', belt, 403, 'forbidden', 'wallA'),
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

  /** What preview and create both refuse, with the body's other fields as `base`. */
  const siteRefusals = (endpoint: string, path: string, base: Record<string, unknown>): HostileCase[] => {
    const post = (name: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
      write(endpoint, 'POST', path, name, json, status, code, extra);
    return [
      ...malformedBodies(endpoint, path, 'admin'),
      post('a JSON array', [base], 400, 'invalid_body'),
      post('one site', { ...base, site_ids: [siteA] }, 400, 'invalid_body'),
      post('no sites', { ...base, site_ids: [] }, 400, 'invalid_body'),
      post('a site twice', { ...base, site_ids: [siteA, siteB, siteA] }, 400, 'invalid_body'),
      post('51 sites', { ...base, site_ids: Array.from({ length: 51 }, (_, i) => i + 1) }, 400, 'invalid_body'),
      post('site ids as strings', { ...base, site_ids: [String(siteA), String(siteB)] }, 400, 'invalid_body'),
      post('a fractional site id', { ...base, site_ids: [siteA, 1.5] }, 400, 'invalid_body'),
      post('site_ids as an object', { ...base, site_ids: { 0: siteA, 1: siteB } }, 400, 'invalid_body'),
      post('a width of 49 m', { ...base, width_m: 49 }, 400, 'invalid_body'),
      post('a width of 5001 m', { ...base, width_m: 5001 }, 400, 'invalid_body'),
      post('a fractional width', { ...base, width_m: 100.5 }, 400, 'invalid_body'),
      post('a width as a string', { ...base, width_m: '500' }, 400, 'invalid_body'),
      post('an 11-digit area', { ...base, area_code: c.communityC.slice(0, 11) }, 400, 'invalid_body'),
      post('an unknown field', { ...base, geom: 'LINESTRING(0 0, 1 1)' }, 400, 'invalid_body'),
      post('a site that does not exist', { ...base, site_ids: [siteA, 999_999_999] }, 404, 'not_found'),
      post('a model site of town B, as the secretary', { ...base, site_ids: [siteA, c.beltSiteB] }, 404, 'not_found', { as: 'secretaryC' }),
      post('an area of town B, as the secretary', { ...base, area_code: c.townB }, 404, 'not_found', { as: 'secretaryC' }),
      post('an area that does not exist', { ...base, area_code: '510703999001' }, 404, 'not_found'),
      post('a center household as a site', { ...base, site_ids: [siteA, c.householdC] }, 422, 'not_a_model_site'),
      post("a site outside the belt's area", { ...base, site_ids: [siteA, c.beltSiteB] }, 422, 'outside_area'),
      post('as a planner', base, 403, 'forbidden', { as: 'plannerA' }),
      post('as a dispatcher', base, 403, 'forbidden', { as: 'dispatcherA' }),
      post('with a wall token', base, 403, 'forbidden', { as: 'wallA' }),
      post('without the CSRF token', base, 403, 'csrf_failed', { as: 'noCsrf' }),
      ...injections.filter((i) => i !== '\u0000').map((bad) => post(`an area ${JSON.stringify(bad)}`, { ...base, area_code: bad }, 400, 'invalid_body')),
    ];
  };

  const previewing = 'POST /api/v1/belts/preview';
  const previewBody = { area_code: good.area_code, site_ids: good.site_ids, width_m: good.width_m };
  cases.push(...siteRefusals(previewing, '/api/v1/belts/preview', previewBody));
  cases.push(write(previewing, 'POST', '/api/v1/belts/preview', 'two sites of C (fine, writes nothing)', previewBody, 200, undefined, { as: 'secretaryC' }));

  const creating = 'POST /api/v1/belts';
  const create = (name: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(creating, 'POST', '/api/v1/belts', name, json, status, code, extra);
  cases.push(...siteRefusals(creating, '/api/v1/belts', good));
  cases.push(
    create('no name', { ...good, name: undefined }, 400, 'invalid_body'),
    create('a name of spaces', { ...good, name: '   ' }, 400, 'invalid_body'),
    create('a name with NUL', { ...good, name: 'a\u0000b' }, 400, 'invalid_body'),
    create('a name of 101 characters', { ...good, name: '带'.repeat(101) }, 400, 'invalid_body'),
    create('a description of 501 characters', { ...good, description: '述'.repeat(501) }, 400, 'invalid_body'),
    create('an emoji name and a multi-line description (fine)', { ...good, name: '🚩示范带', description: '第一行\n第二行' }, 201, undefined, {
      as: 'secretaryC',
      changes: { belt: 1, belt_site: 2, belt_leg: 1, audit_log: 1 },
    }),
  );

  const editing = 'PATCH /api/v1/belts/{id}';
  const patch = (name: string, path: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(editing, 'PATCH', path, name, json, status, code, extra);
  cases.push(...malformedBodies(editing, belt, 'admin', 'PATCH'));
  cases.push(
    patch('an empty edit', belt, {}, 400, 'invalid_body'),
    patch('a name of null', belt, { name: null }, 400, 'invalid_body'),
    patch('a width of 0', belt, { width_m: 0 }, 400, 'invalid_body'),
    patch('a width of 10 km', belt, { width_m: 10_000 }, 400, 'invalid_body'),
    patch('a new area (not editable)', belt, { area_code: c.townB }, 400, 'invalid_body'),
    patch('sites (use PUT …/sites)', belt, { site_ids: [siteB, siteA] }, 400, 'invalid_body'),
    patch('an id of letters', '/api/v1/belts/abc', { name: 'x' }, 400, 'invalid_path'),
    patch('no such belt', '/api/v1/belts/999999999', { name: 'x' }, 404, 'not_found'),
    patch('a belt of town B, as the secretary', `/api/v1/belts/${c.beltB}`, { name: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    patch('as a planner', belt, { name: '越权' }, 403, 'forbidden', { as: 'plannerA' }),
    patch('without the CSRF token', belt, { name: '越权' }, 403, 'csrf_failed', { as: 'noCsrf' }),
    patch('a wider corridor (fine)', belt, { width_m: 1000 }, 200, undefined, { as: 'secretaryC', changes: { audit_log: 1 } }),
    patch('the same width again (fine, writes nothing)', belt, { width_m: 1000 }, 200, undefined, { as: 'secretaryC' }),
  );

  const resiting = 'PUT /api/v1/belts/{id}/sites';
  const put = (name: string, path: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(resiting, 'PUT', path, name, json, status, code, extra);
  const sites = `${belt}/sites`;
  cases.push(...malformedBodies(resiting, sites, 'admin', 'PUT'));
  cases.push(
    put('a bare list', sites, [siteB, siteA], 400, 'invalid_body'),
    put('one site', sites, { site_ids: [siteA] }, 400, 'invalid_body'),
    put('a site twice', sites, { site_ids: [siteA, siteA] }, 400, 'invalid_body'),
    put('a width besides', sites, { site_ids: [siteB, siteA], width_m: 100 }, 400, 'invalid_body'),
    put('a center household', sites, { site_ids: [siteA, c.householdC] }, 422, 'not_a_model_site'),
    put('a model site of town B, as the secretary', sites, { site_ids: [siteA, c.beltSiteB] }, 404, 'not_found', { as: 'secretaryC' }),
    put("a site outside the belt's area", sites, { site_ids: [siteA, c.beltSiteB] }, 422, 'outside_area'),
    put('a belt of town B, as the secretary', `/api/v1/belts/${c.beltB}/sites`, { site_ids: [siteA, siteB] }, 404, 'not_found', { as: 'secretaryC' }),
    put('an id of 20 digits', `/api/v1/belts/${'9'.repeat(20)}/sites`, { site_ids: [siteA, siteB] }, 400, 'invalid_path'),
    put('as a dispatcher', sites, { site_ids: [siteB, siteA] }, 403, 'forbidden', { as: 'dispatcherA' }),
    put('the sites reversed (fine)', sites, { site_ids: [siteB, siteA] }, 200, undefined, { as: 'secretaryC', changes: { audit_log: 1 } }),
  );

  const deleting = 'DELETE /api/v1/belts/{id}';
  const del = (name: string, path: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `${deleting}: ${name}`,
    endpoint: deleting,
    method: 'DELETE',
    path,
    status,
    code,
    ...extra,
  });
  cases.push(
    del('letters', '/api/v1/belts/abc', 400, 'invalid_path'),
    del('no such belt', '/api/v1/belts/999999999', 404, 'not_found'),
    del('a belt of town B, as the secretary', `/api/v1/belts/${c.beltB}`, 404, 'not_found', { as: 'secretaryC' }),
    del('as a planner', belt, 403, 'forbidden', { as: 'plannerA' }),
    del('with a wall token', belt, 403, 'forbidden', { as: 'wallA' }),
    del('without the CSRF token', belt, 403, 'csrf_failed', { as: 'noCsrf' }),
    del('the belt of C (fine)', belt, 204, undefined, { as: 'secretaryC', changes: { belt: -1, belt_site: -2, belt_leg: -1, audit_log: 1 } }),
    del('the belt of C again', belt, 404, 'not_found', { as: 'secretaryC' }),
    patch('an edit of the deleted belt', belt, { name: '已删除' }, 404, 'not_found'),
  );
  return cases;
}
