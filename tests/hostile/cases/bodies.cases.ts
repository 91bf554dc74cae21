import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';

const json = { 'content-type': 'application/json' };
const big = (n: number) => 'x'.repeat(n);

/** The same malformed bodies sent to every endpoint that takes one. */
export function malformedBodies(endpoint: string, path: string, as: HostileCase['as'], method = 'POST'): HostileCase[] {
  const gzip = gzipSync('{"a":1}');
  const variants: Array<[string, Omit<HostileCase, 'name' | 'endpoint' | 'path'>]> = [
    ['truncated JSON', { body: '{"a":', headers: json, status: 400, code: 'invalid_json' }],
    ['JSON null', { body: 'null', headers: json, status: 400, code: 'invalid_json' }],
    ['a JSON string', { body: '"text"', headers: json, status: 400, code: 'invalid_json' }],
    ['NaN in JSON', { body: '{"a": NaN}', headers: json, status: 400, code: 'invalid_json' }],
    ['a body over 100 kB', { body: JSON.stringify({ a: big(120_000) }), headers: json, status: 413, code: 'payload_too_large' }],
    ['a corrupt gzip body', { body: gzip.subarray(0, 12), headers: { ...json, 'content-encoding': 'gzip' }, status: 400, code: 'invalid_encoding' }],
    ['an unknown content encoding', { body: '{}', headers: { ...json, 'content-encoding': 'compress' }, status: 415, code: 'unsupported_encoding' }],
    ['JSON arrays nested 30,000 deep', { body: `${'['.repeat(30_000)}${']'.repeat(30_000)}`, headers: json, status: 400, code: 'invalid_body' }],
    ['a JSON array of 10,000 numbers', { body: JSON.stringify(Array.from({ length: 10_000 }, (_, i) => i)), headers: json, status: 400, code: 'invalid_body' }],
    ['a charset it cannot read', { body: '{}', headers: { 'content-type': 'application/json; charset=klingon' }, status: 415, code: 'unsupported_charset' }],
  ];
  return variants.map(([what, c]) => ({ name: `${endpoint}: ${what}`, endpoint, path, method, as, ...c }));
}

/** Request bodies: wrong types, missing and extra fields, bad numbers, control characters, encodings. */
export function bodyCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const post = (
    endpoint: string,
    path: string,
    name: string,
    body: unknown,
    status: HostileCase['status'],
    code?: string,
    extra: Partial<HostileCase> = {},
  ): HostileCase => ({ name: `${endpoint}: ${name}`, endpoint, path, method: 'POST', json: body, status, code, ...extra });

  // sign-in: every refused attempt counts towards the per-address limit (30), so fewer than 30 here
  const signIn = (name: string, body: unknown, status: number, code: string, extra: Partial<HostileCase> = {}) =>
    post('POST /api/v1/auth/sign-in', '/api/v1/auth/sign-in', name, body, status, code, { as: 'anonymous', ...extra });
  cases.push(...malformedBodies('POST /api/v1/auth/sign-in', '/api/v1/auth/sign-in', 'anonymous'));
  cases.push(
    signIn('a JSON array', [], 400, 'invalid_body'),
    signIn('no password', { username: 'admin' }, 400, 'invalid_body'),
    signIn('a numeric username', { username: 12345, password: 'x' }, 400, 'invalid_body'),
    signIn('a username with NUL', { username: 'adm\u0000in', password: 'x' }, 400, 'invalid_body'),
    signIn('a password with NUL', { username: 'nobody_here', password: 'pass\u0000word' }, 400, 'invalid_body'),
    signIn('a password with a lone surrogate', { username: 'nobody_here', password: 'pass\ud800' }, 400, 'invalid_body'),
    signIn('a password of 201 characters', { username: 'nobody_here', password: big(201) }, 400, 'invalid_body'),
    signIn('an SQL username', { username: "admin' --", password: 'x' }, 400, 'invalid_body'),
    signIn('a username of 51 characters', { username: 'a'.repeat(51), password: 'x' }, 400, 'invalid_body'),
    signIn('sent as a form', undefined, 400, 'invalid_body', {
      body: 'username=admin&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    signIn('an unknown user (audited as a failure)', { username: 'nobody_here', password: 'wrong password' }, 401, 'invalid_credentials', {
      changes: { audit_log: 1 },
    }),
    signIn('extra role and __proto__ fields are ignored', undefined, 401, 'invalid_credentials', {
      body: '{"username":"nobody_here","password":"wrong","role":"admin","__proto__":{"admin":true}}',
      headers: json,
      changes: { audit_log: 1 },
    }),
    signIn('Origin: null', { username: 'nobody_here', password: 'x' }, 403, 'csrf_failed', { headers: { origin: 'null' } }),
    signIn('an unparsable Origin', { username: 'nobody_here', password: 'x' }, 403, 'csrf_failed', { headers: { origin: 'http://[::1' } }),
    signIn('a foreign Origin', { username: 'nobody_here', password: 'x' }, 403, 'csrf_failed', { headers: { origin: 'https://evil.example' } }),
    signIn('a foreign Origin on the upper-case path', { username: 'nobody_here', password: 'x' }, 403, 'csrf_failed', {
      path: '/API/V1/AUTH/SIGN-IN',
      headers: { origin: 'https://evil.example' },
    }),
    signIn('Origin: null on the path with a trailing slash', { username: 'nobody_here', password: 'x' }, 403, 'csrf_failed', {
      path: '/api/v1/auth/sign-in/',
      headers: { origin: 'null' },
    }),
  );

  const users = '/api/v1/users';
  const user = (over: Record<string, unknown>) => ({
    username: `hostile_${randomUUID().slice(0, 8)}`,
    display_name: '恶意',
    password: 'a long enough password',
    role: 'planner',
    scope: c.townA,
    ...over,
  });
  cases.push(...malformedBodies('POST /api/v1/users', users, 'admin'));
  cases.push(
    post('POST /api/v1/users', users, 'no username', { ...user({}), username: undefined }, 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'a username with a path', user({ username: '../admin' }), 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'the wall role', user({ role: 'wall' }), 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'an unknown role', user({ role: 'superuser' }), 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'a password of 11 characters', user({ password: 'short passw' }), 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'a display name with NUL', user({ display_name: '张\u0000三' }), 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'a display name with an escape sequence', user({ display_name: '\u001b[2J张三' }), 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'a display name of 51 characters', user({ display_name: big(51) }), 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'a scope that is not an area code', user({ scope: "510703' or '1'='1" }), 400, 'invalid_body'),
    post('POST /api/v1/users', users, 'a scope that does not exist', user({ scope: '999999999999' }), 404, 'not_found'),
    post('POST /api/v1/users', users, "a scope outside the admin's (town A admin, town B)", user({ scope: c.townB }), 404, 'not_found', { as: 'adminA' }),
    post('POST /api/v1/users', users, 'a taken username', user({ username: c.adminUsername }), 409, 'conflict'),
    post('POST /api/v1/users', users, 'a display name with emoji and a rare ideograph is fine', user({ display_name: '张三😀𠀋' }), 201, undefined, {
      changes: { app_user: 1, user_role_grant: 1, audit_log: 1 },
    }),
  );

  const switching = 'PATCH /api/v1/users/{id}';
  const self = `/api/v1/users/${c.adminUserId}`;
  const patch = (name: string, path: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) => ({
    ...post(switching, path, name, body, status, code, extra),
    method: 'PATCH',
  });
  cases.push(...malformedBodies(switching, self, 'admin', 'PATCH'));
  cases.push(
    patch('switching off your own account', self, { disabled: true }, 409, 'conflict'),
    patch('disabled as text', self, { disabled: 'yes' }, 400, 'invalid_body'),
    patch('disabled as 1', self, { disabled: 1 }, 400, 'invalid_body'),
    patch('an empty body', self, {}, 400, 'invalid_body'),
    patch('a role slipped in', self, { disabled: false, role: 'admin' }, 400, 'invalid_body'),
    patch('an id that is not one', '/api/v1/users/abc', { disabled: true }, 400, 'invalid_path'),
    patch('an account that does not exist', '/api/v1/users/999999999', { disabled: true }, 404, 'not_found'),
    patch('as a dispatcher', self, { disabled: true }, 403, 'forbidden', { as: 'dispatcherA' }),
    patch('without the CSRF token', self, { disabled: true }, 403, 'csrf_failed', { as: 'noCsrf' }),
    patch('the county admin, as the town A admin', self, { disabled: true }, 404, 'not_found', { as: 'adminA' }),
  );

  const tokens = '/api/v1/wall-tokens';
  cases.push(...malformedBodies('POST /api/v1/wall-tokens', tokens, 'admin'));
  cases.push(
    post('POST /api/v1/wall-tokens', tokens, 'a name with NUL', { name: '大屏\u0000', scope: c.townA }, 400, 'invalid_body'),
    post('POST /api/v1/wall-tokens', tokens, 'a name with a bell', { name: '大屏\u0007', scope: c.townA }, 400, 'invalid_body'),
    post('POST /api/v1/wall-tokens', tokens, 'a name with a lone surrogate', { name: '\udfff大屏', scope: c.townA }, 400, 'invalid_body'),
    post('POST /api/v1/wall-tokens', tokens, 'a name of white space only', { name: ' \t ', scope: c.townA }, 400, 'invalid_body'),
    post('POST /api/v1/wall-tokens', tokens, 'a name of 101 characters', { name: big(101), scope: c.townA }, 400, 'invalid_body'),
    post('POST /api/v1/wall-tokens', tokens, 'a numeric name', { name: 42, scope: c.townA }, 400, 'invalid_body'),
    post('POST /api/v1/wall-tokens', tokens, 'no scope', { name: '大屏' }, 400, 'invalid_body'),
    post('POST /api/v1/wall-tokens', tokens, "a scope outside the admin's", { name: '大屏', scope: c.townB }, 404, 'not_found', { as: 'adminA' }),
    post('POST /api/v1/wall-tokens', tokens, 'a name with emoji is fine', { name: '指挥中心 📺', scope: c.townA }, 201, undefined, {
      changes: { wall_token: 1, audit_log: 1 },
    }),
  );

  const casesPath = '/api/v1/cases';
  const key = () => ({ 'idempotency-key': randomUUID() });
  const incident = (over: Record<string, unknown> = {}) => ({ kind: 'test', title: '恶意输入', ...c.pointC, ...over });
  const caseWrite = { case: 1, case_event: 1, outbox: 1, audit_log: 1 };
  const replayKey = randomUUID();
  const newCase = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    post('POST /api/v1/cases', casesPath, name, body, status, code, { headers: key(), ...extra });
  cases.push(...malformedBodies('POST /api/v1/cases', casesPath, 'admin').map((m) => ({ ...m, headers: { ...m.headers, ...key() } })));
  cases.push(
    newCase('no Idempotency-Key', incident(), 400, 'missing_idempotency_key', { headers: {} }),
    newCase('an Idempotency-Key of 201 characters', incident(), 400, 'missing_idempotency_key', { headers: { 'idempotency-key': big(201) } }),
    newCase('a blank Idempotency-Key', incident(), 400, 'missing_idempotency_key', { headers: { 'idempotency-key': '   ' } }),
    newCase('no title', incident({ title: undefined }), 400, 'invalid_body'),
    newCase('a numeric title', incident({ title: 7 }), 400, 'invalid_body'),
    newCase('a title with NUL', incident({ title: '井盖\u0000丢失' }), 400, 'invalid_body'),
    newCase('a title with a line break', incident({ title: '井盖\n丢失' }), 400, 'invalid_body'),
    newCase('a title with DEL', incident({ title: '井盖\u007f' }), 400, 'invalid_body'),
    newCase('a title with a C1 control', incident({ title: '井盖\u009b' }), 400, 'invalid_body'),
    newCase('a title with a lone surrogate', incident({ title: '\ud83d井盖' }), 400, 'invalid_body'),
    newCase('a title of 201 characters', incident({ title: big(201) }), 400, 'invalid_body'),
    newCase('a kind of 51 characters', incident({ kind: big(51) }), 400, 'invalid_body'),
    newCase('a description with NUL', incident({ description: 'a\u0000b' }), 400, 'invalid_body'),
    newCase('a description of 5001 characters', incident({ description: big(5001) }), 400, 'invalid_body'),
    newCase('lng as a string', incident({ lng: String(c.pointC.lng) }), 400, 'invalid_body'),
    newCase('lng 181', incident({ lng: 181 }), 400, 'invalid_body'),
    newCase('lat -91', incident({ lat: -91 }), 400, 'invalid_body'),
    newCase('lng 1e309 (Infinity once parsed)', undefined, 400, 'invalid_body', {
      body: `{"kind":"test","title":"x","lng":1e309,"lat":${c.pointC.lat}}`,
      headers: { ...json, ...key() },
    }),
    newCase('lat null', incident({ lat: null }), 400, 'invalid_body'),
    newCase('an unknown severity', incident({ severity: 'apocalyptic' }), 400, 'invalid_body'),
    newCase('a point in the ocean', incident({ lng: 150, lat: -30 }), 404, 'outside_territory'),
    newCase('a point in another town (town A admin)', incident(c.pointB), 404, 'outside_territory', { as: 'adminA' }),
    newCase('a JSON array', [incident()], 400, 'invalid_body'),
    newCase('an SQL title is stored as text', incident({ title: "'); drop table member; --" }), 201, undefined, { changes: caseWrite }),
    newCase('an emoji title is fine', incident({ title: '路面积水 🌊🚧' }), 201, undefined, { changes: caseWrite }),
    newCase(
      'extra fields (status, id, reported_by) are ignored',
      incident({ status: 'closed', id: 1, reported_by: 1, community_code: c.townB }),
      201,
      undefined,
      { changes: caseWrite, check: (a) => (/"status":"reported"/.test(a.text) ? undefined : 'an extra field took effect') },
    ),
    newCase('a new key', incident({ title: '重放' }), 201, undefined, { headers: { 'idempotency-key': replayKey }, changes: caseWrite }),
    newCase('the same key and body again replays the case', incident({ title: '重放' }), 200, undefined, { headers: { 'idempotency-key': replayKey } }),
    newCase('the same key with another body', incident({ title: '另一个' }), 422, 'idempotency_key_reused', { headers: { 'idempotency-key': replayKey } }),
  );

  // a case with an active dispatch: the body is checked before the conflict, and nothing is dispatched
  const dispatch = `/api/v1/cases/${c.caseA}/dispatch`;
  cases.push(...malformedBodies('POST /api/v1/cases/{id}/dispatch', dispatch, 'admin'));
  for (const [name, body] of [
    ['radius 10 m', { radius: 10 }],
    ['radius 1e6', { radius: 1e6 }],
    ['radius as a string', { radius: '1000' }],
    ['radius 1000.5', { radius: 1000.5 }],
    ['waveSize 0', { waveSize: 0 }],
    ['target -1', { target: -1 }],
    ['skills as a string', { skills: 'first_aid' }],
    ['eleven skills', { skills: Array.from({ length: 11 }, (_, i) => `s${'k'.repeat(i)}`) }],
    ['an injected skill', { skills: ["x'); delete from member; --"] }],
    ['alertTimeout 0', { alertTimeout: 0 }],
    ['maxRadius 50 km', { maxRadius: 50_000 }],
    ['a JSON array', [{ radius: 500 }]],
  ] as const) {
    cases.push(post('POST /api/v1/cases/{id}/dispatch', dispatch, name, body, 400, 'invalid_body'));
  }

  const addMember = `/api/v1/dispatches/${c.dispatchA}/members`;
  cases.push(...malformedBodies('POST /api/v1/dispatches/{id}/members', addMember, 'admin'));
  for (const [name, body] of [
    ['no member_id', {}],
    ['member_id as a string', { member_id: String(c.memberC) }],
    ['member_id -1', { member_id: -1 }],
    ['member_id 1.5', { member_id: 1.5 }],
    ['member_id null', { member_id: null }],
    ['member_id as an array', { member_id: [c.memberC] }],
  ] as const) {
    cases.push(post('POST /api/v1/dispatches/{id}/members', addMember, name, body, 400, 'invalid_body'));
  }
  cases.push(post('POST /api/v1/dispatches/{id}/members', addMember, 'member_id beyond the safe integers', { member_id: 2 ** 60 }, 400, 'invalid_body'));
  cases.push(post('POST /api/v1/dispatches/{id}/members', addMember, 'member_id of no member', { member_id: 999_999_999_999 }, 404, 'not_found'));
  cases.push(
    post('POST /api/m/{token}/{answer}', `/api/m${c.link}/accept`, 'a broken JSON body on a member link', undefined, 400, 'invalid_json', {
      as: 'anonymous',
      body: '{"x":',
      headers: json,
    }),
  );
  cases.push(
    post('POST /api/v1/cases/{id}/close', `/api/v1/cases/${c.caseB}/close`, 'a broken JSON body on close', undefined, 400, 'invalid_json', {
      body: '[',
      headers: json,
    }),
  );
  cases.push(
    post('POST /api/v1/dispatches/{id}/close', `/api/v1/dispatches/${c.dispatchB}/close`, 'a body too large on close', undefined, 413, 'payload_too_large', {
      body: JSON.stringify({ a: big(200_000) }),
      headers: json,
    }),
  );
  return cases;
}
