import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';

/** Strings an attacker tries in any parameter: SQL, script, traversal, format strings, NUL. */
export const injections = ["' or 1=1--", '1;drop table member', '<script>alert(1)</script>', '../../etc/passwd', '%s%s%n', '\u0000', '${7*7}'];

const q = (value: string) => encodeURIComponent(value);
const invalid = (endpoint: string, path: string, name: string, as: HostileCase['as'] = 'admin'): HostileCase => ({
  name,
  endpoint,
  path,
  as,
  status: 400,
  code: 'invalid_query',
});
const fine = (endpoint: string, path: string, name: string, changes?: HostileCase['changes']): HostileCase => ({
  name,
  endpoint,
  path,
  status: '2xx',
  changes,
});

/** Query strings: wrong types, out-of-range and lenient numbers, inverted boxes, injections, repeats. */
export function queryCases(c: HostileContext): HostileCase[] {
  const { lng, lat } = c.pointC;
  const cases: HostileCase[] = [];
  const bboxes: Array<[string, string]> = [
    ['', 'empty'],
    ['1,2,3', 'three numbers'],
    ['1,2,3,4,5', 'five numbers'],
    ['a,b,c,d', 'letters'],
    ['NaN,31,105,32', 'NaN'],
    ['-Infinity,31,105,32', 'Infinity'],
    ['104.8,31.4,104.7,31.5', 'inverted longitudes'],
    ['104.7,31.5,104.8,31.4', 'inverted latitudes'],
    ['104.7,31.4,104.7,31.5', 'empty width'],
    ['-181,31,104,32', 'longitude beyond -180'],
    ['104,-91,105,31', 'latitude beyond -90'],
    ['104,31,105,90.5', 'latitude beyond 90'],
    ['1.047e2,31.4,104.8,31.5', 'exponent'],
    ['0x68,31.4,104.8,31.5', 'hex'],
    ['+104.7,31.4,104.8,31.5', 'a plus sign'],
    ['1e309,31,105,32', 'overflowing'],
  ];
  for (const [bbox, what] of bboxes) {
    cases.push(invalid('GET /api/v1/grids', `/api/v1/grids?bbox=${q(bbox)}`, `grids: bbox ${what}`));
  }
  for (const [bbox, what] of bboxes.slice(0, 8)) {
    cases.push(invalid('GET /api/v1/members/density', `/api/v1/members/density?bbox=${q(bbox)}`, `density: bbox ${what}`));
    cases.push(invalid('GET /api/v1/members', `/api/v1/members?bbox=${q(bbox)}`, `members: bbox ${what}`));
  }
  cases.push(invalid('GET /api/v1/grids', '/api/v1/grids', 'grids: bbox missing'));
  // at: a date or a date-time with a zone, on grids, locate and the grids tiles only
  const badAts: Array<[string, string]> = [
    ['2026-02-30', 'a day not in the calendar'],
    ['2026-13-01', 'a thirteenth month'],
    ['2026-03-01T08:00:00', 'a date-time without a zone'],
    ['1999-12-31', 'before 2000'],
    ['2101-01-01', 'after 2100'],
    ['2026-03-01T08:00:00+15:00', 'an offset beyond 14 hours'],
    ['yesterday', 'a word'],
    ['1717171717', 'epoch seconds'],
    ['', 'empty'],
    ...injections.map((i): [string, string] => [i, `an injection ${JSON.stringify(i)}`]),
  ];
  for (const [at, what] of badAts) {
    cases.push(invalid('GET /api/v1/grids', `/api/v1/grids?bbox=${c.bboxC}&at=${q(at)}`, `grids: at ${what}`));
    cases.push(invalid('GET /api/v1/locate', `/api/v1/locate?lng=${lng}&lat=${lat}&at=${q(at)}`, `locate: at ${what}`));
    cases.push(invalid('GET /tiles/{layer}/{z}/{x}/{y}.mvt', `/tiles/grids/14/13000/6000.mvt?at=${q(at)}`, `grid tiles: at ${what}`));
  }
  cases.push(invalid('GET /api/v1/grids', `/api/v1/grids?bbox=${c.bboxC}&at=2026-03-01&at=2026-04-01`, 'grids: at given twice'));
  cases.push(invalid('GET /tiles/{layer}/{z}/{x}/{y}.mvt', '/tiles/orgs/14/13000/6000.mvt?at=2026-03-01', 'org tiles: at, which only the grids layer takes'));
  cases.push(fine('GET /api/v1/locate', `/api/v1/locate?lng=${lng}&lat=${lat}&at=2020-01-01`, 'locate: at a date before any grid existed'));
  cases.push(invalid('GET /api/v1/grids', `/api/v1/grids?bbox=${c.bboxC}&bbox=${c.bboxC}`, 'grids: bbox given twice'));
  cases.push(invalid('GET /api/v1/grids', `/api/v1/grids?bbox[]=${c.bboxC}`, 'grids: bbox as an array'));
  cases.push({
    name: 'grids: a bbox of 10° answers bbox_too_large',
    endpoint: 'GET /api/v1/grids',
    path: '/api/v1/grids?bbox=100,25,110,35',
    status: 400,
    code: 'bbox_too_large',
  });
  cases.push(invalid('GET /api/v1/members/density', '/api/v1/members/density', 'density: bbox missing'));
  cases.push(invalid('GET /api/v1/members/density', `/api/v1/members/density?bbox=${c.bboxC}&level=0x10`, 'density: hex level'));
  cases.push(invalid('GET /api/v1/members/density', `/api/v1/members/density?bbox=${c.bboxC}&level=1e1`, 'density: exponent level'));
  for (const [level, what] of [
    ['5', 'below the lattice'],
    ['15', 'above the lattice'],
    ['abc', 'a word'],
    ['12.0', 'a fraction'],
    ['%2B12', 'a plus sign'],
  ]) {
    cases.push(invalid('GET /api/v1/members/density', `/api/v1/members/density?bbox=${c.bboxC}&level=${level}`, `density: level ${what}`));
  }
  cases.push(invalid('GET /api/v1/members/density', `/api/v1/members/density?bbox=${c.bboxC}&cell=500`, 'density: a cell size in meters (no longer taken)'));
  cases.push({
    name: 'density: a bbox of 20° at level 14',
    endpoint: 'GET /api/v1/members/density',
    path: `/api/v1/members/density?bbox=95,20,115,40&level=14`,
    status: 400,
    code: 'bbox_too_large',
  });
  cases.push(
    fine('GET /api/v1/members/density', `/api/v1/members/density?bbox=${c.bboxC}&__proto__=1&constructor=x`, 'density: unknown parameters are ignored'),
  );

  for (const [params, what] of [
    ['', 'lng and lat missing'],
    [`lng=${lng}`, 'lat missing'],
    ['lng=181&lat=31', 'longitude 181'],
    ['lng=104&lat=-90.0001', 'latitude below -90'],
    ['lng=NaN&lat=31', 'NaN'],
    ['lng=Infinity&lat=31', 'Infinity'],
    ['lng=0x68&lat=31', 'hex'],
    ['lng=1.04e2&lat=31', 'exponent'],
    ['lng=104,5&lat=31', 'a comma'],
    [`lng=${lng}&lng=${lng}&lat=${lat}`, 'lng twice'],
    ['lng=&lat=', 'empty values'],
    [`lng=${q('+104.7')}&lat=31`, 'a plus sign'],
    [`lng=${q('１０４')}&lat=${q('３１')}`, 'fullwidth digits'],
  ] as const) {
    cases.push(invalid('GET /api/v1/locate', `/api/v1/locate?${params}`, `locate: ${what}`));
  }
  const search = '/api/v1/locate/search';
  for (const [params, what] of [
    ['', 'no q'],
    ['q=', 'an empty q'],
    [`q=${q('   ')}`, 'a q of spaces'],
    [`q=${q('栋'.repeat(51))}`, 'a q of 51 characters'],
    ['q=a&q=b', 'q twice'],
    ['q=a&limit=0', 'limit 0'],
    ['q=a&limit=21', 'limit 21'],
    ['q=a&limit=1.5', 'limit 1.5'],
    ['q=a&limit=ten', 'limit not a number'],
    [`q=${q('a\u0000b')}`, 'a NUL in q'],
    [`q=${q('a\u001bb')}`, 'an escape character in q'],
  ] as const) {
    cases.push(invalid('GET /api/v1/locate/search', `${search}?${params}`, `place search: ${what}`));
  }
  for (const bad of [...injections.filter((i) => i !== '\u0000'), '%', '_', '\\', '.*']) {
    cases.push(fine('GET /api/v1/locate/search', `${search}?q=${q(bad)}`, `place search: q ${JSON.stringify(bad)} is text, not a pattern`));
  }
  cases.push({
    name: 'locate: a point in the ocean is outside the territory',
    endpoint: 'GET /api/v1/locate',
    path: '/api/v1/locate?lng=150&lat=-30',
    status: 404,
    code: 'outside_territory',
  });
  cases.push({
    name: 'locate: the town A admin locates a point in town B',
    endpoint: 'GET /api/v1/locate',
    as: 'adminA',
    path: `/api/v1/locate?lng=${c.pointB.lng}&lat=${c.pointB.lat}`,
    status: 404,
    code: 'outside_territory',
  });

  for (const value of injections) {
    cases.push(invalid('GET /api/v1/areas', `/api/v1/areas?parent=${q(value)}`, `areas: parent ${JSON.stringify(value)}`));
    cases.push(invalid('GET /api/v1/stats/summary', `/api/v1/stats/summary?area=${q(value)}`, `stats: area ${JSON.stringify(value)}`));
    cases.push(invalid('GET /api/v1/audit', `/api/v1/audit?action=${q(value)}`, `audit: action ${JSON.stringify(value)}`));
  }
  cases.push(invalid('GET /api/v1/areas', '/api/v1/areas?level=province', 'areas: an unknown level'));
  cases.push(invalid('GET /api/v1/areas', '/api/v1/areas?level=%E0%A4%A', 'areas: a level with bad percent-encoding'));
  cases.push(invalid('GET /api/v1/members', '/api/v1/members?limit=%', 'members: a limit of a lone %'));
  cases.push(invalid('GET /api/v1/grids', '/api/v1/grids?bbox=%FF%FE', 'grids: a bbox of stray bytes'));
  cases.push(fine('GET /api/v1/areas', '/api/v1/areas?%E0%A4%A=1&level=town', 'areas: a parameter name with bad percent-encoding is ignored'));
  cases.push(invalid('GET /api/v1/areas', '/api/v1/areas?level=town&level=county', 'areas: level twice'));
  cases.push({
    ...fine('GET /api/v1/areas', `/api/v1/areas?parent=${c.townB}`, 'areas: the children of an area out of scope are an empty set (town A admin)'),
    as: 'adminA',
    check: (a) => (/"features"\s*:\s*\[\]/.test(a.text) ? undefined : 'areas out of scope'),
  });
  cases.push({
    name: 'stats: an area out of scope',
    endpoint: 'GET /api/v1/stats/summary',
    as: 'adminA',
    path: `/api/v1/stats/summary?area=${c.townB}`,
    status: 404,
    code: 'not_found',
  });
  cases.push({
    name: 'stats: an area that does not exist',
    endpoint: 'GET /api/v1/stats/summary',
    path: '/api/v1/stats/summary?area=999999999999',
    status: 404,
    code: 'not_found',
  });

  const limits = ['0', '-1', '0x10', '1e1', '10.5', '', '%2B10', '99999999999999999999', 'ten'];
  for (const limit of limits) {
    cases.push(invalid('GET /api/v1/cases/feed', `/api/v1/cases/feed?limit=${limit}`, `feed: limit ${limit || '(empty)'}`));
    cases.push(invalid('GET /api/v1/members', `/api/v1/members?limit=${limit}`, `members: limit ${limit || '(empty)'}`));
    cases.push(invalid('GET /api/v1/audit', `/api/v1/audit?limit=${limit}`, `audit: limit ${limit || '(empty)'}`));
    cases.push(invalid('GET /api/v1/members/nearby', `/api/v1/members/nearby?lng=${lng}&lat=${lat}&limit=${limit}`, `nearby: limit ${limit || '(empty)'}`));
  }
  cases.push(invalid('GET /api/v1/cases/feed', '/api/v1/cases/feed?limit=101', 'feed: limit above 100'));
  cases.push(invalid('GET /api/v1/cases/feed', `/api/v1/cases/feed?area=${q("510703' --")}`, 'feed: an injected area'));
  cases.push(invalid('GET /api/v1/members', '/api/v1/members?limit=501', 'members: limit above 500'));
  cases.push(invalid('GET /api/v1/members', '/api/v1/members?org=abc', 'members: org not an id'));
  cases.push(invalid('GET /api/v1/members', '/api/v1/members?after=-5', 'members: negative cursor'));
  cases.push({
    ...fine('GET /api/v1/members', `/api/v1/members?org=${c.orgB}`, "members: another town's organization is an empty page (town A admin)"),
    as: 'adminA',
    check: (a) => (a.text.includes('"members":[]') ? undefined : 'members out of scope'),
  });

  for (const [params, what] of [
    ['from=0000-01-01T00:00:00Z', 'year 0'],
    ['to=2026-01-01T00:00:00%2B23:59', 'offset +23:59'],
    ['from=1970-01-01T00:00:00Z', 'the epoch'],
    ['from=9999-12-31T23:59:59Z', 'year 9999'],
    ['from=2026-13-01T00:00:00Z', 'month 13'],
    ['from=2026-02-29T00:00:00Z', 'February 29th of a common year'],
    ['from=2026-01-01', 'a date without time'],
    ['from=yesterday', 'a word'],
    ['from=1767225600', 'epoch seconds'],
    ['user=abc', 'user not an id'],
    ['before=1.5', 'before not an id'],
    ['user=1&user=2', 'user twice'],
    ['username=A', 'a username of one character'],
    ['username=' + 'a'.repeat(51), 'a username of 51 characters'],
    ["username=x'%20or%201=1--", 'a username with SQL in it'],
    ['username=%E7%AE%A1%E7%90%86%E5%91%98', 'a username in Chinese'],
    ['username=a&username=b', 'username twice'],
  ] as const) {
    cases.push(invalid('GET /api/v1/audit', `/api/v1/audit?${params}`, `audit: ${what}`));
  }
  cases.push(fine('GET /api/v1/audit', '/api/v1/audit?from=2026-01-01T00:00:00%2B14:00&to=2026-12-31T00:00:00-12:00', 'audit: the widest real offsets'));

  for (const [params, what] of [
    ['radius=0', 'radius 0'],
    ['radius=20001', 'radius above 20 km'],
    ['radius=NaN', 'radius NaN'],
    ['radius=1e3', 'radius with an exponent'],
    ['radius=-5', 'negative radius'],
    ['available=yes', 'available not true/false'],
    ['skills=first%20aid', 'a skill with a space'],
    [`skills=${q("first_aid');--")}`, 'an injected skill'],
    [`skills=${'a,'.repeat(20)}a`, 'too many skills'],
    ['lat=91', 'latitude 91 (replacing the given one)'],
  ] as const) {
    const path = what.startsWith('latitude') ? `/api/v1/members/nearby?lng=${lng}&${params}` : `/api/v1/members/nearby?lng=${lng}&lat=${lat}&${params}`;
    cases.push(invalid('GET /api/v1/members/nearby', path, `nearby: ${what}`));
  }
  cases.push(invalid('GET /api/v1/members/nearby', '/api/v1/members/nearby', 'nearby: no point'));
  cases.push({
    ...fine(
      'GET /api/v1/members/nearby',
      `/api/v1/members/nearby?lng=${c.pointB.lng}&lat=${c.pointB.lat}&radius=500&limit=5`,
      'nearby: the community C secretary around a point in town B sees nobody',
    ),
    as: 'secretaryC',
    check: (a) => (a.text.includes('"members":[]') ? undefined : 'members out of scope'),
  });

  for (const status of ['bogus', 'OPEN', "open' or '1'='1", '']) {
    cases.push(invalid('GET /api/v1/cases', `/api/v1/cases?status=${q(status)}`, `cases: status ${JSON.stringify(status)}`));
  }
  return cases;
}
