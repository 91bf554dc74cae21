import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { injections } from './queries.cases.ts';

const json = { 'content-type': 'application/json' };

/**
 * The member registry: bodies a careless or hostile secretary sends to create, edit and move
 * members, credit points, review stars and change the rules: wrong types, out-of-range values,
 * control characters, unknown fields, organizations and members outside the scope. None may
 * write anything; the few legitimate ones declare the rows they add.
 */
export function memberRegistryCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const { lng, lat } = c.pointC;
  const member = `/api/v1/members/${c.memberC}`;
  const send = (
    endpoint: string,
    path: string,
    name: string,
    body: unknown,
    status: HostileCase['status'],
    code: string | undefined,
    extra: Partial<HostileCase> = {},
  ): HostileCase => ({ name: `${endpoint}: ${name}`, endpoint, path, method: endpoint.split(' ')[0], json: body, status, code, ...extra });

  // creating a member
  const create = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    send('POST /api/v1/members', '/api/v1/members', name, body, status, code, extra);
  const good = { name: '恶意输入', gender: 'male', org_id: 0, position: [lng, lat] };
  cases.push(
    create('no name', { gender: 'male', position: [lng, lat] }, 400, 'invalid_body'),
    create('a name with NUL', { ...good, name: 'a\u0000b' }, 400, 'invalid_body'),
    create('a name with a lone surrogate', { ...good, name: 'a\ud800' }, 400, 'invalid_body'),
    create('a name of 51 characters', { ...good, name: '党'.repeat(51) }, 400, 'invalid_body'),
    create('a gender that is not one', { ...good, gender: 'other' }, 400, 'invalid_body'),
    create('a longitude beyond 180°', { ...good, position: [181, lat] }, 400, 'invalid_body'),
    create('a position of strings', { ...good, position: [String(lng), String(lat)] }, 400, 'invalid_body'),
    create('a position with a third coordinate', { ...good, position: [lng, lat, 0] }, 400, 'invalid_body'),
    create('a position as an object', { ...good, position: { lng, lat } }, 400, 'invalid_body'),
    create('a phone with a letter', { ...good, phone: '1380000000a' }, 400, 'invalid_body'),
    create('eleven skills', { ...good, skills: Array.from({ length: 11 }, (_, i) => `s${'x'.repeat(i)}`) }, 400, 'invalid_body'),
    create('a skill in capitals', { ...good, skills: ['First_Aid'] }, 400, 'invalid_body'),
    create('an organization id as a string', { ...good, org_id: '1' }, 400, 'invalid_body'),
    create('an organization id beyond the safe integers', { ...good, org_id: 2 ** 60 }, 400, 'invalid_body'),
    create('a birth year of 1899', { ...good, org_id: c.orgB, birth_year: 1899 }, 400, 'invalid_body'),
    create('a joining day not in the calendar', { ...good, org_id: c.orgB, joined_on: '2026-02-30' }, 400, 'invalid_body'),
    create('stars set by hand', { ...good, org_id: c.orgB, stars: 5 }, 400, 'invalid_body'),
    create('points set by hand', { ...good, org_id: c.orgB, points: 500 }, 400, 'invalid_body'),
    create('an organization of no one', { ...good, org_id: 999_999_999 }, 404, 'not_found'),
    create('an organization outside the scope', { ...good, org_id: c.orgB }, 404, 'not_found', { as: 'secretaryC' }),
    create('by a planner', { ...good, org_id: c.orgB }, 403, 'forbidden', { as: 'plannerA' }),
    create('by a dispatcher', { ...good, org_id: c.orgB }, 403, 'forbidden', { as: 'dispatcherA' }),
    create('by a wall display', { ...good, org_id: c.orgB }, 403, 'forbidden', { as: 'wallA' }),
    create('without the CSRF token', { ...good, org_id: c.orgB }, 403, 'csrf_failed', { as: 'noCsrf' }),
    create('a home far outside the county', { ...good, org_id: c.orgB, position: [0, 0] }, 422, 'outside_territory'),
    create('sent as a form', undefined, 400, 'invalid_body', { body: 'name=x&gender=male', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    create('a JSON array', [], 400, 'invalid_body'),
    create('truncated JSON', undefined, 400, 'invalid_json', { body: '{"name":', headers: json }),
    create('an emoji and an SQL quote in the name are a name', { ...good, org_id: c.orgB, name: "O'Brien 🎉" }, '2xx', undefined, {
      changes: { member: 1, registry_history: 1, audit_log: 2 },
    }),
  );

  // editing a member
  const patch = (name: string, body: unknown, status: number, code: string, extra: Partial<HostileCase> = {}) =>
    send('PATCH /api/v1/members/{id}', member, name, body, status, code, extra);
  cases.push(
    patch('nothing to change', {}, 400, 'invalid_body'),
    patch('an unknown field', { stars: 5 }, 400, 'invalid_body'),
    patch('a null name', { name: null }, 400, 'invalid_body'),
    patch('a phone of 12 digits', { phone: '138000000001' }, 400, 'invalid_body'),
    patch('available as a string', { available: 'true' }, 400, 'invalid_body'),
    patch('a position with a NaN', { position: ['NaN', lat] }, 400, 'invalid_body'),
    patch('a home far outside the county', { position: [0, 0] }, 422, 'outside_territory'),
    patch('a member outside the scope', { available: false }, 404, 'not_found', { as: 'secretaryC', path: `/api/v1/members/${c.memberB}` }),
    patch('a member of no one', { available: false }, 404, 'not_found', { path: '/api/v1/members/999999999999' }),
    patch('an id in hex', { available: false }, 400, 'invalid_path', { path: '/api/v1/members/0x10' }),
    patch('by a dispatcher', { available: false }, 403, 'forbidden', { as: 'dispatcherA' }),
  );

  // movements
  const move = (path: string, name: string, body: unknown, status: number, code: string, extra: Partial<HostileCase> = {}) =>
    send(`POST /api/v1/members/{id}/${path}`, `${member}/${path}`, name, body, status, code, extra);
  cases.push(
    move('transfer', 'no organization', {}, 400, 'invalid_body'),
    move('transfer', 'an organization id as a string', { org_id: '1' }, 400, 'invalid_body'),
    move('transfer', 'a negative organization id', { org_id: -1 }, 400, 'invalid_body'),
    move('transfer', 'a reason of 501 characters', { org_id: c.orgB, reason: 'x'.repeat(501) }, 400, 'invalid_body'),
    move('transfer', 'a thirteenth month', { org_id: c.orgB, effective_on: '2026-13-01' }, 400, 'invalid_body'),
    move('transfer', 'a day before 2000', { org_id: c.orgB, effective_on: '1999-12-31' }, 400, 'invalid_body'),
    move('transfer', 'into an organization outside the scope', { org_id: c.orgB, reason: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    move('transfer', 'a member outside the scope', { org_id: c.orgB }, 404, 'not_found', { as: 'secretaryC', path: `/api/v1/members/${c.memberB}/transfer` }),
    move('transfer', 'into an organization of no one', { org_id: 999_999_999 }, 404, 'not_found'),
    move('transfer', 'by a planner', { org_id: c.orgB }, 403, 'forbidden', { as: 'plannerA' }),
    move('registration', 'an 11-digit community', { community_code: c.communityC.slice(0, 11) }, 400, 'invalid_body'),
    move('registration', 'a community that does not exist', { community_code: '510703999999' }, 404, 'not_found'),
    move('registration', 'a town instead of a community', { community_code: c.townA }, 404, 'not_found'),
    move('registration', 'an unknown field', { community_code: c.communityC, since: '2026-01-01' }, 400, 'invalid_body'),
    move('registration/end', 'of a member not registered', {}, 409, 'not_registered'),
    move('registration/end', 'a reason with NUL', { reason: 'a\u0000' }, 400, 'invalid_body'),
    move('registration/end', 'a member outside the scope', {}, 404, 'not_found', { as: 'secretaryC', path: `/api/v1/members/${c.memberB}/registration/end` }),
    move('mobile', 'neither an area nor words', {}, 400, 'invalid_body'),
    move('mobile', 'an area that does not exist', { area_code: '510703999999' }, 404, 'not_found'),
    move('mobile', 'whereabouts of 201 characters', { whereabouts: '地'.repeat(201) }, 400, 'invalid_body'),
    move('mobile', 'whereabouts with a line break', { whereabouts: 'a\nb' }, 400, 'invalid_body'),
    move('mobile', 'a since that is not a date', { whereabouts: '外地', since: 'yesterday' }, 400, 'invalid_body'),
    move('mobile/end', 'of a member not mobile', {}, 409, 'not_mobile'),
    move('mobile/end', 'an unknown field', { reason: 'x' }, 400, 'invalid_body'),
    move('leave', 'no reason', {}, 400, 'invalid_body'),
    move('leave', 'an empty reason', { reason: '   ' }, 400, 'invalid_body'),
    move('leave', 'a reason as a number', { reason: 42 }, 400, 'invalid_body'),
    move('leave', 'a member outside the scope', { reason: '越权' }, 404, 'not_found', { as: 'secretaryC', path: `/api/v1/members/${c.memberB}/leave` }),
    move('leave', 'by a wall display', { reason: 'x' }, 403, 'forbidden', { as: 'wallA' }),
  );
  for (const bad of injections) {
    cases.push(move('registration', `a community ${JSON.stringify(bad)}`, { community_code: bad }, 400, 'invalid_body'));
    cases.push(move('mobile', `an area ${JSON.stringify(bad)}`, { area_code: bad }, 400, 'invalid_body'));
  }

  // the points ledger
  const ledger = (name: string, status: HostileCase['status'], code: string | undefined, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `GET /api/v1/members/{id}/points: ${name}`,
    endpoint: 'GET /api/v1/members/{id}/points',
    path: `${member}/points`,
    status,
    code,
    ...extra,
  });
  cases.push(
    ledger('the ledger in scope', '2xx', undefined, { as: 'secretaryC' }),
    ledger('a member outside the scope', 404, 'not_found', { as: 'secretaryC', path: `/api/v1/members/${c.memberB}/points` }),
    ledger('an id with a fraction', 400, 'invalid_path', { path: '/api/v1/members/1.5/points' }),
    ledger('by a wall display', 403, 'forbidden', { as: 'wallA' }),
    ledger('by a planner', 403, 'forbidden', { as: 'plannerA' }),
  );
  const credit = (name: string, body: unknown, status: number, code: string, extra: Partial<HostileCase> = {}) =>
    move('points', name, body, status, code, extra);
  cases.push(
    credit('an opening balance by hand', { kind: 'opening', points: 5 }, 400, 'invalid_body'),
    credit('a dispatch credit by hand', { kind: 'dispatch_arrived' }, 400, 'invalid_body'),
    credit('zero points', { kind: 'activity', points: 0 }, 400, 'invalid_body'),
    credit('a fraction of a point', { kind: 'activity', points: 1.5 }, 400, 'invalid_body'),
    credit('1,001 points', { kind: 'service', points: 1001 }, 400, 'invalid_body'),
    credit('points as a string', { kind: 'service', points: '5' }, 400, 'invalid_body'),
    credit('an adjustment without a note', { kind: 'adjustment', points: 5 }, 400, 'invalid_body'),
    credit('an adjustment without points', { kind: 'adjustment', note: '更正' }, 400, 'invalid_body'),
    credit('a balance below zero', { kind: 'adjustment', points: -1000, note: '扣分' }, 422, 'balance_below_zero'),
    credit('an earned day not in the calendar', { kind: 'activity', earned_on: '2026-02-29' }, 400, 'invalid_body'),
    credit('a member outside the scope', { kind: 'activity' }, 404, 'not_found', { as: 'secretaryC', path: `/api/v1/members/${c.memberB}/points` }),
    credit('by a dispatcher', { kind: 'activity' }, 403, 'forbidden', { as: 'dispatcherA' }),
  );

  // the yearly star review
  const review = (name: string, body: unknown, status: HostileCase['status'], code: string | undefined, extra: Partial<HostileCase> = {}) =>
    send('POST /api/v1/members/star-review', '/api/v1/members/star-review', name, body, status, code, extra);
  cases.push(
    review('a year before 2000', { year: 1999, apply: false }, 400, 'invalid_body'),
    review('a year as a string', { year: '2026', apply: false }, 400, 'invalid_body'),
    review('no apply', { year: 2026 }, 400, 'invalid_body'),
    review('apply as a string', { year: 2026, apply: 'false' }, 400, 'invalid_body'),
    review('a fractional year', { year: 2026.5, apply: false }, 400, 'invalid_body'),
    review('by a planner', { year: 2026, apply: false }, 403, 'forbidden', { as: 'plannerA' }),
    review('a preview writes nothing', { year: 2026, apply: false }, '2xx', undefined, { as: 'secretaryC' }),
  );

  // the rules
  const rules = {
    points: { activity: 2, service: 5, wish: 3, dispatch_answered: 2, dispatch_arrived: 5 },
    stars: [
      { stars: 1, min_points: 0 },
      { stars: 2, min_points: 10 },
      { stars: 3, min_points: 30 },
      { stars: 4, min_points: 60 },
      { stars: 5, min_points: 100 },
    ],
  };
  const put = (name: string, body: unknown, status: HostileCase['status'], code: string | undefined, extra: Partial<HostileCase> = {}) =>
    send('PUT /api/v1/registry/rules', '/api/v1/registry/rules', name, body, status, code, extra);
  cases.push(
    {
      name: 'GET /api/v1/registry/rules: by a secretary',
      endpoint: 'GET /api/v1/registry/rules',
      path: '/api/v1/registry/rules',
      as: 'secretaryC',
      status: '2xx',
    },
    {
      name: 'GET /api/v1/registry/rules: by a wall display',
      endpoint: 'GET /api/v1/registry/rules',
      path: '/api/v1/registry/rules',
      as: 'wallA',
      status: 403,
      code: 'forbidden',
    },
    put('by a secretary', rules, 403, 'forbidden', { as: 'secretaryC' }),
    put('no star rule', { ...rules, stars: [] }, 400, 'invalid_body'),
    put('six stars', { ...rules, stars: [...rules.stars, { stars: 6, min_points: 200 }] }, 400, 'invalid_body'),
    put('negative minimum points', { ...rules, stars: [{ stars: 1, min_points: -1 }] }, 400, 'invalid_body'),
    put('zero points for a kind', { ...rules, points: { ...rules.points, activity: 0 } }, 400, 'invalid_body'),
    put('1,001 points for a kind', { ...rules, points: { ...rules.points, activity: 1001 } }, 400, 'invalid_body'),
    put('a kind missing', { ...rules, points: { activity: 2 } }, 400, 'invalid_body'),
    put('the opening balance as a kind', { ...rules, points: { ...rules.points, opening: 1 } }, 400, 'invalid_body'),
    put('sent with POST', rules, 404, 'not_found', { method: 'POST' }),
    put('the rules as they are, audited', rules, '2xx', undefined, { changes: { audit_log: 1 } }),
  );
  return cases;
}
