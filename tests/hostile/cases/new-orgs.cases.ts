import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { malformedBodies } from './bodies.cases.ts';
import { injections } from './queries.cases.ts';

const q = (value: string) => encodeURIComponent(value);

/**
 * New-type organizations (两新组织): lists, the rates, the tracking ledger, the towns' target days,
 * the rule, and the writes, sent what a careless client or an attacker sends. None may answer 5xx
 * or change a row, except the few good writes that say so. Runs in order: the good cover precedes
 * the good uncover of the same organization.
 */
export function newOrgCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const read = (endpoint: string, path: string, name: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `${endpoint}: ${name}`,
    endpoint,
    path,
    status,
    code,
    ...extra,
  });
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
  const raw = (endpoint: string, method: string, path: string): HostileCase[] => [
    ...malformedBodies(endpoint, path, 'admin', method),
    write(endpoint, method, path, 'a JSON array', [1, 2], 400, 'invalid_body'),
  ];
  const none =
    (key: string): HostileCase['check'] =>
    (a) =>
      a.text.includes(`"${key}":[]`) ? undefined : `expected no ${key}, got ${a.text.slice(0, 200)}`;

  // the list
  const listing = 'GET /api/v1/new-orgs';
  const list = (name: string, query: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    read(listing, `/api/v1/new-orgs?${query}`, name, status, code, extra);
  for (const bad of injections) {
    cases.push(list(`q ${JSON.stringify(bad)}`, `q=${q(bad)}`, bad === '\u0000' ? 400 : '2xx', bad === '\u0000' ? 'invalid_query' : undefined));
    cases.push(list(`area ${JSON.stringify(bad)}`, `area=${q(bad)}`, 400, 'invalid_query'));
    cases.push(list(`status ${JSON.stringify(bad)}`, `status=${q(bad)}`, 400, 'invalid_query'));
  }
  cases.push(
    list('an unknown kind', 'kind=state_owned', 400, 'invalid_query'),
    list('overdue as yes', 'overdue=yes', 400, 'invalid_query'),
    list('overdue given twice', 'overdue=true&overdue=false', 400, 'invalid_query'),
    list('limit 0', 'limit=0', 400, 'invalid_query'),
    list('limit 501', 'limit=501', 400, 'invalid_query'),
    list('limit in hex', 'limit=0x10', 400, 'invalid_query'),
    list('after -1', 'after=-1', 400, 'invalid_query'),
    list('after of 20 digits', `after=${'9'.repeat(20)}`, 400, 'invalid_query'),
    list('q of 101 characters', `q=${q('企'.repeat(101))}`, 400, 'invalid_query'),
    list('a credit code in lower case (fine)', 'q=91510703ma6abcde1x', '2xx'),
    list('a town out of scope (secretary): empty', `area=${c.townB}`, '2xx', undefined, { as: 'secretaryC', check: none('new_orgs') }),
    list('a wall token', 'limit=1', 403, 'forbidden', { as: 'wallA' }),
    list('no credentials', 'limit=1', 401, 'unauthenticated', { as: 'anonymous' }),
  );

  // one record
  const reading = 'GET /api/v1/new-orgs/{id}';
  cases.push(
    read(reading, '/api/v1/new-orgs/abc', 'letters', 400, 'invalid_path'),
    read(reading, '/api/v1/new-orgs/-1', 'a negative id', 400, 'invalid_path'),
    read(reading, '/api/v1/new-orgs/1e3', 'an exponent', 400, 'invalid_path'),
    read(reading, `/api/v1/new-orgs/${'9'.repeat(20)}`, '20 digits', 400, 'invalid_path'),
    read(reading, '/api/v1/new-orgs/%E0%A4%A', 'broken percent-encoding', 400, 'invalid_path'),
    read(reading, '/api/v1/new-orgs/999999999', 'no such organization', 404, 'not_found'),
    read(reading, `/api/v1/new-orgs/${c.newOrgB}`, 'out of scope (secretary)', 404, 'not_found', { as: 'secretaryC' }),
    read(reading, `/api/v1/new-orgs/${c.newOrgC}`, 'a wall token', 403, 'forbidden', { as: 'wallA' }),
  );

  // the rates
  const rating = 'GET /api/v1/new-orgs/rates';
  const rates = (name: string, query: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    read(rating, `/api/v1/new-orgs/rates?${query}`, name, status, code, extra);
  for (const bad of injections) cases.push(rates(`area ${JSON.stringify(bad)}`, `area=${q(bad)}`, 400, 'invalid_query'));
  cases.push(
    rates('an area of 11 digits', `area=${c.communityC.slice(0, 11)}`, 400, 'invalid_query'),
    rates('an area given twice', `area=${c.townA}&area=${c.townB}`, 400, 'invalid_query'),
    rates('an area that does not exist', 'area=510703999999', 404, 'not_found'),
    rates('a town out of scope (secretary)', `area=${c.townB}`, 404, 'not_found', { as: 'secretaryC' }),
    rates('the town above her community (secretary)', `area=${c.townA}`, 404, 'not_found', { as: 'secretaryC' }),
    rates('her own community, by default (secretary)', '', '2xx', undefined, { as: 'secretaryC' }),
    rates('a wall token', '', 403, 'forbidden', { as: 'wallA' }),
  );

  // the tracking ledger
  const tracking = 'GET /api/v1/new-orgs/tracking';
  const ledger = (name: string, query: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    read(tracking, `/api/v1/new-orgs/tracking?${query}`, name, status, code, extra);
  cases.push(
    ledger('an unknown state', 'state=deleted', 400, 'invalid_query'),
    ledger('an injected state', `state=${q("open' or 1=1--")}`, 400, 'invalid_query'),
    ledger('overdue as 1', 'overdue=1', 400, 'invalid_query'),
    ledger('an unknown kind', 'kind=party', 400, 'invalid_query'),
    ledger('limit 0', 'limit=0', 400, 'invalid_query'),
    ledger('after in hex', 'after=0x1', 400, 'invalid_query'),
    ledger('an area of letters', 'area=abcdefghijkl', 400, 'invalid_query'),
    ledger('every state (fine)', 'state=all&overdue=false&limit=500', '2xx'),
    ledger('a town out of scope (secretary): empty', `area=${c.townB}`, '2xx', undefined, { as: 'secretaryC', check: none('entries') }),
    ledger('a wall token', '', 403, 'forbidden', { as: 'wallA' }),
  );

  // the towns' target days
  const targeting = 'PUT /api/v1/new-orgs/targets/{town}';
  const townA = `/api/v1/new-orgs/targets/${c.townA}`;
  const target = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(targeting, 'PUT', townA, name, body, status, code, extra);
  cases.push(...raw(targeting, 'PUT', townA));
  cases.push(
    target('no target_on', {}, 400, 'invalid_body'),
    target('target_on of 30 February', { target_on: '2027-02-30' }, 400, 'invalid_body'),
    target('target_on in year 0', { target_on: '0000-01-01' }, 400, 'invalid_body'),
    target('target_on as a number', { target_on: 20270101 }, 400, 'invalid_body'),
    target('target_on with a time', { target_on: '2027-01-01T00:00:00Z' }, 400, 'invalid_body'),
    target('an unknown field', { target_on: '2027-01-01', town_code: c.townB }, 400, 'invalid_body'),
    write(targeting, 'PUT', `/api/v1/new-orgs/targets/${c.communityC}`, 'a community for a town', { target_on: '2027-01-01' }, 400, 'invalid_path'),
    write(targeting, 'PUT', `/api/v1/new-orgs/targets/${c.townA.slice(0, 6)}000000`, 'the county for a town', { target_on: '2027-01-01' }, 400, 'invalid_path'),
    write(targeting, 'PUT', '/api/v1/new-orgs/targets/abc', 'letters', { target_on: '2027-01-01' }, 400, 'invalid_path'),
    write(
      targeting,
      'PUT',
      `/api/v1/new-orgs/targets/${c.townA.slice(0, 6)}999000`,
      'a town that does not exist',
      { target_on: '2027-01-01' },
      404,
      'not_found',
    ),
    target('the town above her community (secretary)', { target_on: '2027-01-01' }, 404, 'not_found', { as: 'secretaryC' }),
    write(targeting, 'PUT', `/api/v1/new-orgs/targets/${c.townB}`, 'a town out of scope (admin of town A)', { target_on: '2027-01-01' }, 404, 'not_found', {
      as: 'adminA',
    }),
    target('by a planner', { target_on: '2027-01-01' }, 403, 'forbidden', { as: 'plannerA' }),
    target('without the CSRF token', { target_on: '2027-01-01' }, 403, 'csrf_failed', { as: 'noCsrf' }),
    target('a day (fine)', { target_on: '2027-06-30' }, 200, undefined, { changes: { new_org_target: 1, audit_log: 1 } }),
    target('the same day again (fine, nothing written)', { target_on: '2027-06-30' }, 200),
    target('cleared (fine)', { target_on: null }, 200, undefined, { changes: { new_org_target: -1, audit_log: 1 } }),
  );

  // the rule
  const ruleGet = 'GET /api/v1/new-orgs/rule';
  const rulePut = 'PUT /api/v1/new-orgs/rule';
  const rule = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(rulePut, 'PUT', '/api/v1/new-orgs/rule', name, body, status, code, extra);
  cases.push(
    read(ruleGet, '/api/v1/new-orgs/rule', 'a wall token', 403, 'forbidden', { as: 'wallA' }),
    read(ruleGet, '/api/v1/new-orgs/rule', 'a planner (fine)', '2xx', undefined, { as: 'plannerA' }),
    ...raw(rulePut, 'PUT', '/api/v1/new-orgs/rule'),
    rule('zero members', { own_branch_min_members: 0 }, 400, 'invalid_body'),
    rule('51 members', { own_branch_min_members: 51 }, 400, 'invalid_body'),
    rule('a fraction', { own_branch_min_members: 2.5 }, 400, 'invalid_body'),
    rule('as text', { own_branch_min_members: '3' }, 400, 'invalid_body'),
    rule('an unknown field', { own_branch_min_members: 3, updated_by: 1 }, 400, 'invalid_body'),
    rule('by a secretary', { own_branch_min_members: 3 }, 403, 'forbidden', { as: 'secretaryC' }),
    rule('the rule as it is (fine)', { own_branch_min_members: 3 }, 200, undefined, { changes: { audit_log: 1 } }),
  );

  // creating
  const creating = 'POST /api/v1/new-orgs';
  const good = {
    kind: 'enterprise',
    name: '恶意输入科技有限公司',
    area_code: c.communityC,
    staff_count: 12,
    member_count: 1,
    position: [c.pointC.lng, c.pointC.lat],
  };
  const create = (name: string, body: Record<string, unknown>, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(creating, 'POST', '/api/v1/new-orgs', name, body, status, code, extra);
  cases.push(...raw(creating, 'POST', '/api/v1/new-orgs'));
  cases.push(
    create('no name', { ...good, name: undefined }, 400, 'invalid_body'),
    create('a name with NUL', { ...good, name: 'a\u0000b' }, 400, 'invalid_body'),
    create('a name of 101 characters', { ...good, name: '企'.repeat(101) }, 400, 'invalid_body'),
    create('an unknown kind', { ...good, kind: 'state_owned' }, 400, 'invalid_body'),
    create('more members than staff', { ...good, member_count: 13 }, 400, 'invalid_body'),
    create('negative staff', { ...good, staff_count: -1 }, 400, 'invalid_body'),
    create('staff as a fraction', { ...good, staff_count: 1.5 }, 400, 'invalid_body'),
    create('staff beyond 2^53', { ...good, staff_count: 2 ** 60 }, 400, 'invalid_body'),
    create('a credit code of 17 characters', { ...good, credit_code: '91510703MA6ABCDE1' }, 400, 'invalid_body'),
    create('a credit code with lower case', { ...good, credit_code: '91510703ma6abcde1x' }, 400, 'invalid_body'),
    create('a coverage slipped in', { ...good, coverage_mode: 'own_branch' }, 400, 'invalid_body'),
    create('a position beyond 90°', { ...good, position: [104, 91] }, 400, 'invalid_body'),
    create('registered on 30 February', { ...good, registered_on: '2024-02-30' }, 400, 'invalid_body'),
    create('a town for its area', { ...good, area_code: c.townA }, 400, 'invalid_body'),
    create('an area that does not exist', { ...good, area_code: '510703999999' }, 404, 'not_found'),
    create('an area out of scope (secretary)', { ...good, area_code: c.townB }, 404, 'not_found', { as: 'secretaryC' }),
    create('a position outside the area', { ...good, position: [c.pointB.lng, c.pointB.lat] }, 422, 'outside_area'),
    create('by a dispatcher', good, 403, 'forbidden', { as: 'dispatcherA' }),
    create('with a wall token', good, 403, 'forbidden', { as: 'wallA' }),
    create('without the CSRF token', good, 403, 'csrf_failed', { as: 'noCsrf' }),
    create('an emoji name (fine)', { ...good, name: '🚩两新组织' }, 201, undefined, {
      as: 'secretaryC',
      changes: { new_org: 1, new_org_tracking: 1, registry_history: 1, audit_log: 1 },
    }),
  );
  for (const bad of injections.filter((i) => i !== '\u0000')) {
    cases.push(create(`a kind ${JSON.stringify(bad)}`, { ...good, kind: bad }, 400, 'invalid_body'));
    cases.push(create(`an area ${JSON.stringify(bad)}`, { ...good, area_code: bad }, 400, 'invalid_body'));
  }

  // editing
  const editing = 'PATCH /api/v1/new-orgs/{id}';
  const org = `/api/v1/new-orgs/${c.newOrgC}`;
  const patch = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(editing, 'PATCH', org, name, body, status, code, extra);
  cases.push(...raw(editing, 'PATCH', org));
  cases.push(
    patch('an empty body', {}, 400, 'invalid_body'),
    patch('a name of null', { name: null }, 400, 'invalid_body'),
    patch('a kind (not editable)', { kind: 'social_org' }, 400, 'invalid_body'),
    patch('an area (not editable)', { area_code: c.communityC }, 400, 'invalid_body'),
    patch('a coverage (use cover)', { coverage_mode: 'instructor' }, 400, 'invalid_body'),
    patch('members beyond the staff', { member_count: 1_000_000 }, 400, 'invalid_body'),
    patch('no staff left for its members', { staff_count: 0 }, 400, 'invalid_body'),
    patch('a position outside its area', { position: [c.pointB.lng, c.pointB.lat] }, 422, 'outside_area'),
    write(editing, 'PATCH', `/api/v1/new-orgs/${c.newOrgB}`, 'out of scope (secretary)', { name: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    write(editing, 'PATCH', '/api/v1/new-orgs/abc', 'a bad id', { name: 'x' }, 400, 'invalid_path'),
    patch('by a planner', { name: 'x' }, 403, 'forbidden', { as: 'plannerA' }),
    patch('an emoji name (fine)', { name: '🙂有限公司' }, 200, undefined, { as: 'secretaryC', changes: { registry_history: 1, audit_log: 1 } }),
  );

  // covering (销号) and uncovering (挂号)
  const covering = 'POST /api/v1/new-orgs/{id}/cover';
  const cover = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(covering, 'POST', `${org}/cover`, name, body, status, code, extra);
  cases.push(...raw(covering, 'POST', `${org}/cover`));
  cases.push(
    cover('no mode', { covering_org_id: c.orgC }, 400, 'invalid_body'),
    cover('an unknown mode', { mode: 'party_group', covering_org_id: c.orgC }, 400, 'invalid_body'),
    cover('own branch without an organization', { mode: 'own_branch' }, 400, 'invalid_body'),
    cover('an instructor without a name', { mode: 'instructor' }, 400, 'invalid_body'),
    cover('an instructor with NUL', { mode: 'instructor', instructor_name: '李\u0000' }, 400, 'invalid_body'),
    cover('an instructor of 51 characters', { mode: 'instructor', instructor_name: '李'.repeat(51) }, 400, 'invalid_body'),
    cover('a joint branch with an instructor', { mode: 'joint_branch', covering_org_id: c.orgC, instructor_name: '李' }, 400, 'invalid_body'),
    cover('the organization as text', { mode: 'joint_branch', covering_org_id: String(c.orgC) }, 400, 'invalid_body'),
    cover('covered on a day to come', { mode: 'joint_branch', covering_org_id: c.orgC, covered_on: '2099-01-01' }, 400, 'invalid_body'),
    cover('covered on 31 April', { mode: 'joint_branch', covering_org_id: c.orgC, covered_on: '2026-04-31' }, 400, 'invalid_body'),
    cover('no such organization', { mode: 'joint_branch', covering_org_id: 999_999_999 }, 404, 'not_found'),
    cover('an organization out of scope (secretary)', { mode: 'joint_branch', covering_org_id: c.orgB }, 404, 'not_found', { as: 'secretaryC' }),
    write(
      covering,
      'POST',
      `/api/v1/new-orgs/${c.newOrgB}/cover`,
      'out of scope (secretary)',
      { mode: 'instructor', instructor_name: '越权' },
      404,
      'not_found',
      {
        as: 'secretaryC',
      },
    ),
    write(
      covering,
      'POST',
      '/api/v1/new-orgs/999999999/cover',
      'no such new-type organization',
      { mode: 'instructor', instructor_name: '李' },
      404,
      'not_found',
    ),
    cover('by a dispatcher', { mode: 'instructor', instructor_name: '李' }, 403, 'forbidden', { as: 'dispatcherA' }),
    cover('without the CSRF token', { mode: 'instructor', instructor_name: '李' }, 403, 'csrf_failed', { as: 'noCsrf' }),
    cover('a joint branch (fine: its entry closes, none is removed)', { mode: 'joint_branch', covering_org_id: c.orgC }, 200, undefined, {
      as: 'secretaryC',
      changes: { registry_history: 1, audit_log: 1 },
    }),
    cover('the same coverage again (fine, nothing written)', { mode: 'joint_branch', covering_org_id: c.orgC }, 200, undefined, { as: 'secretaryC' }),
  );

  const uncovering = 'POST /api/v1/new-orgs/{id}/uncover';
  const uncover = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(uncovering, 'POST', `${org}/uncover`, name, body, status, code, extra);
  cases.push(...raw(uncovering, 'POST', `${org}/uncover`));
  cases.push(
    uncover('no reason', {}, 400, 'invalid_body'),
    uncover('a reason of spaces', { reason: '   ' }, 400, 'invalid_body'),
    uncover('a reason of 501 characters', { reason: '因'.repeat(501) }, 400, 'invalid_body'),
    uncover('effective on a day to come', { reason: '撤销', effective_on: '2099-01-01' }, 400, 'invalid_body'),
    uncover('effective before it was covered', { reason: '撤销', effective_on: '2001-01-01' }, 400, 'invalid_body'),
    write(uncovering, 'POST', `/api/v1/new-orgs/${c.newOrgB}/uncover`, 'out of scope (secretary)', { reason: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    write(uncovering, 'POST', `/api/v1/new-orgs/${c.newOrgB}/uncover`, 'not covered', { reason: '撤销' }, 409, 'conflict'),
    uncover('by a planner', { reason: '撤销' }, 403, 'forbidden', { as: 'plannerA' }),
    uncover('the joint branch dissolved (fine: tracked again)', { reason: '联合党支部撤销' }, 200, undefined, {
      as: 'secretaryC',
      changes: { new_org_tracking: 1, registry_history: 1, audit_log: 1 },
    }),
    uncover('uncovered twice', { reason: '撤销' }, 409, 'conflict'),
  );
  return cases;
}
