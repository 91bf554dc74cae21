import type { Queryable } from '../db/transaction.ts';
import { failLostImportJob, selectImportJob, type ImportJobRow } from './job.queries.ts';

/** A job as its starter polls it; one lost with a stopped server is answered as failed. */
export async function pollImportJob(db: Queryable, id: number, actorId: number | null): Promise<ImportJobRow | undefined> {
  await failLostImportJob(db, id);
  return selectImportJob(db, id, actorId);
}
