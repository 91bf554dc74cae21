import { z } from 'zod';
import { MemberFilters } from './members.ts';
import { numericId } from './ids.ts';
import { queryInteger } from './numbers.ts';
import { text } from './text.ts';

/**
 * Registry files: members, organizations and service positions imported from CSV (UTF-8 with or
 * without BOM, or GBK, as Excel saves it) after a dry run that reports every bad row, and exported
 * to CSV (UTF-8 with BOM, CRLF, as Excel opens it) or GeoJSON with the columns the import takes.
 */

export const registryEntities = ['members', 'orgs', 'places'] as const;
export const RegistryEntity = z.enum(registryEntities, { error: 'must be members, orgs or places' });
export type RegistryEntity = z.infer<typeof RegistryEntity>;

/** At most this many bytes of CSV (100,000 members take about 12 MB). */
export const registryFileMaxBytes = 50 * 1024 * 1024;
/** At most this many data rows in one file. */
export const registryFileMaxRows = 200_000;
/** The report lists at most this many problems (and says when it left some off). */
export const registryReportMaxProblems = 10_000;

/** The media types an import takes: CSV as browsers and Excel label it. */
export const registryFileMediaTypes = ['text/csv', 'application/vnd.ms-excel', 'text/plain', 'application/octet-stream'] as const;

export const importModes = ['dry_run', 'all', 'good_rows'] as const;
/** Coordinates of the lng/lat columns: WGS-84 (CGCS2000 is taken as the same), GCJ-02 (高德, 腾讯) or BD-09 (百度). */
export const importCrses = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;

export const ImportQuery = z.strictObject({
  entity: RegistryEntity,
  /** dry_run writes nothing but the job; all refuses a file with any bad row; good_rows skips them */
  mode: z.enum(importModes, { error: 'must be dry_run, all or good_rows' }).optional().default('dry_run'),
  crs: z.enum(importCrses, { error: 'must be wgs84, cgcs2000, gcj02 or bd09' }).optional().default('wgs84'),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const importProblemCodes = [
  /** not CSV, not UTF-8 or GBK, no header or no rows, too many rows */
  'unreadable_file',
  /** a column the entity needs is not in the header */
  'missing_column',
  /** a header names a column the entity does not have (the wrong entity's file?) */
  'unknown_column',
  /** a value is not what the column takes (a date, a phone number, a kind …) */
  'invalid_value',
  /** the organization, area, record or building named is not in the caller's scope */
  'not_in_scope',
  /** the organization or building name matches more than one */
  'ambiguous',
  /** the address matches no building of the territory in scope */
  'unmatched_address',
  /** the same id twice in the file */
  'duplicate_id',
  /** a change the import does not make (a closed organization, another kind, a member who left …) */
  'refused_change',
] as const;
export const ImportProblemCode = z.enum(importProblemCodes);
export type ImportProblemCode = z.infer<typeof ImportProblemCode>;

export const ImportProblem = z.object({
  /** the file's line number (1 is the header; a quoted field with line breaks spans lines: its first) */
  line: z.number(),
  /** the column as the header names it; null for the whole file or row */
  column: z.string().nullable(),
  code: ImportProblemCode,
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportReport = z.object({
  entity: RegistryEntity,
  /** data rows read (the header not counted) */
  rows: z.number(),
  /** rows without a problem */
  good: z.number(),
  /** every problem, row by row (at most registryReportMaxProblems) */
  bad: z.array(ImportProblem),
  /** rows with at least one problem */
  bad_rows: z.number(),
  /** the report left problems off (more than registryReportMaxProblems) */
  truncated: z.boolean(),
  /** the file's encoding as read */
  encoding: z.enum(['utf-8', 'gbk']),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportJob = z.object({
  id: z.number(),
  entity: RegistryEntity,
  mode: z.enum(importModes),
  status: z.enum(['running', 'done', 'failed']),
  rows: z.number(),
  /** rows written so far (all of them once done) */
  processed: z.number(),
  created: z.number(),
  updated: z.number(),
  /** rows with an id whose values are those of the record already: no change, no history */
  unchanged: z.number(),
  /** bad rows left out (good_rows) */
  skipped: z.number(),
  report: ImportReport.nullable(),
  /** why a failed import failed; nothing of it was written */
  error: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportAccepted = z.object({ import: ImportJob });
export type ImportAccepted = z.infer<typeof ImportAccepted>;

/** `all` on a file with bad rows: nothing was written. */
export const ImportRefusal = z.object({
  error: z.object({ code: z.literal('import_has_errors'), message: z.string() }),
  report: ImportReport,
});
export type ImportRefusal = z.infer<typeof ImportRefusal>;

export const ImportParams = z.strictObject({ id: numericId('an import id') });

const areaCode = z.string({ error: 'must be a 12-digit area code' }).regex(/^[0-9]{12}$/, 'must be a 12-digit area code');
const search = text({ max: 100 });

/** Filters of a member export: every filter of the member list, an area's subtree, and a limit. */
export const MemberExportQuery = z.strictObject({
  ...MemberFilters.shape,
  area: areaCode.optional(),
  limit: queryInteger(1, registryFileMaxRows).optional(),
});
export type MemberExportQuery = z.infer<typeof MemberExportQuery>;

export const OrgExportQuery = z.strictObject({
  area: areaCode.optional(),
  kind: z.enum(['committee', 'general_branch', 'branch', 'group'], { error: 'must be committee, general_branch, branch or group' }).optional(),
  parent: numericId('an organization id').optional(),
  status: z.enum(['open', 'closed', 'all'], { error: 'must be open, closed or all' }).optional().default('open'),
  q: search.optional(),
  limit: queryInteger(1, registryFileMaxRows).optional(),
});
export type OrgExportQuery = z.infer<typeof OrgExportQuery>;

export const PlaceExportQuery = z.strictObject({
  area: areaCode.optional(),
  kind: z
    .enum(['service_center', 'service_station', 'center_household', 'education_site', 'model_site'], {
      error: 'must be service_center, service_station, center_household, education_site or model_site',
    })
    .optional(),
  status: z.enum(['open', 'closed', 'all'], { error: 'must be open, closed or all' }).optional().default('open'),
  q: search.optional(),
  limit: queryInteger(1, registryFileMaxRows).optional(),
});
export type PlaceExportQuery = z.infer<typeof PlaceExportQuery>;

/** The columns of each entity's file, in export order; the import takes the same (and the Chinese names). */
export const registryColumns = {
  members: [
    'id',
    'name',
    'gender',
    'birth_year',
    'org_id',
    'org_name',
    'lng',
    'lat',
    'address',
    'phone',
    'skills',
    'in_service',
    'mobile',
    'available',
    'joined_on',
    'registration_community',
  ],
  orgs: ['id', 'name', 'kind', 'sector', 'parent_id', 'parent_name', 'area_code', 'secretary_name', 'founded_on', 'lng', 'lat', 'address', 'grid_code'],
  places: ['id', 'kind', 'name', 'tier', 'area_code', 'address', 'lng', 'lat', 'opening_hours', 'services', 'contact_name', 'contact_phone'],
} as const satisfies Record<RegistryEntity, readonly string[]>;
export type RegistryColumn<E extends RegistryEntity> = (typeof registryColumns)[E][number];

/** An exported GeoJSON: points with the file's columns (less lng/lat) as properties. */
export const RegistryFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }).nullable(),
      properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    }),
  ),
});
export type RegistryFeatureCollection = z.infer<typeof RegistryFeatureCollection>;
