import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { injections } from './queries.cases.ts';

const importPath = '/api/v1/registry/imports';
const importOp = 'POST /api/v1/registry/imports';
const csvHeaders = { 'content-type': 'text/csv' };

/** The report of a dry run says every row is bad (or the file is unreadable): nothing would be written. */
const nothingGood = (answer: { text: string }) => {
  const report = JSON.parse(answer.text) as { good?: number };
  return report.good === 0 ? undefined : `the dry run found ${report.good} good rows: ${answer.text.slice(0, 200)}`;
};

/** The one row of the file is good: hostile-looking text is a name like any other. */
const oneGood = (answer: { text: string }) => {
  const report = JSON.parse(answer.text) as { good?: number };
  return report.good === 1 ? undefined : `expected the row to be good: ${answer.text.slice(0, 200)}`;
};

/**
 * Registry files: bodies a careless or hostile secretary sends as a CSV (garbage bytes, a line of
 * megabytes, formulas, injections, another entity's file, rows out of scope, too many rows, too
 * many bytes), queries asked wrongly, and exports with bad filters. A refused import (mode=all)
 * writes nothing; a dry run writes its job row only; an export writes its audit record only.
 */
export function registryFileCases(c: HostileContext): HostileCase[] {
  const member = (org: number, name = '恶意', lng = c.pointC.lng, lat = c.pointC.lat) => `name,gender,org_id,lng,lat\r\n${name},男,${org},${lng},${lat}\r\n`;
  const refused = (name: string, body: string | Buffer, as: HostileCase['as'] = 'admin'): HostileCase => ({
    name: `import all: ${name}`,
    endpoint: importOp,
    method: 'POST',
    path: `${importPath}?entity=members&mode=all`,
    as,
    headers: csvHeaders,
    body,
    status: 422,
    code: 'import_has_errors',
  });
  const dryRun = (name: string, body: string | Buffer, entity = 'members', check: HostileCase['check'] = nothingGood): HostileCase => ({
    name: `dry run: ${name}`,
    endpoint: importOp,
    method: 'POST',
    path: `${importPath}?entity=${entity}&mode=dry_run`,
    headers: csvHeaders,
    body,
    status: 200,
    changes: { registry_import: 1 },
    check,
  });
  const badQuery = (name: string, query: string): HostileCase => ({
    name: `import query: ${name}`,
    endpoint: importOp,
    method: 'POST',
    path: `${importPath}?${query}`,
    headers: csvHeaders,
    body: member(c.orgB),
    status: 400,
    code: 'invalid_query',
  });
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  const exportCases = (['members', 'orgs', 'places'] as const).flatMap((entity) =>
    (['csv', 'geojson'] as const).flatMap((format): HostileCase[] => {
      const endpoint = `GET /api/v1/registry/exports/${entity}.${format}`;
      const path = `/api/v1/registry/exports/${entity}.${format}`;
      const bad = (name: string, query: string): HostileCase => ({
        name: `${entity}.${format}: ${name}`,
        endpoint,
        path: `${path}?${query}`,
        status: 400,
        code: 'invalid_query',
      });
      return [
        bad('an unknown filter', 'evil=1'),
        bad('a status that is none', 'status=deleted'),
        bad('an area that is no code', `area=${encodeURIComponent("' or 1=1--")}`),
        bad('q with NUL', 'q=%00'),
        bad('q given twice', 'q=a&q=b'),
        bad('a limit of 0', 'limit=0'),
        { name: `${entity}.${format}: a planner`, endpoint, path, as: 'plannerA', status: 403, code: 'forbidden' },
        { name: `${entity}.${format}: a wall`, endpoint, path, as: 'wallA', status: 403, code: 'forbidden' },
        {
          name: `${entity}.${format}: out of scope is empty, and audited`,
          endpoint,
          path: `${path}?area=${c.townB}`,
          as: 'secretaryC',
          status: 200,
          changes: { audit_log: 1 },
        },
        {
          name: `${entity}.${format}: an injection in q is text, and audited`,
          endpoint,
          path: `${path}?q=${encodeURIComponent("' or 1=1--")}`,
          status: 200,
          changes: { audit_log: 1 },
        },
      ];
    }),
  );
  return [
    dryRun('garbage bytes', garbage),
    dryRun('an empty body', ''),
    dryRun('a header and no rows', 'name,gender,org_id,lng,lat\r\n'),
    dryRun('a formula in a name (text like any other)', member(c.orgB, "=cmd|' /C calc'!A0"), 'members', oneGood),
    dryRun('an orgs file sent as members', `name,kind,sector,area_code\r\n支部,branch,community,${c.communityC}\r\n`),
    dryRun('a members file sent as places', member(c.orgB), 'places'),
    ...injections.map((value) =>
      dryRun(
        `an injection in a name: ${JSON.stringify(value)}`,
        member(c.orgB, `"${value.replaceAll('"', '""')}"`),
        'members',
        value === '\u0000' ? nothingGood : oneGood,
      ),
    ),
    refused('garbage bytes', garbage),
    refused('a line of 1 MB', `name,gender,org_id,lng,lat\r\n${'长'.repeat(1_000_000)},男,${c.orgB},1,1\r\n`),
    refused('an unterminated quote', `name,gender,org_id,lng,lat\r\n"恶意,男,${c.orgB},1,1\r\n`),
    refused('NUL in a name', member(c.orgB, 'a\u0000b')),
    refused('a name of 51 characters', member(c.orgB, '名'.repeat(51))),
    refused('an organization out of scope (secretary)', member(c.orgB), 'secretaryC'),
    refused('an organization that does not exist', member(999_999_999_999)),
    refused('an organization id beyond bigint', member(Number('99999999999999999999'))),
    refused('a longitude of 1e400', member(c.orgB, '恶意', Number('1e400'))),
    refused('a projected x in meters', member(c.orgB, '恶意', 500_000, 3_480_000)),
    refused('a member of town B by id (secretary)', `id,name\r\n${c.memberB},改名\r\n`, 'secretaryC'),
    refused('the same id twice', `id,name\r\n${c.memberC},一\r\n${c.memberC},二\r\n`),
    refused('a birth year of 99999', `name,gender,org_id,lng,lat,birth_year\r\n恶意,男,${c.orgB},1,1,99999\r\n`),
    refused('a date that is none', `name,gender,org_id,lng,lat,joined_on\r\n恶意,男,${c.orgB},1,1,2021-02-30\r\n`),
    refused('a header repeated', `name,name,gender,org_id,lng,lat\r\n恶,意,男,${c.orgB},1,1\r\n`),
    refused('200,001 rows', `name\r\n${'a\r\n'.repeat(200_001)}`),
    badQuery('no entity', 'mode=dry_run'),
    badQuery('an unknown entity', 'entity=users'),
    badQuery('an unknown mode', 'entity=members&mode=force'),
    badQuery('an unknown crs', 'entity=members&crs=epsg3857'),
    badQuery('entity given twice', 'entity=members&entity=orgs'),
    badQuery('an unknown parameter', 'entity=members&evil=1'),
    {
      name: 'import: JSON instead of CSV',
      endpoint: importOp,
      method: 'POST',
      path: `${importPath}?entity=members`,
      json: { name: '恶意' },
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'import: more than 50 MB',
      endpoint: importOp,
      method: 'POST',
      path: `${importPath}?entity=members`,
      headers: csvHeaders,
      body: Buffer.alloc(50 * 1024 * 1024 + 1, 0x61),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'import: a planner',
      endpoint: importOp,
      method: 'POST',
      path: `${importPath}?entity=members`,
      as: 'plannerA',
      headers: csvHeaders,
      body: member(c.orgB),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'import: no CSRF token',
      endpoint: importOp,
      method: 'POST',
      path: `${importPath}?entity=members`,
      as: 'noCsrf',
      headers: csvHeaders,
      body: member(c.orgB),
      status: 403,
      code: 'csrf_failed',
    },
    { name: 'import job: not a number', endpoint: 'GET /api/v1/registry/imports/{id}', path: `${importPath}/abc`, status: 400, code: 'invalid_path' },
    {
      name: 'import job: beyond bigint',
      endpoint: 'GET /api/v1/registry/imports/{id}',
      path: `${importPath}/99999999999999999999`,
      status: 400,
      code: 'invalid_path',
    },
    { name: 'import job: none', endpoint: 'GET /api/v1/registry/imports/{id}', path: `${importPath}/999999999`, status: 404, code: 'not_found' },
    { name: 'import job: a wall', endpoint: 'GET /api/v1/registry/imports/{id}', path: `${importPath}/1`, as: 'wallA', status: 403, code: 'forbidden' },
    ...exportCases,
  ];
}
