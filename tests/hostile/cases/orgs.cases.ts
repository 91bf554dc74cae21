import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { malformedBodies } from './bodies.cases.ts';
import { injections } from './queries.cases.ts';

const q = (value: string) => encodeURIComponent(value);

/**
 * Organizations: query strings, ids and bodies a careless client or an attacker sends to the
 * registry's organization endpoints, and writes outside the scope. None may answer 5xx or change
 * an organization, a member, its history or the audit log, except the few good writes that say so.
 */
export function orgCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const org = `/api/v1/orgs/${c.orgC}`;

  // the list
  const listing = 'GET /api/v1/orgs';
  const list = (
    name: string,
    query: string,
    status: HostileCase['status'],
    code?: string,
    as: HostileCase['as'] = 'admin',
    check?: HostileCase['check'],
  ): HostileCase => ({
    name: `${listing}: ${name}`,
    endpoint: listing,
    path: `/api/v1/orgs?${query}`,
    as,
    status,
    code,
    check,
  });
  const none: HostileCase['check'] = (a) => (a.text.includes('"orgs":[]') ? undefined : `expected no organizations, got ${a.text.slice(0, 200)}`);
  for (const bad of injections) {
    cases.push(list(`q ${JSON.stringify(bad)}`, `q=${q(bad)}`, bad === '\u0000' ? 400 : '2xx', bad === '\u0000' ? 'invalid_query' : undefined));
    cases.push(list(`area ${JSON.stringify(bad)}`, `area=${q(bad)}`, 400, 'invalid_query'));
  }
  cases.push(
    list('an unknown kind', 'kind=cell', 400, 'invalid_query'),
    list('an unknown sector', 'sector=army', 400, 'invalid_query'),
    list('an unknown status', 'status=deleted', 400, 'invalid_query'),
    list('limit 0', 'limit=0', 400, 'invalid_query'),
    list('limit 501', 'limit=501', 400, 'invalid_query'),
    list('limit in hex', 'limit=0x10', 400, 'invalid_query'),
    list('limit with an exponent', 'limit=1e2', 400, 'invalid_query'),
    list('after -1', 'after=-1', 400, 'invalid_query'),
    list('after of 20 digits', `after=${'9'.repeat(20)}`, 400, 'invalid_query'),
    list('parent neither an id nor root', 'parent=top', 400, 'invalid_query'),
    list('kind given twice', 'kind=branch&kind=group', 400, 'invalid_query'),
    list('q of 101 characters', `q=${q('组'.repeat(101))}`, 400, 'invalid_query'),
    list('a town out of scope (secretary): empty', `area=${c.townB}`, '2xx', undefined, 'secretaryC', none),
    list('root for a secretary', 'parent=root', '2xx', undefined, 'secretaryC'),
    list('a wall token', 'limit=1', 403, 'forbidden', 'wallA'),
    list('no credentials', 'limit=1', 401, 'unauthenticated', 'anonymous'),
  );

  // one record
  const reading = 'GET /api/v1/orgs/{id}';
  const read = (name: string, path: string, status: number, code: string, as: HostileCase['as'] = 'admin'): HostileCase => ({
    name: `${reading}: ${name}`,
    endpoint: reading,
    path,
    as,
    status,
    code,
  });
  cases.push(
    read('letters', '/api/v1/orgs/abc', 400, 'invalid_path'),
    read('a negative id', '/api/v1/orgs/-1', 400, 'invalid_path'),
    read('an exponent', '/api/v1/orgs/1e3', 400, 'invalid_path'),
    read('20 digits', `/api/v1/orgs/${'9'.repeat(20)}`, 400, 'invalid_path'),
    read('broken percent-encoding', '/api/v1/orgs/%E0%A4%A', 400, 'invalid_path'),
    read('no such organization', '/api/v1/orgs/999999999', 404, 'not_found'),
    read('out of scope (secretary)', `/api/v1/orgs/${c.orgB}`, 404, 'not_found', 'secretaryC'),
    read('a wall token', org, 403, 'forbidden', 'wallA'),
  );

  // writes
  const write = (
    endpoint: string,
    method: string,
    path: string,
    name: string,
    body: unknown,
    status: HostileCase['status'],
    code?: string,
    extra: Partial<HostileCase> = {},
  ): HostileCase => ({ name: `${endpoint}: ${name}`, endpoint, method, path, json: body, status, code, ...extra });
  /** The malformed bodies every write is sent, and a JSON array where an object belongs. */
  const raw = (endpoint: string, method: string, path: string): HostileCase[] => [
    ...malformedBodies(endpoint, path, 'admin', method),
    write(endpoint, method, path, 'a JSON array', [1, 2], 400, 'invalid_body'),
  ];

  const creating = 'POST /api/v1/orgs';
  const create = (name: string, body: Record<string, unknown>, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(creating, 'POST', '/api/v1/orgs', name, body, status, code, extra);
  const good = { name: '恶意输入党支部', kind: 'branch', sector: 'community', parent_id: c.orgC, area_code: c.communityC };
  cases.push(...raw(creating, 'POST', '/api/v1/orgs'));
  cases.push(
    create('no name', { ...good, name: undefined }, 400, 'invalid_body'),
    create('a name with NUL', { ...good, name: 'a\u0000b' }, 400, 'invalid_body'),
    create('a name of 101 characters', { ...good, name: '组'.repeat(101) }, 400, 'invalid_body'),
    create('a name of spaces', { ...good, name: '   ' }, 400, 'invalid_body'),
    create('an unknown kind', { ...good, kind: 'cell' }, 400, 'invalid_body'),
    create('an unknown field', { ...good, closed_on: '2026-01-01' }, 400, 'invalid_body'),
    create('parent_id as text', { ...good, parent_id: String(c.orgC) }, 400, 'invalid_body'),
    create('parent_id a fraction', { ...good, parent_id: 1.5 }, 400, 'invalid_body'),
    create('parent_id beyond 2^53', { ...good, parent_id: 2 ** 60 }, 400, 'invalid_body'),
    create('a position of one number', { ...good, position: [104] }, 400, 'invalid_body'),
    create('a position of strings', { ...good, position: ['104.7', '31.4'] }, 400, 'invalid_body'),
    create('a position beyond 180°', { ...good, position: [181, 31] }, 400, 'invalid_body'),
    create('founded on 30 February', { ...good, founded_on: '2021-02-30' }, 400, 'invalid_body'),
    create('founded in year 0', { ...good, founded_on: '0000-01-01' }, 400, 'invalid_body'),
    create('a grid code of letters', { ...good, grid_code: 'abcdefghijklmno' }, 400, 'invalid_body'),
    create('an area of 11 digits', { ...good, area_code: c.communityC.slice(0, 11) }, 400, 'invalid_body'),
    create('an area that does not exist', { ...good, area_code: '510703999999' }, 404, 'not_found'),
    create('an area out of scope (secretary)', { ...good, area_code: c.townB }, 404, 'not_found', { as: 'secretaryC' }),
    create('a parent out of scope (secretary)', { ...good, parent_id: c.orgB }, 404, 'not_found', { as: 'secretaryC' }),
    create('a branch without a parent', { ...good, parent_id: null }, 422, 'org_hierarchy'),
    create('a grid of another town (secretary)', { ...good, grid_code: c.gridB }, 404, 'not_found', { as: 'secretaryC' }),
    create('by a planner', good, 403, 'forbidden', { as: 'plannerA' }),
    create('without the CSRF token', good, 403, 'csrf_failed', { as: 'noCsrf' }),
    create('with a wall token', good, 403, 'forbidden', { as: 'wallA' }),
    create('an emoji name and a grid (fine)', { ...good, name: '🚩网格党支部', grid_code: c.gridC }, 201, undefined, {
      as: 'secretaryC',
      changes: { org: 1, registry_history: 1, audit_log: 1 },
    }),
  );
  for (const bad of injections.filter((i) => i !== '\u0000')) {
    cases.push(create(`a kind ${JSON.stringify(bad)}`, { ...good, kind: bad }, 400, 'invalid_body'));
    cases.push(create(`an area ${JSON.stringify(bad)}`, { ...good, area_code: bad }, 400, 'invalid_body'));
  }

  const editing = 'PATCH /api/v1/orgs/{id}';
  const patch = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(editing, 'PATCH', org, name, body, status, code, extra);
  cases.push(...raw(editing, 'PATCH', org));
  cases.push(
    patch('an empty body', {}, 400, 'invalid_body'),
    patch('only undefined fields', { name: undefined }, 400, 'invalid_body'),
    patch('a name of null', { name: null }, 400, 'invalid_body'),
    patch('an empty secretary', { secretary_name: '' }, 400, 'invalid_body'),
    patch('a kind (not editable)', { kind: 'group' }, 400, 'invalid_body'),
    patch('a parent (use move)', { parent_id: c.orgB }, 400, 'invalid_body'),
    patch('a position of three numbers', { position: [104.7, 31.4, 5] }, 400, 'invalid_body'),
    patch('a grid for a committee', { grid_code: c.gridC }, 422, 'org_grid_refused'),
    patch('an area out of scope (secretary)', { area_code: c.townB }, 404, 'not_found', { as: 'secretaryC' }),
    write(editing, 'PATCH', `/api/v1/orgs/${c.orgB}`, 'out of scope (secretary)', { name: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    write(editing, 'PATCH', '/api/v1/orgs/abc', 'a bad id', { name: 'x' }, 400, 'invalid_path'),
    patch('by a dispatcher', { name: 'x' }, 403, 'forbidden', { as: 'dispatcherA' }),
    patch('a secretary with an emoji (fine)', { secretary_name: '🙂书记' }, 200, undefined, {
      as: 'secretaryC',
      changes: { registry_history: 1, audit_log: 1 },
    }),
  );

  const moving = 'POST /api/v1/orgs/{id}/move';
  const move = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(moving, 'POST', `${org}/move`, name, body, status, code, extra);
  cases.push(...raw(moving, 'POST', `${org}/move`));
  cases.push(
    move('no parent', {}, 400, 'invalid_body'),
    move('a parent of null', { parent_id: null }, 400, 'invalid_body'),
    move('a parent as text', { parent_id: `${c.orgC}` }, 400, 'invalid_body'),
    move('under itself', { parent_id: c.orgC }, 422, 'org_hierarchy'),
    move('under a parent out of scope (secretary)', { parent_id: c.orgB }, 404, 'not_found', { as: 'secretaryC' }),
    move('under no such parent', { parent_id: 999_999_999 }, 404, 'not_found'),
    move('effective on 2026-13-01', { parent_id: c.orgB, effective_on: '2026-13-01' }, 400, 'invalid_body'),
    move('a reason of 501 characters', { parent_id: c.orgB, reason: '因'.repeat(501) }, 400, 'invalid_body'),
    write(moving, 'POST', `/api/v1/orgs/${c.orgB}/move`, 'out of scope (secretary)', { parent_id: c.orgC }, 404, 'not_found', { as: 'secretaryC' }),
    move('by a planner', { parent_id: c.orgB }, 403, 'forbidden', { as: 'plannerA' }),
  );

  const merging = 'POST /api/v1/orgs/{id}/merge';
  const merge = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(merging, 'POST', `${org}/merge`, name, body, status, code, extra);
  cases.push(...raw(merging, 'POST', `${org}/merge`));
  cases.push(
    merge('no reason', { into_id: c.orgB }, 400, 'invalid_body'),
    merge('no target', { reason: '合并' }, 400, 'invalid_body'),
    merge('a reason with NUL', { into_id: c.orgB, reason: 'a\u0000' }, 400, 'invalid_body'),
    merge('into itself', { into_id: c.orgC, reason: '合并' }, 422, 'org_hierarchy'),
    merge('into an organization out of scope (secretary)', { into_id: c.orgB, reason: '合并' }, 404, 'not_found', { as: 'secretaryC' }),
    write(merging, 'POST', `/api/v1/orgs/${c.orgB}/merge`, 'out of scope (secretary)', { into_id: c.orgC, reason: '合并' }, 404, 'not_found', {
      as: 'secretaryC',
    }),
    merge('by a dispatcher', { into_id: c.orgB, reason: '合并' }, 403, 'forbidden', { as: 'dispatcherA' }),
  );

  const closing = 'POST /api/v1/orgs/{id}/close';
  const close = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(closing, 'POST', `${org}/close`, name, body, status, code, extra);
  cases.push(...raw(closing, 'POST', `${org}/close`));
  cases.push(
    close('no reason', {}, 400, 'invalid_body'),
    close('an empty reason', { reason: '' }, 400, 'invalid_body'),
    close('effective on 30 February', { reason: '撤销', effective_on: '2026-02-30' }, 400, 'invalid_body'),
    close('merged_into slipped in', { reason: '撤销', merged_into: c.orgB }, 400, 'invalid_body'),
    close('with members and children', { reason: '撤销' }, 409, 'org_not_empty'),
    write(closing, 'POST', `/api/v1/orgs/${c.orgB}/close`, 'out of scope (secretary)', { reason: '撤销' }, 404, 'not_found', { as: 'secretaryC' }),
    close('by a planner', { reason: '撤销' }, 403, 'forbidden', { as: 'plannerA' }),
  );
  return cases;
}
