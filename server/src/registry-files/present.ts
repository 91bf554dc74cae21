import type { ImportJob } from '../contract/registry-files.ts';
import type { ImportJobRow } from './job.queries.ts';

export function presentJob(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    entity: row.entity,
    mode: row.mode,
    status: row.status,
    rows: row.rows,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    skipped: row.skipped,
    report: row.report,
    error: row.error,
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}
