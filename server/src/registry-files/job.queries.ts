import type { ImportReport, RegistryEntity } from '../contract/registry-files.ts';
import type { Queryable } from '../db/transaction.ts';

export type ImportJobRow = {
  id: number;
  entity: RegistryEntity;
  mode: 'dry_run' | 'all' | 'good_rows';
  status: 'running' | 'done' | 'failed';
  rows: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  report: ImportReport | null;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
};

const columns = `id::float8 as id, entity, mode, status::text as status, rows, processed, created, updated, unchanged, skipped, report, error, started_at, finished_at`;

/** A job: a dry run is done at once (its report is the whole of it); an import starts running. */
export async function insertImportJob(
  db: Queryable,
  job: {
    entity: RegistryEntity;
    mode: ImportJobRow['mode'];
    rows: number;
    skipped: number;
    unchanged: number;
    report: ImportReport;
    done: boolean;
    actorId: number | null;
  },
): Promise<ImportJobRow> {
  const { rows } = await db.query<ImportJobRow>(
    `insert into registry_import (entity, mode, status, rows, skipped, unchanged, report, actor_id, finished_at)
     values ($1, $2, $3::registry_import_status, $4, $5, $6, $7::jsonb, $8, case when $3 = 'done' then now() end)
     returning ${columns}`,
    [job.entity, job.mode, job.done ? 'done' : 'running', job.rows, job.skipped, job.unchanged, JSON.stringify(job.report), job.actorId],
  );
  return rows[0]!;
}

/** Progress, from outside the import's transaction, so that a poll sees it. */
export async function updateImportProgress(db: Queryable, id: number, processed: number): Promise<void> {
  await db.query(`update registry_import set processed = $2 where id = $1 and status = 'running'`, [id, processed]);
}

/** Done, inside the import's transaction: the counts commit with the rows. */
export async function finishImportJob(db: Queryable, id: number, counts: { processed: number; created: number; updated: number }): Promise<void> {
  await db.query(`update registry_import set status = 'done', processed = $2, created = $3, updated = $4, finished_at = now() where id = $1`, [
    id,
    counts.processed,
    counts.created,
    counts.updated,
  ]);
}

export async function failImportJob(db: Queryable, id: number, error: string): Promise<void> {
  await db.query(`update registry_import set status = 'failed', error = $2, finished_at = now() where id = $1 and status = 'running'`, [
    id,
    error.slice(0, 1000),
  ]);
}

/** The lock a running import holds for its whole transaction, so a poll can tell it from a lost one. */
const importLock = `hashtext('redgrid.registry_import'), ($1::bigint % 2147483647)::int`;

export async function holdImportLock(tx: Queryable, id: number): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(${importLock})`, [id]);
}

/**
 * A job still 'running' a minute after it started whose lock nobody holds was lost with the server
 * that ran it (its transaction rolled back: nothing was written): it is marked failed, so the
 * caller polling it is told so instead of waiting for ever.
 */
export async function failLostImportJob(db: Queryable, id: number): Promise<void> {
  await db.query(
    `update registry_import
     set status = 'failed', finished_at = now(),
         error = 'the import was interrupted (the server stopped) and wrote nothing: run it again'
     where id = $1 and status = 'running' and started_at < now() - interval '1 minute'
       and pg_try_advisory_xact_lock(${importLock})`,
    [id],
  );
}

/** A job for the one who started it (anyone else is told there is none). */
export async function selectImportJob(db: Queryable, id: number, actorId: number | null): Promise<ImportJobRow | undefined> {
  const { rows } = await db.query<ImportJobRow>(
    `select ${columns} from registry_import where id = $1 and actor_id is not distinct from $2 and $2 is not null`,
    [id, actorId],
  );
  return rows[0];
}
