import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { malformedBodies } from './bodies.cases.ts';
import { injections } from './queries.cases.ts';

const list = 'GET /api/v1/wishes';
const read = 'GET /api/v1/wishes/{id}';
const create = 'POST /api/v1/wishes';
const update = 'PATCH /api/v1/wishes/{id}';
const withdraw = 'POST /api/v1/wishes/{id}/withdraw';
const issueLink = 'POST /api/v1/members/{id}/link';
const memberPage = 'GET /api/m/{token}/wishes';
const claim = 'POST /api/m/{token}/wishes/{id}/claim';
const fulfil = 'POST /api/m/{token}/wishes/{id}/fulfil';

/**
 * 微心愿: filters and bodies a careless client sends, wishes out of scope, callers without the
 * right, and a member's link that is forged, expired or aimed at a wish that is not theirs.
 * Refusals change nothing; the legitimate writes declare their audit and ledger rows, and the
 * member's fulfilment credits the points once.
 */
export function wishCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const here = [c.pointC.lng, c.pointC.lat];
  const away = [c.pointB.lng, c.pointB.lat];
  const open = `/api/v1/wishes/${c.wishOpenC}`;
  const m = `/api${c.link}/wishes`;

  const query = (name: string, qs: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `${list}: ${name}`,
    endpoint: list,
    path: `/api/v1/wishes?${qs}`,
    status,
    code,
    ...extra,
  });
  cases.push(
    query('an unknown status', 'status=lost', 400, 'invalid_query'),
    query('limit 0', 'limit=0', 400, 'invalid_query'),
    query('limit 501', 'limit=501', 400, 'invalid_query'),
    query('after of letters', 'after=abc', 400, 'invalid_query'),
    query('an 11-digit area', `area=${c.communityC.slice(0, 11)}`, 400, 'invalid_query'),
    query('an inverted bbox', `bbox=${here[0]! + 0.01},${here[1]},${here[0]},${here[1]! + 0.01}`, 400, 'invalid_query'),
    query('a search of 101 characters', `q=${encodeURIComponent('愿'.repeat(101))}`, 400, 'invalid_query'),
    query('the status twice', 'status=open&status=claimed', 400, 'invalid_query'),
    query('an area out of scope, as the secretary', `area=${c.townB}`, '2xx', undefined, {
      as: 'secretaryC',
      check: (a) => (JSON.parse(a.text).wishes.length === 0 ? undefined : 'wishes of town B answered'),
    }),
    query("a resident's name, as a planner", `q=${encodeURIComponent('钱七')}`, '2xx', undefined, {
      as: 'plannerA',
      check: (a) => (JSON.parse(a.text).wishes.length === 0 ? undefined : "a planner found a wish by the resident's name"),
    }),
    query('a wall token', 'status=open', 403, 'forbidden', { as: 'wallA' }),
    query('no credentials', 'status=open', 401, 'unauthenticated', { as: 'anonymous' }),
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
    get('an id of letters', '/api/v1/wishes/abc', 400, 'invalid_path'),
    get('an id of 20 digits', '/api/v1/wishes/99999999999999999999', 400, 'invalid_path'),
    get('an id that does not exist', '/api/v1/wishes/999999999', 404, 'not_found'),
    get('a wish of town B, as the secretary', `/api/v1/wishes/${c.wishB}`, 404, 'not_found', { as: 'secretaryC' }),
    get('a wish, as a dispatcher (no resident name)', `/api/v1/wishes/${c.wishC}`, '2xx', undefined, {
      as: 'dispatcherA',
      check: (a) => (JSON.parse(a.text).resident_name === null ? undefined : "a dispatcher read a resident's name"),
    }),
    get('a wall token', `/api/v1/wishes/${c.wishC}`, 403, 'forbidden', { as: 'wallA' }),
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
    write(create, 'POST', '/api/v1/wishes', name, json, status, code, extra);
  const wish = { title: '心愿', position: here };
  cases.push(...malformedBodies(create, '/api/v1/wishes', 'admin'));
  cases.push(
    post('a JSON array', [wish], 400, 'invalid_body'),
    post('no title', { position: here }, 400, 'invalid_body'),
    post('a title of 201 characters', { ...wish, title: '愿'.repeat(201) }, 400, 'invalid_body'),
    post('a title with NUL', { ...wish, title: 'a\u0000b' }, 400, 'invalid_body'),
    post('a resident name with a lone surrogate', { ...wish, resident_name: 'a\ud800' }, 400, 'invalid_body'),
    post('neither position nor place', { title: '心愿' }, 400, 'invalid_body'),
    post('both position and place', { ...wish, place_id: c.siteC }, 400, 'invalid_body'),
    post('an area with a place', { title: '心愿', place_id: c.siteC, area_code: c.communityC }, 400, 'invalid_body'),
    post('a place id as a string', { title: '心愿', place_id: String(c.siteC) }, 400, 'invalid_body'),
    post('a position of strings', { ...wish, position: here.map(String) }, 400, 'invalid_body'),
    post('a latitude of 91', { ...wish, position: [here[0], 91] }, 400, 'invalid_body'),
    post('a status', { ...wish, status: 'fulfilled' }, 400, 'invalid_body'),
    post('a position in town B, as the secretary', { ...wish, position: away }, 404, 'not_found', { as: 'secretaryC' }),
    post('a position outside the area given', { ...wish, area_code: c.communityC, position: away }, 422, 'outside_area'),
    post('a position at sea', { ...wish, position: [0, 0] }, 422, 'outside_territory'),
    post('a place of town B, as the secretary', { title: '心愿', place_id: c.placeB }, 404, 'not_found', { as: 'secretaryC' }),
    post("a center household (a member's home)", { title: '心愿', place_id: c.householdC }, 422, 'place_is_a_home'),
    post('as a planner', wish, 403, 'forbidden', { as: 'plannerA' }),
    post('as a dispatcher', wish, 403, 'forbidden', { as: 'dispatcherA' }),
    post('without the CSRF token', wish, 403, 'csrf_failed', { as: 'noCsrf' }),
    post('an emoji title (legitimate)', { ...wish, title: '心愿 🎁' }, 201, undefined, { changes: { wish: 1, audit_log: 1 } }),
  );
  for (const bad of injections) cases.push(post(`an area ${JSON.stringify(bad)}`, { ...wish, area_code: bad }, 400, 'invalid_body'));

  const patch = (name: string, path: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(update, 'PATCH', path, name, json, status, code, extra);
  cases.push(...malformedBodies(update, open, 'admin', 'PATCH'));
  cases.push(
    patch('an empty edit', open, {}, 400, 'invalid_body'),
    patch('a null title', open, { title: null }, 400, 'invalid_body'),
    patch('a new position', open, { position: here }, 400, 'invalid_body'),
    patch('a new status', open, { status: 'fulfilled' }, 400, 'invalid_body'),
    patch('a wish of town B, as the secretary', `/api/v1/wishes/${c.wishB}`, { title: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    patch('an id of letters', '/api/v1/wishes/abc', { title: 'x' }, 400, 'invalid_path'),
    patch('as a planner', open, { title: '越权' }, 403, 'forbidden', { as: 'plannerA' }),
    patch('a retitle with emoji (legitimate)', open, { title: '心愿 ✨' }, 200, undefined, { changes: { audit_log: 1 } }),
    patch('the same title again (no change, no record)', open, { title: '心愿 ✨' }, 200),
  );

  const link = (name: string, path: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(issueLink, 'POST', path, name, undefined, status, code, extra);
  cases.push(
    link('an id of letters', '/api/v1/members/abc/link', 400, 'invalid_path'),
    link('a member that does not exist', '/api/v1/members/999999999/link', 404, 'not_found'),
    link('a member of town B, as the secretary', `/api/v1/members/${c.memberB}/link`, 404, 'not_found', { as: 'secretaryC' }),
    link('as a planner', `/api/v1/members/${c.alertedMemberA}/link`, 403, 'forbidden', { as: 'plannerA' }),
    link('as a dispatcher', `/api/v1/members/${c.alertedMemberA}/link`, 403, 'forbidden', { as: 'dispatcherA' }),
    link('without the CSRF token', `/api/v1/members/${c.alertedMemberA}/link`, 403, 'csrf_failed', { as: 'noCsrf' }),
    link('a member in scope (legitimate, audited)', `/api/v1/members/${c.alertedMemberA}/link`, 201, undefined, {
      changes: { audit_log: 1 },
      check: (a) => (a.headers['cache-control'] === 'no-store' ? undefined : 'a personal link without no-store'),
    }),
  );

  const pageCase = (name: string, path: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `${memberPage}: ${name}`,
    endpoint: memberPage,
    path,
    as: 'anonymous',
    status,
    code,
    ...extra,
  });
  cases.push(
    pageCase('the alert link (no session needed)', m, '2xx', undefined, {
      check: (a) => {
        if (a.headers['cache-control'] !== 'no-store') return 'a member page without no-store';
        return a.text.includes('钱七') ? "the resident's full name on a member's page" : undefined;
      },
    }),
    pageCase('a forged signature', `/api${c.forgedLink}/wishes`, 404, 'not_found'),
    pageCase('an expired link', `/api${c.expiredLink}/wishes`, 410, 'link_expired'),
    pageCase('no signature', `/api${c.link.split('.')[0]}/wishes`, 404, 'not_found'),
    pageCase('a token of 600 characters', `/api/m/${'A'.repeat(600)}/wishes`, 400, 'invalid_path'),
    pageCase('NUL in the token', '/api/m/%00.%00/wishes', 404, 'not_found'),
  );

  const member = (
    endpoint: string,
    name: string,
    path: string,
    json: unknown,
    status: HostileCase['status'],
    code?: string,
    extra: Partial<HostileCase> = {},
  ) => write(endpoint, 'POST', path, name, json, status, code, { as: 'anonymous', ...extra });
  const claimOf = (id: number | string) => `${m}/${id}/claim`;
  const fulfilOf = (id: number | string) => `${m}/${id}/fulfil`;
  cases.push(
    member(claim, 'a wish id of letters', claimOf('abc'), undefined, 400, 'invalid_path'),
    member(claim, 'a wish that does not exist', claimOf(999_999_999), undefined, 404, 'not_found'),
    member(claim, "a wish far from the member's home", claimOf(c.wishB), undefined, 404, 'not_found'),
    member(claim, 'a forged link', `/api${c.forgedLink}/wishes/${c.wishC}/claim`, undefined, 404, 'not_found'),
    member(claim, 'an expired link', `/api${c.expiredLink}/wishes/${c.wishC}/claim`, undefined, 410, 'link_expired'),
    member(fulfil, 'before claiming', fulfilOf(c.wishC), { note: '做完了' }, 409, 'wish_not_claimed'),
    member(claim, 'an open wish near home (legitimate, audited)', claimOf(c.wishC), undefined, 200, undefined, { changes: { audit_log: 1 } }),
    member(claim, 'the same wish again (no change)', claimOf(c.wishC), undefined, 200),
    member(fulfil, 'no note', fulfilOf(c.wishC), {}, 400, 'invalid_body'),
    member(fulfil, 'a blank note', fulfilOf(c.wishC), { note: '   ' }, 400, 'invalid_body'),
    member(fulfil, 'a note of 501 characters', fulfilOf(c.wishC), { note: '好'.repeat(501) }, 400, 'invalid_body'),
    member(fulfil, 'a note with NUL', fulfilOf(c.wishC), { note: 'a\u0000b' }, 400, 'invalid_body'),
    member(fulfil, 'points in the body', fulfilOf(c.wishC), { note: '做完了', points: 1000 }, 400, 'invalid_body'),
    member(fulfil, 'a forged link', `/api${c.forgedLink}/wishes/${c.wishC}/fulfil`, { note: '做完了' }, 404, 'not_found'),
    member(fulfil, 'another wish, not claimed', fulfilOf(c.wishOpenC), { note: '做完了' }, 409, 'wish_not_claimed'),
    ...malformedBodies(fulfil, fulfilOf(c.wishC), 'anonymous'),
    member(fulfil, 'the claimed wish with a note (legitimate: points credited once)', fulfilOf(c.wishC), { note: '已陪同就医 ✅' }, 200, undefined, {
      changes: { member_points: 1, audit_log: 1 },
    }),
    member(fulfil, 'the same wish again', fulfilOf(c.wishC), { note: '再来一次' }, 409, 'wish_not_open'),
    member(claim, 'a fulfilled wish', claimOf(c.wishC), undefined, 409, 'wish_not_open'),
  );

  const pull = (name: string, path: string, json: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(withdraw, 'POST', path, name, json, status, code, extra);
  cases.push(...malformedBodies(withdraw, `${open}/withdraw`, 'admin'));
  cases.push(
    pull('a reason of 501 characters', `${open}/withdraw`, { reason: '因'.repeat(501) }, 400, 'invalid_body'),
    pull('a reason as a number', `${open}/withdraw`, { reason: 5 }, 400, 'invalid_body'),
    pull('an unknown field', `${open}/withdraw`, { why: '不要了' }, 400, 'invalid_body'),
    pull('a wish of town B, as the secretary', `/api/v1/wishes/${c.wishB}/withdraw`, {}, 404, 'not_found', { as: 'secretaryC' }),
    pull('as a planner', `${open}/withdraw`, {}, 403, 'forbidden', { as: 'plannerA' }),
    pull('a fulfilled wish', `/api/v1/wishes/${c.wishC}/withdraw`, {}, 409, 'wish_not_open'),
    pull('the open wish (legitimate)', `${open}/withdraw`, { reason: '居民搬走' }, 200, undefined, { changes: { audit_log: 1 } }),
    pull('the open wish again', `${open}/withdraw`, {}, 409, 'wish_not_open'),
    patch('an edit of the withdrawn wish', open, { title: '改' }, 409, 'wish_not_open'),
  );
  return cases;
}
