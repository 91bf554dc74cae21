import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { malformedBodies } from './bodies.cases.ts';
import { injections } from './queries.cases.ts';

const q = (value: string) => encodeURIComponent(value);

/**
 * 区域化党建: filters, ids and bodies a careless client or an attacker sends to the pairing, group,
 * list, meeting and follow-up endpoints; things out of scope; callers without the right. Refusals
 * change nothing; the few legitimate writes declare their rows.
 */
export function regionalCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const r = c.regional;
  const pairingC = `/api/v1/pairings/${r.pairingC}`;
  const pairingB = `/api/v1/pairings/${r.pairingB}`;
  const groupC = `/api/v1/regional-groups/${r.groupC}`;
  const groupB = `/api/v1/regional-groups/${r.groupB}`;
  const meetingC = `${groupC}/meetings/${r.meetingC}`;
  const meetingB = `${groupB}/meetings/${r.meetingB}`;

  const read = (endpoint: string, name: string, path: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}): HostileCase => ({
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
  /** The malformed bodies every write is sent, and a JSON array where an object belongs. */
  const raw = (endpoint: string, method: string, path: string): HostileCase[] => [
    ...malformedBodies(endpoint, path, 'admin', method),
    write(endpoint, method, path, 'a JSON array', [1, 2], 400, 'invalid_body'),
  ];
  const empty =
    (key: string): HostileCase['check'] =>
    (a) =>
      (JSON.parse(a.text) as Record<string, unknown[]>)[key]!.length === 0 ? undefined : `expected no ${key}: ${a.text.slice(0, 200)}`;
  const noFeatures: HostileCase['check'] = (a) => ((JSON.parse(a.text) as { features: unknown[] }).features.length === 0 ? undefined : 'features out of scope');

  // ─── pairings ─────────────────────────────────────────────────────────────────────────────────
  const listing = 'GET /api/v1/pairings';
  const list = (name: string, query: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    read(listing, name, `/api/v1/pairings?${query}`, status, code, extra);
  for (const bad of injections) {
    cases.push(list(`org ${JSON.stringify(bad)}`, `org=${q(bad)}`, 400, 'invalid_query'));
    cases.push(list(`area ${JSON.stringify(bad)}`, `area=${q(bad)}`, 400, 'invalid_query'));
    cases.push(list(`partner_kind ${JSON.stringify(bad)}`, `partner_kind=${q(bad)}`, 400, 'invalid_query'));
  }
  cases.push(
    list('an unknown status', 'status=paused', 400, 'invalid_query'),
    list('active_on 30 February', 'active_on=2026-02-30', 400, 'invalid_query'),
    list('active_on as a date-time', 'active_on=2026-02-01T00:00:00Z', 400, 'invalid_query'),
    list('active_on in year 0', 'active_on=0000-01-01', 400, 'invalid_query'),
    list('limit 0', 'limit=0', 400, 'invalid_query'),
    list('limit 501', 'limit=501', 400, 'invalid_query'),
    list('limit in hex', 'limit=0x10', 400, 'invalid_query'),
    list('after of 20 digits', `after=${'9'.repeat(20)}`, 400, 'invalid_query'),
    list('status given twice', 'status=active&status=ended', 400, 'invalid_query'),
    list('an organization out of scope (secretary): empty', `org=${c.orgB}`, '2xx', undefined, { as: 'secretaryC', check: empty('pairings') }),
    list('a wall token', 'limit=1', 403, 'forbidden', { as: 'wallA' }),
    list('no credentials', 'limit=1', 401, 'unauthenticated', { as: 'anonymous' }),
  );

  const arcing = 'GET /api/v1/pairings/arcs';
  const arcs = (name: string, query: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    read(arcing, name, `/api/v1/pairings/arcs?${query}`, status, code, extra);
  cases.push(
    arcs('limit, ignored: the arcs have no pages (fine)', 'limit=10', '2xx'),
    arcs('an area of letters', 'area=abcdefghijkl', 400, 'invalid_query'),
    arcs('active_on 2026-13-01', 'active_on=2026-13-01', 400, 'invalid_query'),
    arcs('an SQL partner kind', `partner_kind=${q("area' or 1=1--")}`, 400, 'invalid_query'),
    arcs('a wall token (fine)', 'status=active', '2xx', undefined, { as: 'wallA' }),
    arcs('a town out of scope (wall): empty', `org=${c.orgB}`, '2xx', undefined, { as: 'wallA', check: noFeatures }),
    arcs('a stale If-None-Match (fine)', 'status=all', '2xx', undefined, { headers: { 'if-none-match': '"pairing-arcs-0.0.0-x"' } }),
    arcs('no credentials', 'status=all', 401, 'unauthenticated', { as: 'anonymous' }),
  );

  const reading = 'GET /api/v1/pairings/{id}';
  cases.push(
    read(reading, 'letters', '/api/v1/pairings/abc', 400, 'invalid_path'),
    read(reading, 'a negative id', '/api/v1/pairings/-1', 400, 'invalid_path'),
    read(reading, 'an exponent', '/api/v1/pairings/1e3', 400, 'invalid_path'),
    read(reading, '20 digits', `/api/v1/pairings/${'9'.repeat(20)}`, 400, 'invalid_path'),
    read(reading, 'broken percent-encoding', '/api/v1/pairings/%E0%A4%A', 400, 'invalid_path'),
    read(reading, 'no such pairing', '/api/v1/pairings/999999999', 404, 'not_found'),
    read(reading, 'out of scope (secretary)', pairingB, 404, 'not_found', { as: 'secretaryC' }),
    read(reading, 'a wall token', pairingC, 403, 'forbidden', { as: 'wallA' }),
  );

  const creating = 'POST /api/v1/pairings';
  const good = { org_id: r.orgC, partner: { kind: 'org', id: c.orgC }, started_on: '2025-09-01' };
  const create = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(creating, 'POST', '/api/v1/pairings', name, body, status, code, extra);
  cases.push(...raw(creating, 'POST', '/api/v1/pairings'));
  cases.push(
    create('no partner', { ...good, partner: undefined }, 400, 'invalid_body'),
    create('a partner of an unknown kind', { ...good, partner: { kind: 'person', id: 1 } }, 400, 'invalid_body'),
    create('a partner with both an id and a code', { ...good, partner: { kind: 'org', id: c.orgC, area_code: c.communityC } }, 400, 'invalid_body'),
    create('a partner as a string', { ...good, partner: 'org:1' }, 400, 'invalid_body'),
    create('an organization pairing with itself', { ...good, partner: { kind: 'org', id: r.orgC } }, 400, 'invalid_body'),
    create('org_id as text', { ...good, org_id: String(r.orgC) }, 400, 'invalid_body'),
    create('org_id beyond 2^53', { ...good, org_id: 2 ** 60 }, 400, 'invalid_body'),
    create('started on 30 February', { ...good, started_on: '2025-02-30' }, 400, 'invalid_body'),
    create('started in year 0', { ...good, started_on: '0000-01-01' }, 400, 'invalid_body'),
    create('content with NUL', { ...good, content: 'a\u0000b' }, 400, 'invalid_body'),
    create('content with a lone surrogate', { ...good, content: 'a\ud800' }, 400, 'invalid_body'),
    create('content of 2001 characters', { ...good, content: '共'.repeat(2001) }, 400, 'invalid_body'),
    create('ended_on slipped in', { ...good, ended_on: '2025-10-01' }, 400, 'invalid_body'),
    create('an area partner of 11 digits', { ...good, partner: { kind: 'area', area_code: c.communityC.slice(0, 11) } }, 400, 'invalid_body'),
    create('a town as partner', { ...good, partner: { kind: 'area', area_code: c.townA } }, 422, 'partner_refused'),
    create('no such organization', { ...good, org_id: 999_999_999 }, 404, 'not_found'),
    create('an organization out of scope (secretary)', { ...good, org_id: c.orgB }, 404, 'not_found', { as: 'secretaryC' }),
    create('a partner out of scope (secretary)', { ...good, partner: { kind: 'org', id: c.orgB } }, 404, 'not_found', { as: 'secretaryC' }),
    create('a partner area out of scope (secretary)', { ...good, partner: { kind: 'area', area_code: c.townB } }, 404, 'not_found', { as: 'secretaryC' }),
    create('by a planner', good, 403, 'forbidden', { as: 'plannerA' }),
    create('without the CSRF token', good, 403, 'csrf_failed', { as: 'noCsrf' }),
    create('with a wall token', good, 403, 'forbidden', { as: 'wallA' }),
    create('an emoji content (fine)', { ...good, content: '🚩共建' }, 201, undefined, { as: 'secretaryC', changes: { pairing: 1, audit_log: 1 } }),
    create('the same two again', good, 409, 'conflict', { as: 'secretaryC' }),
  );
  for (const bad of injections.filter((i) => i !== '\u0000')) {
    cases.push(create(`a partner kind ${JSON.stringify(bad)}`, { ...good, partner: { kind: bad, id: c.orgC } }, 400, 'invalid_body'));
    cases.push(create(`an area partner ${JSON.stringify(bad)}`, { ...good, partner: { kind: 'area', area_code: bad } }, 400, 'invalid_body'));
  }

  const editing = 'PATCH /api/v1/pairings/{id}';
  const patch = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(editing, 'PATCH', pairingC, name, body, status, code, extra);
  cases.push(...raw(editing, 'PATCH', pairingC));
  cases.push(
    patch('an empty body', {}, 400, 'invalid_body'),
    patch('the partner (not editable)', { partner: { kind: 'org', id: c.orgB } }, 400, 'invalid_body'),
    patch('the organization (not editable)', { org_id: c.orgB }, 400, 'invalid_body'),
    patch('ended_on (use end)', { ended_on: '2026-01-01' }, 400, 'invalid_body'),
    patch('started_on null', { started_on: null }, 400, 'invalid_body'),
    write(editing, 'PATCH', pairingB, 'out of scope (secretary)', { content: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    write(editing, 'PATCH', '/api/v1/pairings/0x1', 'a hex id', { content: 'x' }, 400, 'invalid_path'),
    patch('by a dispatcher', { content: 'x' }, 403, 'forbidden', { as: 'dispatcherA' }),
    patch('content with an emoji (fine)', { content: '🙂 共建' }, 200, undefined, { as: 'secretaryC', changes: { audit_log: 1 } }),
  );

  const ending = 'POST /api/v1/pairings/{id}/end';
  const end = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(ending, 'POST', `${pairingC}/end`, name, body, status, code, extra);
  cases.push(...raw(ending, 'POST', `${pairingC}/end`));
  cases.push(
    end('a day to come', { ended_on: '2099-12-31' }, 400, 'invalid_body'),
    end('before it started', { ended_on: '2024-12-31' }, 400, 'invalid_body'),
    end('a reason slipped in', { reason: '结束' }, 400, 'invalid_body'),
    end('ended_on as a number', { ended_on: 20260101 }, 400, 'invalid_body'),
    write(ending, 'POST', `${pairingB}/end`, 'out of scope (secretary)', {}, 404, 'not_found', { as: 'secretaryC' }),
    end('by a planner', {}, 403, 'forbidden', { as: 'plannerA' }),
    end('without the CSRF token', {}, 403, 'csrf_failed', { as: 'noCsrf' }),
  );

  const deleting = 'DELETE /api/v1/pairings/{id}';
  cases.push(
    write(deleting, 'DELETE', '/api/v1/pairings/abc', 'letters', undefined, 400, 'invalid_path'),
    write(deleting, 'DELETE', '/api/v1/pairings/999999999', 'no such pairing', undefined, 404, 'not_found'),
    write(deleting, 'DELETE', pairingB, 'out of scope (secretary)', undefined, 404, 'not_found', { as: 'secretaryC' }),
    write(deleting, 'DELETE', pairingC, 'by a planner', undefined, 403, 'forbidden', { as: 'plannerA' }),
    write(deleting, 'DELETE', pairingC, 'without the CSRF token', undefined, 403, 'csrf_failed', { as: 'noCsrf' }),
    write(deleting, 'DELETE', pairingC, 'with a wall token', undefined, 403, 'forbidden', { as: 'wallA' }),
  );

  // ─── the lists ────────────────────────────────────────────────────────────────────────────────
  for (const [kind, own, far] of [
    ['pairings', pairingC, pairingB],
    ['regional-groups', groupC, groupB],
  ] as const) {
    const listItems = `GET /api/v1/${kind}/{id}/items`;
    cases.push(
      read(listItems, 'an unknown list', `${own}/items?list=wishes`, 400, 'invalid_query'),
      read(listItems, 'the list twice', `${own}/items?list=needs&list=resources`, 400, 'invalid_query'),
      read(listItems, 'a bad id', `/api/v1/${kind}/1.5/items`, 400, 'invalid_path'),
      read(listItems, 'out of scope (secretary)', `${far}/items`, 404, 'not_found', { as: 'secretaryC' }),
      read(listItems, 'a wall token', `${own}/items`, 403, 'forbidden', { as: 'wallA' }),
      read(listItems, 'one list (fine)', `${own}/items?list=needs`, '2xx', undefined, { as: 'dispatcherA' }),
    );
    const adding = `POST /api/v1/${kind}/{id}/items`;
    const add = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
      write(adding, 'POST', `${own}/items`, name, body, status, code, extra);
    cases.push(...raw(adding, 'POST', `${own}/items`));
    cases.push(
      add('no list', { title: '需求' }, 400, 'invalid_body'),
      add('an unknown list', { list: 'wishes', title: '需求' }, 400, 'invalid_body'),
      add('an unknown status', { list: 'needs', title: '需求', status: 'finished' }, 400, 'invalid_body'),
      add('a title of 101 characters', { list: 'needs', title: '需'.repeat(101) }, 400, 'invalid_body'),
      add('a title with a line break', { list: 'needs', title: '需\n求' }, 400, 'invalid_body'),
      add('a detail with NUL', { list: 'needs', title: '需求', detail: 'a\u0000' }, 400, 'invalid_body'),
      add('due on 2026-02-29', { list: 'needs', title: '需求', due_on: '2026-02-29' }, 400, 'invalid_body'),
      add('an owner slipped in', { list: 'needs', title: '需求', pairing_id: 1 }, 400, 'invalid_body'),
      write(adding, 'POST', `${far}/items`, 'out of scope (secretary)', { list: 'needs', title: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
      write(adding, 'POST', `/api/v1/${kind}/999999999/items`, 'no such owner', { list: 'needs', title: '需求' }, 404, 'not_found'),
      add('by a planner', { list: 'needs', title: '需求' }, 403, 'forbidden', { as: 'plannerA' }),
      add('a multi-line detail and an emoji title (fine)', { list: 'projects', title: '🏗️ 共建项目', detail: '第一行\n第二行' }, 201, undefined, {
        as: 'secretaryC',
        changes: { regional_list_item: 1, audit_log: 1 },
      }),
    );
  }

  const itemC = `/api/v1/list-items/${r.itemC}`;
  const itemB = `/api/v1/list-items/${r.itemB}`;
  const updatingItem = 'PATCH /api/v1/list-items/{id}';
  const patchItem = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(updatingItem, 'PATCH', itemC, name, body, status, code, extra);
  cases.push(...raw(updatingItem, 'PATCH', itemC));
  cases.push(
    patchItem('an empty body', {}, 400, 'invalid_body'),
    patchItem('an unknown status', { status: 'closed' }, 400, 'invalid_body'),
    patchItem('a title of null', { title: null }, 400, 'invalid_body'),
    patchItem('the owner (not editable)', { group_id: r.groupC }, 400, 'invalid_body'),
    write(updatingItem, 'PATCH', itemB, 'out of scope (secretary)', { status: 'done' }, 404, 'not_found', { as: 'secretaryC' }),
    write(updatingItem, 'PATCH', '/api/v1/list-items/999999999', 'no such item', { status: 'done' }, 404, 'not_found'),
    patchItem('by a dispatcher', { status: 'done' }, 403, 'forbidden', { as: 'dispatcherA' }),
    patchItem('done (fine)', { status: 'done' }, 200, undefined, { as: 'secretaryC', changes: { audit_log: 1 } }),
    patchItem('done, then cancelled', { status: 'cancelled' }, 409, 'status_refused', { as: 'secretaryC' }),
    patchItem('done again (no change)', { status: 'done' }, 200, undefined, { as: 'secretaryC' }),
  );
  const deletingItem = 'DELETE /api/v1/list-items/{id}';
  cases.push(
    write(deletingItem, 'DELETE', '/api/v1/list-items/-5', 'a negative id', undefined, 400, 'invalid_path'),
    write(deletingItem, 'DELETE', itemB, 'out of scope (secretary)', undefined, 404, 'not_found', { as: 'secretaryC' }),
    write(deletingItem, 'DELETE', itemC, 'by a planner', undefined, 403, 'forbidden', { as: 'plannerA' }),
    write(deletingItem, 'DELETE', itemC, 'without the CSRF token', undefined, 403, 'csrf_failed', { as: 'noCsrf' }),
  );

  // ─── regional groups ──────────────────────────────────────────────────────────────────────────
  const groupListing = 'GET /api/v1/regional-groups';
  const groups = (name: string, query: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    read(groupListing, name, `/api/v1/regional-groups?${query}`, status, code, extra);
  for (const bad of injections) {
    cases.push(groups(`q ${JSON.stringify(bad)}`, `q=${q(bad)}`, bad === '\u0000' ? 400 : '2xx', bad === '\u0000' ? 'invalid_query' : undefined));
    cases.push(groups(`area ${JSON.stringify(bad)}`, `area=${q(bad)}`, 400, 'invalid_query'));
  }
  cases.push(
    groups('org of letters', 'org=abc', 400, 'invalid_query'),
    groups('q of 101 characters', `q=${q('盟'.repeat(101))}`, 400, 'invalid_query'),
    groups('a town out of scope (secretary): empty', `area=${c.townB}`, '2xx', undefined, { as: 'secretaryC', check: empty('groups') }),
    groups('a wall token', 'q=x', 403, 'forbidden', { as: 'wallA' }),
    groups('no credentials', 'q=x', 401, 'unauthenticated', { as: 'anonymous' }),
  );

  const outlining = 'GET /api/v1/regional-groups/outlines';
  cases.push(
    read(outlining, 'a q with NUL', '/api/v1/regional-groups/outlines?q=%00', 400, 'invalid_query'),
    read(outlining, 'an unknown filter', '/api/v1/regional-groups/outlines?buffer=5000', '2xx'),
    read(outlining, 'a wall token (fine)', '/api/v1/regional-groups/outlines', '2xx', undefined, { as: 'wallA' }),
    read(outlining, 'a member out of scope (wall): empty', `/api/v1/regional-groups/outlines?org=${c.orgB}`, '2xx', undefined, {
      as: 'wallA',
      check: noFeatures,
    }),
    read(outlining, 'no credentials', '/api/v1/regional-groups/outlines', 401, 'unauthenticated', { as: 'anonymous' }),
  );

  const groupReading = 'GET /api/v1/regional-groups/{id}';
  cases.push(
    read(groupReading, 'letters', '/api/v1/regional-groups/abc', 400, 'invalid_path'),
    read(groupReading, 'a fraction', '/api/v1/regional-groups/1.0', 400, 'invalid_path'),
    read(groupReading, 'no such group', '/api/v1/regional-groups/999999999', 404, 'not_found'),
    read(groupReading, 'out of scope (secretary)', groupB, 404, 'not_found', { as: 'secretaryC' }),
    read(groupReading, 'a wall token', groupC, 403, 'forbidden', { as: 'wallA' }),
  );

  const groupCreating = 'POST /api/v1/regional-groups';
  const goodGroup = { name: '恶意输入党建组团', area_code: c.communityC, lead_org_id: c.orgC };
  const createGroup = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(groupCreating, 'POST', '/api/v1/regional-groups', name, body, status, code, extra);
  cases.push(...raw(groupCreating, 'POST', '/api/v1/regional-groups'));
  cases.push(
    createGroup('no name', { ...goodGroup, name: undefined }, 400, 'invalid_body'),
    createGroup('a name of spaces', { ...goodGroup, name: '   ' }, 400, 'invalid_body'),
    createGroup('an area of 13 digits', { ...goodGroup, area_code: `${c.communityC}0` }, 400, 'invalid_body'),
    createGroup('the lead among the members too', { ...goodGroup, org_ids: [c.orgC] }, 400, 'invalid_body'),
    createGroup('a member twice', { ...goodGroup, org_ids: [r.orgC, r.orgC] }, 400, 'invalid_body'),
    createGroup('201 members', { ...goodGroup, org_ids: Array.from({ length: 201 }, (_, i) => i + 1) }, 400, 'invalid_body'),
    createGroup('members as an object', { ...goodGroup, org_ids: { 0: 1 } }, 400, 'invalid_body'),
    createGroup('an area out of scope (secretary)', { ...goodGroup, area_code: c.townB }, 404, 'not_found', { as: 'secretaryC' }),
    createGroup('a member out of scope (secretary)', { ...goodGroup, org_ids: [c.orgB] }, 404, 'not_found', { as: 'secretaryC' }),
    createGroup('by a dispatcher', goodGroup, 403, 'forbidden', { as: 'dispatcherA' }),
    createGroup('with a wall token', goodGroup, 403, 'forbidden', { as: 'wallA' }),
    createGroup('an emoji name (fine)', { ...goodGroup, name: '🤝 联盟' }, 201, undefined, {
      as: 'secretaryC',
      changes: { regional_group: 1, regional_group_org: 1, audit_log: 1 },
    }),
  );

  const groupEditing = 'PATCH /api/v1/regional-groups/{id}';
  const patchGroup = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(groupEditing, 'PATCH', groupC, name, body, status, code, extra);
  cases.push(...raw(groupEditing, 'PATCH', groupC));
  cases.push(
    patchGroup('an empty body', {}, 400, 'invalid_body'),
    patchGroup('a lead (use the lead endpoint)', { lead_org_id: c.orgC }, 400, 'invalid_body'),
    patchGroup('a name with NUL', { name: 'a\u0000' }, 400, 'invalid_body'),
    patchGroup('an area out of scope (secretary)', { area_code: c.townB }, 404, 'not_found', { as: 'secretaryC' }),
    write(groupEditing, 'PATCH', groupB, 'out of scope (secretary)', { name: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    patchGroup('by a planner', { name: 'x' }, 403, 'forbidden', { as: 'plannerA' }),
    patchGroup('a new name (fine)', { name: '恶意输入改名' }, 200, undefined, { as: 'secretaryC', changes: { audit_log: 1 } }),
  );

  const adding = 'POST /api/v1/regional-groups/{id}/members';
  const addMember = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(adding, 'POST', `${groupC}/members`, name, body, status, code, extra);
  cases.push(...raw(adding, 'POST', `${groupC}/members`));
  cases.push(
    addMember('no organization', {}, 400, 'invalid_body'),
    addMember('is_lead as text', { org_id: c.orgC, is_lead: 'yes' }, 400, 'invalid_body'),
    addMember('an organization of 0', { org_id: 0 }, 400, 'invalid_body'),
    addMember('no such organization', { org_id: 999_999_999 }, 404, 'not_found'),
    addMember('an organization out of scope (secretary)', { org_id: c.orgB }, 404, 'not_found', { as: 'secretaryC' }),
    write(adding, 'POST', `${groupB}/members`, 'a group out of scope (secretary)', { org_id: c.orgC }, 404, 'not_found', { as: 'secretaryC' }),
    addMember('the lead again', { org_id: r.orgC }, 409, 'conflict', { as: 'secretaryC' }),
    addMember('by a planner', { org_id: c.orgC }, 403, 'forbidden', { as: 'plannerA' }),
    addMember('a new member (fine)', { org_id: c.orgC }, 201, undefined, { as: 'secretaryC', changes: { regional_group_org: 1, audit_log: 1 } }),
  );

  const removing = 'DELETE /api/v1/regional-groups/{id}/members/{org_id}';
  const remove = (name: string, path: string, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(removing, 'DELETE', path, name, undefined, status, code, extra);
  cases.push(
    remove('an organization of letters', `${groupC}/members/abc`, 400, 'invalid_path'),
    remove('no such member', `${groupC}/members/999999999`, 404, 'not_found'),
    remove('a group out of scope (secretary)', `${groupB}/members/${c.orgB}`, 404, 'not_found', { as: 'secretaryC' }),
    remove('by a planner', `${groupC}/members/${c.orgC}`, 403, 'forbidden', { as: 'plannerA' }),
    remove('the member just added (fine)', `${groupC}/members/${c.orgC}`, 200, undefined, {
      as: 'secretaryC',
      changes: { regional_group_org: -1, audit_log: 1 },
    }),
    remove('the member again', `${groupC}/members/${c.orgC}`, 404, 'not_found', { as: 'secretaryC' }),
  );

  const leading = 'PUT /api/v1/regional-groups/{id}/lead';
  const lead = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(leading, 'PUT', `${groupC}/lead`, name, body, status, code, extra);
  cases.push(...raw(leading, 'PUT', `${groupC}/lead`));
  cases.push(
    lead('no organization', {}, 400, 'invalid_body'),
    lead('two organizations', { org_id: [r.orgC, c.orgC] }, 400, 'invalid_body'),
    lead('an organization that is no member', { org_id: c.orgC }, 422, 'not_a_group_member'),
    write(leading, 'PUT', `${groupB}/lead`, 'a group out of scope (secretary)', { org_id: c.orgB }, 404, 'not_found', { as: 'secretaryC' }),
    lead('by a dispatcher', { org_id: r.orgC }, 403, 'forbidden', { as: 'dispatcherA' }),
    lead('the lead it has (no change)', { org_id: r.orgC }, 200, undefined, { as: 'secretaryC' }),
  );

  // ─── meetings and follow-ups ──────────────────────────────────────────────────────────────────
  const meetingListing = 'GET /api/v1/regional-groups/{id}/meetings';
  cases.push(
    read(meetingListing, 'a bad id', '/api/v1/regional-groups/%20/meetings', 400, 'invalid_path'),
    read(meetingListing, 'out of scope (secretary)', `${groupB}/meetings`, 404, 'not_found', { as: 'secretaryC' }),
    read(meetingListing, 'a wall token', `${groupC}/meetings`, 403, 'forbidden', { as: 'wallA' }),
    read(meetingListing, 'as a planner (fine)', `${groupC}/meetings`, '2xx', undefined, { as: 'plannerA' }),
  );

  const meeting = { held_on: '2026-05-20', place_text: '社区会议室', topic: '恶意输入联席会议' };
  const meetingCreating = 'POST /api/v1/regional-groups/{id}/meetings';
  const createMeeting = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(meetingCreating, 'POST', `${groupC}/meetings`, name, body, status, code, extra);
  cases.push(...raw(meetingCreating, 'POST', `${groupC}/meetings`));
  cases.push(
    createMeeting('no place', { ...meeting, place_text: undefined }, 400, 'invalid_body'),
    createMeeting('both places', { ...meeting, place_id: c.siteC }, 400, 'invalid_body'),
    createMeeting('no topic', { ...meeting, topic: undefined }, 400, 'invalid_body'),
    createMeeting('held on 2026-04-31', { ...meeting, held_on: '2026-04-31' }, 400, 'invalid_body'),
    createMeeting('an attendance of 1.5', { ...meeting, attendee_count: 1.5 }, 400, 'invalid_body'),
    createMeeting('an attendance of 100001', { ...meeting, attendee_count: 100_001 }, 400, 'invalid_body'),
    createMeeting('51 resolutions', { ...meeting, resolutions: Array.from({ length: 51 }, () => '决议') }, 400, 'invalid_body'),
    createMeeting('a resolution of 501 characters', { ...meeting, resolutions: ['决'.repeat(501)] }, 400, 'invalid_body'),
    createMeeting('resolutions as a string', { ...meeting, resolutions: '决议' }, 400, 'invalid_body'),
    createMeeting('a follow-up without a title', { ...meeting, follow_ups: [{ due_on: '2026-06-01' }] }, 400, 'invalid_body'),
    createMeeting('a follow-up with an unknown status', { ...meeting, follow_ups: [{ title: '督办', status: 'late' }] }, 400, 'invalid_body'),
    createMeeting('an attendee twice', { ...meeting, attending_org_ids: [r.orgC, r.orgC] }, 400, 'invalid_body'),
    createMeeting('a place out of scope (secretary)', { ...meeting, place_text: undefined, place_id: c.placeB }, 404, 'not_found', { as: 'secretaryC' }),
    createMeeting('no such place', { ...meeting, place_text: undefined, place_id: 999_999_999 }, 404, 'not_found'),
    createMeeting('an attendee that is no member', { ...meeting, attending_org_ids: [c.orgC] }, 422, 'not_a_group_member'),
    createMeeting('a responsible that is no member', { ...meeting, follow_ups: [{ title: '督办', responsible_org_id: c.orgC }] }, 422, 'not_a_group_member'),
    write(meetingCreating, 'POST', `${groupB}/meetings`, 'a group out of scope (secretary)', meeting, 404, 'not_found', { as: 'secretaryC' }),
    createMeeting('by a planner', meeting, 403, 'forbidden', { as: 'plannerA' }),
    createMeeting(
      'at a place, with attendance, resolutions and a follow-up (fine)',
      {
        ...meeting,
        place_text: undefined,
        place_id: c.siteC,
        attendee_count: 12,
        attending_org_ids: [r.orgC],
        resolutions: ['🚩 共建', '第二条\n分两行'],
        follow_ups: [{ title: '督办', responsible_org_id: r.orgC, due_on: '2026-06-30' }],
      },
      201,
      undefined,
      { as: 'secretaryC', changes: { regional_meeting: 1, regional_meeting_org: 1, regional_follow_up: 1, audit_log: 1 } },
    ),
  );

  const meetingEditing = 'PATCH /api/v1/regional-groups/{id}/meetings/{meeting_id}';
  const patchMeeting = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(meetingEditing, 'PATCH', meetingC, name, body, status, code, extra);
  cases.push(...raw(meetingEditing, 'PATCH', meetingC));
  cases.push(
    patchMeeting('an empty body', {}, 400, 'invalid_body'),
    patchMeeting('both places', { place_id: c.siteC, place_text: '会议室' }, 400, 'invalid_body'),
    patchMeeting('follow-ups (added apart)', { follow_ups: [] }, 400, 'invalid_body'),
    patchMeeting('a topic of null', { topic: null }, 400, 'invalid_body'),
    patchMeeting('an attendee that is no member', { attending_org_ids: [c.orgC] }, 422, 'not_a_group_member'),
    write(meetingEditing, 'PATCH', `${groupC}/meetings/${r.meetingB}`, 'a meeting of another group', { topic: 'x' }, 404, 'not_found'),
    write(meetingEditing, 'PATCH', meetingB, 'out of scope (secretary)', { topic: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    write(meetingEditing, 'PATCH', `${groupC}/meetings/x`, 'a meeting id of letters', { topic: 'x' }, 400, 'invalid_path'),
    patchMeeting('by a dispatcher', { topic: 'x' }, 403, 'forbidden', { as: 'dispatcherA' }),
    patchMeeting('a new topic (fine)', { topic: '改过的议题' }, 200, undefined, { as: 'secretaryC', changes: { audit_log: 1 } }),
  );

  const followingUp = 'POST /api/v1/regional-groups/{id}/meetings/{meeting_id}/follow-ups';
  const follow = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(followingUp, 'POST', `${meetingC}/follow-ups`, name, body, status, code, extra);
  cases.push(...raw(followingUp, 'POST', `${meetingC}/follow-ups`));
  cases.push(
    follow('no title', {}, 400, 'invalid_body'),
    follow('a title of 201 characters', { title: '督'.repeat(201) }, 400, 'invalid_body'),
    follow('a responsible as text', { title: '督办', responsible_org_id: `${r.orgC}` }, 400, 'invalid_body'),
    follow('a responsible that is no member', { title: '督办', responsible_org_id: c.orgC }, 422, 'not_a_group_member'),
    write(followingUp, 'POST', `${meetingB}/follow-ups`, 'out of scope (secretary)', { title: '越权' }, 404, 'not_found', { as: 'secretaryC' }),
    follow('by a planner', { title: '督办' }, 403, 'forbidden', { as: 'plannerA' }),
    follow('a follow-up (fine)', { title: '📌 督办', responsible_org_id: r.orgC }, 201, undefined, {
      as: 'secretaryC',
      changes: { regional_follow_up: 1, audit_log: 1 },
    }),
  );

  const followUpEditing = 'PATCH /api/v1/regional-groups/{id}/meetings/{meeting_id}/follow-ups/{follow_up_id}';
  const followUpC = `${meetingC}/follow-ups/${r.followUpC}`;
  const patchFollowUp = (name: string, body: unknown, status: HostileCase['status'], code?: string, extra: Partial<HostileCase> = {}) =>
    write(followUpEditing, 'PATCH', followUpC, name, body, status, code, extra);
  cases.push(...raw(followUpEditing, 'PATCH', followUpC));
  cases.push(
    patchFollowUp('an empty body', {}, 400, 'invalid_body'),
    patchFollowUp('an unknown status', { status: 'overdue' }, 400, 'invalid_body'),
    patchFollowUp('due on 2026-06-31', { due_on: '2026-06-31' }, 400, 'invalid_body'),
    patchFollowUp('a responsible that is no member', { responsible_org_id: c.orgC }, 422, 'not_a_group_member'),
    write(followUpEditing, 'PATCH', `${meetingC}/follow-ups/${r.followUpB}`, 'a follow-up of another meeting', { status: 'done' }, 404, 'not_found'),
    write(followUpEditing, 'PATCH', `${meetingB}/follow-ups/${r.followUpB}`, 'out of scope (secretary)', { status: 'done' }, 404, 'not_found', {
      as: 'secretaryC',
    }),
    patchFollowUp('by a planner', { status: 'done' }, 403, 'forbidden', { as: 'plannerA' }),
    patchFollowUp('cancelled (fine)', { status: 'cancelled' }, 200, undefined, { as: 'secretaryC', changes: { audit_log: 1 } }),
    patchFollowUp('cancelled, then in progress', { status: 'in_progress' }, 409, 'status_refused', { as: 'secretaryC' }),
  );
  return cases;
}
