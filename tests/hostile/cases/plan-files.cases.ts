import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import type { HostileCase } from '../hostile-case.ts';
import type { HostileContext } from '../hostile-context.ts';
import { injections } from './queries.cases.ts';

type ZipEntry = { name: string; data: Buffer; deflate?: boolean; declaredSize?: number };

/**
 * A zip built by hand, so that it can lie: an entry may declare an uncompressed size other than
 * what it holds (a bomb that says so, or one that hides it).
 */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const stored = e.deflate ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

let bomb: Buffer | undefined;
/** 101 MB of zeros deflated to about 100 kB, honestly declared; made once. */
const zipBomb = () => (bomb ??= zip([{ name: 'grids.shp', data: Buffer.alloc(101 * 1024 * 1024), deflate: true }]));

const square = (lng: number, lat: number, d = 0.001) => [
  [
    [lng, lat],
    [lng + d, lat],
    [lng + d, lat + d],
    [lng, lat + d],
    [lng, lat],
  ],
];
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (geometry: unknown, properties: unknown = {}) => ({ type: 'Feature', properties, geometry });

/** GeoJSON that is no community's grids, whatever layer it is sent as: each refused with a report. */
function badGeoJson(lng: number, lat: number, good: string): Array<[string, string | Buffer]> {
  const bad = (name: string, body: string | Buffer): [string, string | Buffer] => [name, body];
  return [
    bad('empty', ''),
    bad('truncated JSON', good.slice(0, 40)),
    bad('not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
    bad('JSON null', 'null'),
    bad('an array', '[]'),
    bad('a Feature, not a collection', JSON.stringify(feature({ type: 'Polygon', coordinates: square(lng, lat) }))),
    bad('no features', collection([])),
    bad('features that are strings', collection(['a', 'b'])),
    bad('a Point', collection([feature({ type: 'Point', coordinates: [lng, lat] })])),
    bad('a GeometryCollection', collection([feature({ type: 'GeometryCollection', geometries: [] })])),
    bad('coordinates as strings', collection([feature({ type: 'Polygon', coordinates: [[['104.7', '31.4']]] })])),
    bad('an infinite coordinate', good.replace(String(lng), '1e400')),
    bad('coordinates beyond 180°', collection([feature({ type: 'Polygon', coordinates: square(200, lat) })])),
    bad('projected coordinates (metres)', collection([feature({ type: 'Polygon', coordinates: square(500000, 3480000, 100) })])),
    bad('a ring that is not closed', collection([feature({ type: 'Polygon', coordinates: [square(lng, lat)[0]!.slice(0, 4)] })])),
    bad(
      'a ring of 3 points',
      collection([
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [lng, lat],
              [lng + 0.001, lat],
              [lng, lat],
            ],
          ],
        }),
      ]),
    ),
    bad('a polygon without rings', collection([feature({ type: 'Polygon', coordinates: [] })])),
    bad('an empty MultiPolygon', collection([feature({ type: 'MultiPolygon', coordinates: [] })])),
    bad('arrays nested 30,000 deep', `{"type":"FeatureCollection","features":[${'['.repeat(30_000)}${']'.repeat(30_000)}]}`),
    bad(
      'coordinates nested 10,000 deep',
      collection([feature({ type: 'Polygon', coordinates: 0 })]).replace('"coordinates":0', `"coordinates":${'['.repeat(10_000)}1${']'.repeat(10_000)}`),
    ),
    bad(
      '1,000 features (a community has at most 999 grids)',
      collection(Array.from({ length: 1000 }, (_, i) => feature({ type: 'Polygon', coordinates: square(lng + i * 0.0001, lat, 0.00005) }))),
    ),
    bad(
      'a crs in Web Mercator',
      JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } }, features: [] }),
    ),
    bad('a name with NUL', collection([feature({ type: 'Polygon', coordinates: square(lng, lat) }, { name: 'a\u0000b' })])),
    bad('a name of 101 characters', collection([feature({ type: 'Polygon', coordinates: square(lng, lat) }, { name: '网'.repeat(101) })])),
    bad('a square far from the community', collection([feature({ type: 'Polygon', coordinates: square(lng + 1, lat + 1) })])),
    bad(
      'a self-intersecting ring (a bow-tie)',
      collection([
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [lng, lat],
              [lng + 0.001, lat + 0.001],
              [lng + 0.001, lat],
              [lng, lat + 0.001],
              [lng, lat],
            ],
          ],
        }),
      ]),
    ),
    bad(
      'a ring of 500,001 vertices',
      collection([feature({ type: 'Polygon', coordinates: [[...Array.from({ length: 500_000 }, () => [lng, lat]), [lng, lat]]] })]),
    ),
  ];
}

/** Zips that are not a Shapefile, or lie about themselves. */
function badZips(): Array<[string, Buffer]> {
  const badZip = (name: string, body: Buffer): [string, Buffer] => [name, body];
  return [
    badZip('empty', Buffer.alloc(0)),
    badZip('not a zip', Buffer.from('PK\u0003\u0004 but nothing after')),
    badZip('a zip without a .shp', zip([{ name: 'readme.txt', data: Buffer.from('网格') }])),
    badZip(
      'two Shapefiles',
      zip([
        { name: 'a.shp', data: Buffer.alloc(100) },
        { name: 'b.shp', data: Buffer.alloc(100) },
      ]),
    ),
    badZip('a .shp of garbage with its .shx and .dbf', zip(['shp', 'shx', 'dbf'].map((ext) => ({ name: `g.${ext}`, data: Buffer.from('garbage garbage') })))),
    badZip('a path out of the zip', zip([{ name: '../../etc/g.shp', data: Buffer.alloc(100) }])),
    badZip('an entry that says it unpacks to 4 GB', zip([{ name: 'g.shp', data: Buffer.alloc(10), declaredSize: 0xfffffff0 }])),
    badZip('an entry larger than it says', zip([{ name: 'g.shp', data: Buffer.alloc(200_000), deflate: true, declaredSize: 10 }])),
    badZip('a bomb: 101 MB of zeros in 100 kB', zipBomb()),
    badZip('300 files', zip(Array.from({ length: 300 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') })))),
    badZip(
      'a .cpg in Klingon',
      zip([
        { name: 'g.shp', data: Buffer.alloc(100) },
        { name: 'g.cpg', data: Buffer.from('KLINGON') },
      ]),
    ),
  ];
}

/**
 * Plan files: bodies a careless or hostile planner sends as a file (not JSON, not GeoJSON, bombs,
 * lying zips, injected codes, huge feature counts), and exports asked for wrongly. Every refused
 * import answers 4xx and changes no plan, edit or state; planC's ETag stays as it is.
 */
export function planFileCases(c: HostileContext): HostileCase[] {
  const cases: HostileCase[] = [];
  const { lng, lat } = c.pointC;
  const importPath = `/api/v1/plans/${c.planC}/import`;
  const importing = 'POST /api/v1/plans/{id}/import';
  const geo = { 'content-type': 'application/geo+json', 'if-match': c.planCTag };
  const zipped = { 'content-type': 'application/zip', 'if-match': c.planCTag };
  const refused = (name: string, body: string | Buffer, headers: Record<string, string>, status = 422, code = 'plan_file_refused', path = importPath) => ({
    name: `${importing}: ${name}`,
    endpoint: importing,
    method: 'POST',
    path,
    body,
    headers,
    status,
    code,
  });
  const good = collection([feature({ type: 'Polygon', coordinates: square(lng, lat) }, { name: '网格' })]);

  // the request around the file
  cases.push(
    refused('no If-Match', good, { 'content-type': 'application/geo+json' }, 428, 'precondition_required'),
    refused('a stale revision', good, { ...geo, 'if-match': c.planCTag.replace(/r\d+"$/, 'r999"') }, 409, 'revision_mismatch'),
    refused("another plan's ETag", good, { ...geo, 'if-match': c.planBTag }, 409, 'revision_mismatch'),
    refused('GeoJSON sent as application/json', good, { ...geo, 'content-type': 'application/json' }, 415, 'unsupported_media_type'),
    refused('a CSV', 'code,name\n1,2', { ...geo, 'content-type': 'text/csv' }, 415, 'unsupported_media_type'),
    refused('no Content-Type', good, { 'if-match': c.planCTag }, 415, 'unsupported_media_type'),
    refused('a file over 20 MB', Buffer.alloc(21 * 1024 * 1024, 0x20), geo, 413, 'payload_too_large'),
    refused('a corrupt gzip body', gzipSync(good).subarray(0, 20), { ...geo, 'content-encoding': 'gzip' }, 400, 'invalid_encoding'),
    refused('gcj02=yes', good, geo, 400, 'invalid_query', `${importPath}?gcj02=yes`),
    refused('gcj02 twice', good, geo, 400, 'invalid_query', `${importPath}?gcj02=true&gcj02=true`),
    refused('an unknown query parameter', good, geo, 400, 'invalid_query', `${importPath}?srid=3857`),
    refused('a plan id that is not one', good, geo, 400, 'invalid_path', '/api/v1/plans/1e3/import'),
    refused('a plan that does not exist', good, { ...geo, 'if-match': '"plan-999999999-r1"' }, 404, 'not_found', '/api/v1/plans/999999999/import'),
    {
      ...refused("town B's plan, as the town A admin", good, { ...geo, 'if-match': c.planBTag }, 404, 'not_found', `/api/v1/plans/${c.planB}/import`),
      as: 'adminA',
    },
    { ...refused('as a dispatcher', good, geo, 403, 'forbidden'), as: 'dispatcherA' },
    { ...refused('as the wall', good, geo, 403, 'forbidden'), as: 'wallA' },
    { ...refused('without the CSRF token', good, geo, 403, 'csrf_failed'), as: 'noCsrf' },
  );

  // GeoJSON that is not a plan's grids
  const bad = (name: string, body: string | Buffer) => refused(`GeoJSON: ${name}`, body, geo);
  cases.push(...badGeoJson(lng, lat, good).map(([name, body]) => bad(name, body)));
  cases.push(
    bad('a code that is an object', collection([feature({ type: 'Polygon', coordinates: square(lng, lat) }, { code: { $ne: null } })])),
    bad("town B's grid code", collection([feature({ type: 'Polygon', coordinates: square(lng, lat) }, { code: c.gridB })])),
  );
  for (const code of injections) {
    cases.push(bad(`a code ${JSON.stringify(code).slice(0, 40)}`, collection([feature({ type: 'Polygon', coordinates: square(lng, lat) }, { code })])));
  }

  // zips that are not a Shapefile, or lie about themselves
  cases.push(...badZips().map(([name, body]) => refused(`zip: ${name}`, body, zipped)));

  // exports
  const exporting = 'GET /api/v1/plans/{id}/export';
  const exportCase = (name: string, path: string, status: HostileCase['status'], code?: string, as?: HostileCase['as']): HostileCase => ({
    name: `${exporting}: ${name}`,
    endpoint: exporting,
    path,
    status,
    code,
    ...(as ? { as } : {}),
  });
  const exportPath = `/api/v1/plans/${c.planC}/export`;
  cases.push(
    exportCase('GeoJSON', `${exportPath}?format=geojson`, '2xx'),
    exportCase('a zipped Shapefile', `${exportPath}?format=shapefile`, '2xx'),
    exportCase('an unknown format', `${exportPath}?format=kml`, 400, 'invalid_query'),
    exportCase('a format given twice', `${exportPath}?format=geojson&format=shapefile`, 400, 'invalid_query'),
    exportCase('an unknown parameter', `${exportPath}?srid=3857`, 400, 'invalid_query'),
    exportCase('a plan id that is not one', '/api/v1/plans/-1/export', 400, 'invalid_path'),
    exportCase('a plan that does not exist', '/api/v1/plans/999999999/export', 404, 'not_found'),
    exportCase("town B's plan, as the town A admin", `/api/v1/plans/${c.planB}/export`, 404, 'not_found', 'adminA'),
    exportCase('as a dispatcher', exportPath, 403, 'forbidden', 'dispatcherA'),
    exportCase('as the wall', exportPath, 403, 'forbidden', 'wallA'),
    exportCase('anonymous', exportPath, 401, 'unauthenticated', 'anonymous'),
  );
  return cases;
}

/**
 * Governance grid layers (综治网格): the same hostile files sent as a community's layer, codes that
 * are no department's codes, layers that contradict themselves, and reads and removals asked for
 * wrongly. Every refusal changes no layer (the community has none loaded, and keeps none).
 */
export function governanceFileCases(c: HostileContext): HostileCase[] {
  const { lng, lat } = c.pointC;
  const path = `/api/v1/communities/${c.communityC}/governance-grids`;
  const communityB = c.gridB.slice(0, 12);
  const geo = { 'content-type': 'application/geo+json' };
  const loading = 'PUT /api/v1/communities/{code}/governance-grids';
  const refused = (
    name: string,
    body: string | Buffer,
    headers: Record<string, string> = geo,
    status = 422,
    code = 'plan_file_refused',
    at = path,
  ): HostileCase => ({
    name: `${loading}: ${name}`,
    endpoint: loading,
    method: 'PUT',
    path: at,
    body,
    headers,
    status,
    code,
  });
  const polygon = (d = 0.001, dx = 0) => ({ type: 'Polygon', coordinates: square(lng + dx, lat, d) });
  const good = collection([feature(polygon(), { code: 'ZZ-01', name: '综治一网格' })]);
  const cases: HostileCase[] = [
    refused('GeoJSON sent as application/json', good, { 'content-type': 'application/json' }, 415, 'unsupported_media_type'),
    refused('a CSV', 'code,name\n1,2', { 'content-type': 'text/csv' }, 415, 'unsupported_media_type'),
    refused('no Content-Type', good, {}, 415, 'unsupported_media_type'),
    refused('a file over 20 MB', Buffer.alloc(21 * 1024 * 1024, 0x20), geo, 413, 'payload_too_large'),
    refused('a corrupt gzip body', gzipSync(good).subarray(0, 20), { ...geo, 'content-encoding': 'gzip' }, 400, 'invalid_encoding'),
    refused('gcj02=yes', good, geo, 400, 'invalid_query', `${path}?gcj02=yes`),
    refused('an unknown query parameter', good, geo, 400, 'invalid_query', `${path}?srid=3857`),
    refused('a community code of 11 digits', good, geo, 400, 'invalid_path', `/api/v1/communities/${c.communityC.slice(1)}/governance-grids`),
    refused('a community that does not exist', good, geo, 404, 'not_found', '/api/v1/communities/999999999999/governance-grids'),
    refused('a town, not a community', good, geo, 404, 'not_found', `/api/v1/communities/${c.townB}/governance-grids`),
    { ...refused("town B's community, as the town A admin", good, geo, 404, 'not_found', `/api/v1/communities/${communityB}/governance-grids`), as: 'adminA' },
    { ...refused('as a dispatcher', good, geo, 403, 'forbidden'), as: 'dispatcherA' },
    { ...refused('as the wall', good, geo, 403, 'forbidden'), as: 'wallA' },
    { ...refused('without the CSRF token', good, geo, 403, 'csrf_failed'), as: 'noCsrf' },
    ...badGeoJson(lng, lat, good).map(([name, body]) => refused(`GeoJSON: ${name}`, body)),
    ...badZips().map(([name, body]) => refused(`zip: ${name}`, body, { 'content-type': 'application/zip' })),
    refused('a code of 41 characters', collection([feature(polygon(), { code: 'Z'.repeat(41) })])),
    refused('a code with NUL', collection([feature(polygon(), { code: 'ZZ\u000001' })])),
    refused('a code that is an object', collection([feature(polygon(), { code: { $ne: null } })])),
    refused('two grids with one code', collection([feature(polygon(), { code: 'ZZ-01' }), feature(polygon(0.001, 0.002), { code: 'ZZ-01' })])),
    refused('two grids that overlap', collection([feature(polygon(0.002), { code: 'ZZ-01' }), feature(polygon(0.002, 0.001), { code: 'ZZ-02' })])),
  ];

  const reading = 'GET /api/v1/communities/{code}/governance-grids';
  const removing = 'DELETE /api/v1/communities/{code}/governance-grids';
  const call = (endpoint: string, name: string, at: string, status: HostileCase['status'], code?: string, as?: HostileCase['as']): HostileCase => ({
    name: `${endpoint}: ${name}`,
    endpoint,
    method: endpoint.split(' ')[0],
    path: at,
    status,
    code,
    ...(as ? { as } : {}),
  });
  cases.push(
    call(reading, 'in scope, none loaded', path, '2xx'),
    call(reading, 'a community code with letters', '/api/v1/communities/33010200100x/governance-grids', 400, 'invalid_path'),
    call(reading, "town B's community, as the town A admin", `/api/v1/communities/${communityB}/governance-grids`, 404, 'not_found', 'adminA'),
    call(reading, 'as a dispatcher', path, 403, 'forbidden', 'dispatcherA'),
    call(reading, 'as the wall', path, 403, 'forbidden', 'wallA'),
    call(reading, 'anonymous', path, 401, 'unauthenticated', 'anonymous'),
    call(removing, 'none loaded', path, 404, 'not_found'),
    call(removing, 'a community code of 13 digits', `/api/v1/communities/${c.communityC}0/governance-grids`, 400, 'invalid_path'),
    call(removing, "town B's community, as the town A admin", `/api/v1/communities/${communityB}/governance-grids`, 404, 'not_found', 'adminA'),
    call(removing, 'as a dispatcher', path, 403, 'forbidden', 'dispatcherA'),
    call(removing, 'without the CSRF token', path, 403, 'csrf_failed', 'noCsrf'),
    // RFC 7946 asks for counter-clockwise exterior rings, and says not to refuse the others
    {
      ...refused(
        'a ring wound clockwise, taken',
        collection([feature({ type: 'Polygon', coordinates: [square(lng, lat)[0]!.slice().reverse()] }, { code: 'ZZ-01' })]),
      ),
      status: '2xx',
      code: undefined,
      changes: { governance_layer: 1, governance_grid: 1, audit_log: 1 },
    },
    { ...call(removing, 'the layer just loaded', path, '2xx'), changes: { governance_layer: -1, governance_grid: -1, audit_log: 1 } },
  );
  return cases;
}
