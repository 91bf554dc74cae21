import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ImportAccepted,
  ImportJob,
  importCrses,
  importModes,
  ImportRefusal,
  ImportReport,
  registryEntities,
  RegistryFeatureCollection,
  registryFileMediaTypes,
} from '../contract/registry-files.ts';
import { denied, errorResponse, idParam, json, named, operations, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = {
  name: 'registry files',
  description:
    'Members, organizations and service positions in and out as spreadsheets: a CSV import (UTF-8 with or without BOM, or GBK, as Excel saves it; ' +
    'WGS-84/CGCS2000, GCJ-02 or BD-09 coordinates, or an address naming a building) that always starts with a dry run reporting every bad row ' +
    '(line, column, reason) and writes nothing; then all rows (when clean) or the good ones, in one transaction with history and an audit record, ' +
    'as a job to poll. Exports of a filtered list as CSV (UTF-8 BOM, CRLF, the import’s columns: a re-import changes nothing) or GeoJSON, audited. ' +
    'Secretaries and admins (registry.files), in their scope.',
};

const csv = z.string().meta({ description: 'CSV text' });
const importQuery = z.object({
  entity: z.enum(registryEntities).meta({ description: 'what the file holds' }),
  mode: z
    .enum(importModes)
    .optional()
    .meta({ description: 'dry_run (the default) writes nothing but the job; all refuses a file with bad rows; good_rows skips them' }),
  crs: z.enum(importCrses).optional().meta({ description: 'the lng/lat columns’ coordinates (default wgs84; cgcs2000 is taken as it)' }),
});
const exportQuery = z.object({
  area: z.string().optional().meta({ description: 'a 12-digit area code: records whose area is in its subtree' }),
  status: z.string().optional().meta({ description: 'members: current (default), left, all; orgs and places: open (default), closed, all' }),
  q: z.string().optional().meta({ description: 'name contains' }),
  org: z.string().optional().meta({ description: 'members: of this organization' }),
  kind: z.string().optional().meta({ description: 'orgs and places: of this kind' }),
  parent: z.string().optional().meta({ description: 'orgs: under this organization' }),
  limit: z.string().optional().meta({ description: 'at most this many rows' }),
});

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  const report = named(ImportReport, 'ImportReport');
  const job = named(ImportJob, 'ImportJob');
  operation({
    method: 'post',
    path: '/api/v1/registry/imports',
    operationId: 'importRegistryFile',
    security: security.write,
    summary: 'Import members, organizations or service positions from CSV: a dry run, or all / the good rows (secretary, admin)',
    description:
      'The body is the file. Columns (a header row; Chinese names accepted): members id?, name, gender, birth_year, org_id|org_name, lng, lat | address, ' +
      'phone, skills (;-separated), in_service, mobile, available, joined_on, registration_community; orgs id?, name, kind, sector, parent_id|parent_name, ' +
      'area_code, secretary_name, founded_on, lng, lat | address, grid_code; places id?, kind, name, tier, area_code, address, lng, lat, opening_hours, ' +
      'services, contact_name, contact_phone. A row with an id updates that record (in scope); identical values are counted unchanged and leave no history. ' +
      'Columns left out of the file keep their values. Organizations are named by id or exact name and must be open and in your scope; an address ' +
      'must name one building in your scope. A cell starting with an apostrophe before = + - @ is read without it.',
    request: { query: importQuery, body: { content: Object.fromEntries(registryFileMediaTypes.map((t) => [t, { schema: csv }])) } },
    responses: {
      200: json(report, 'dry_run: every problem of the file; only the job was recorded'),
      202: json(named(ImportAccepted, 'ImportAccepted'), 'The import runs: poll GET /api/v1/registry/imports/{id} (Location)'),
      400: errorResponse('invalid_query'),
      413: errorResponse('payload_too_large: more than 50 MB'),
      415: errorResponse('unsupported_media_type: the body is not text/csv'),
      422: json(named(ImportRefusal, 'ImportRefusal'), 'import_has_errors: the file has bad rows (all) or cannot be read at all; nothing was written'),
      ...denied,
    },
  });
  operation({
    method: 'get',
    path: '/api/v1/registry/imports/{id}',
    operationId: 'getRegistryImport',
    security: security.session,
    summary: 'An import of yours: its progress, counts and report (secretary, admin)',
    request: { params: idParam },
    responses: {
      200: json(job, 'The job: running (processed grows), done (committed) or failed (nothing written)'),
      400: errorResponse('invalid_path'),
      404: errorResponse('not_found: no such import of yours'),
      ...denied,
    },
  });
  for (const entity of registryEntities) {
    const title = entity === 'members' ? 'Members' : entity === 'orgs' ? 'Organizations' : 'Service positions';
    const exact = entity === 'members' ? ' with exact homes and phones' : '';
    operation({
      method: 'get',
      path: `/api/v1/registry/exports/${entity}.csv`,
      operationId: `export${title.replace(/ (\w)/, (_, c: string) => c.toUpperCase())}Csv`,
      security: security.session,
      summary: `${title} in your scope as CSV${exact} (secretary, admin; audited)`,
      description:
        'UTF-8 with BOM and CRLF, as Excel opens it; the import’s columns, so that a re-import changes nothing. Cells that would start a formula get a leading apostrophe.',
      request: { query: exportQuery },
      responses: {
        200: { description: 'The file, as an attachment', content: { 'text/csv': { schema: csv } } },
        400: errorResponse('invalid_query'),
        ...denied,
      },
    });
    operation({
      method: 'get',
      path: `/api/v1/registry/exports/${entity}.geojson`,
      operationId: `export${title.replace(/ (\w)/, (_, c: string) => c.toUpperCase())}GeoJson`,
      security: security.session,
      summary: `${title} in your scope as GeoJSON points${exact} (secretary, admin; audited)`,
      request: { query: exportQuery },
      responses: {
        200: {
          description: 'A FeatureCollection of points (WGS-84) with the CSV’s columns as properties',
          content: { 'application/geo+json': { schema: named(RegistryFeatureCollection, 'RegistryFeatureCollection') } },
        },
        400: errorResponse('invalid_query'),
        ...denied,
      },
    });
  }
}
