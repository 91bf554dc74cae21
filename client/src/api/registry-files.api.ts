import type { ImportCrs, RegistryEntity, ImportJob, ImportMode, ImportReport } from './contract.ts';
import { ApiError, getJson, request } from './http.ts';

export type ImportAnswer = { kind: 'report'; report: ImportReport } | { kind: 'job'; job: ImportJob };

/**
 * `POST /api/v1/registry/imports`: a dry run answers the report; `all` or `good_rows` starts a job
 * (202) to poll. `all` with bad rows is refused (422 import_has_errors) with the report.
 */
export async function sendImport(file: File, entity: RegistryEntity, mode: ImportMode, crs: ImportCrs): Promise<ImportAnswer> {
  const path = `/api/v1/registry/imports?entity=${entity}&mode=${mode}&crs=${crs}`;
  const answer = await request<ImportReport | { import: ImportJob }>(path, { method: 'POST', raw: file, headers: { 'content-type': 'text/csv' } });
  return 'import' in answer ? { kind: 'job', job: answer.import } : { kind: 'report', report: answer };
}

/** `GET /api/v1/registry/imports/{id}`: the job's progress and result. */
export function fetchImport(id: number, signal?: AbortSignal): Promise<ImportJob> {
  return getJson<ImportJob>(`/api/v1/registry/imports/${id}`, signal);
}

/** The report a refused import carries. */
export function refusedReport(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || error.code !== 'import_has_errors') return null;
  const body = error.body as { report?: ImportReport } | null;
  return body?.report ?? null;
}

/** Where a filtered list is exported (a plain link: the browser downloads it with the session cookie). */
export function exportUrl(entity: RegistryEntity, format: 'csv' | 'geojson', query: string): string {
  return `/api/v1/registry/exports/${entity}.${format}${query}`;
}
