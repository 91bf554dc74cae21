import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { registryFileMaxRows, type ImportQuery, type ImportReport, type RegistryEntity } from '../contract/registry-files.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { mapHeader } from './columns.ts';
import { decodeCsv } from './decode.ts';
import { failImportJob, finishImportJob, holdImportLock, insertImportJob, updateImportProgress, type ImportJobRow } from './job.queries.ts';
import { insertMembers, updateMembers } from './member.queries.ts';
import { memberHeaderProblems, planMembers } from './members.ts';
import { insertOrgs, updateOrgs } from './org.queries.ts';
import { orgHeaderProblems, planOrgs } from './orgs.ts';
import { insertPlaces, updatePlaces } from './place.queries.ts';
import { placeHeaderProblems, planPlaces } from './places.ts';
import { readCsv, UnreadableCsv, type CsvTable } from './read-csv.ts';
import { ProblemList } from './report.ts';

/** Rows per statement: progress is recorded after each. */
const chunkRows = 10_000;

type Writer = {
  subject: 'member' | 'org' | 'place';
  creates: number;
  updates: number;
  unchanged: number;
  insert(tx: Tx, from: number, to: number, importId: number, actorId: number | null): Promise<number>;
  update(tx: Tx, from: number, to: number, importId: number, actorId: number | null): Promise<number>;
};

function writer<C, U>(
  subject: Writer['subject'],
  plan: { creates: C[]; updates: U[]; unchanged: number },
  insert: (tx: Tx, rows: C[], id: number, actor: number | null) => Promise<number>,
  update: (tx: Tx, rows: U[], id: number, actor: number | null) => Promise<number>,
): Writer {
  return {
    subject,
    creates: plan.creates.length,
    updates: plan.updates.length,
    unchanged: plan.unchanged,
    insert: (tx, from, to, id, actor) => insert(tx, plan.creates.slice(from, to), id, actor),
    update: (tx, from, to, id, actor) => update(tx, plan.updates.slice(from, to), id, actor),
  };
}

/** Checks every row of a file against the registry in scope: the report, and the writes its good rows make. */
async function validate(db: pg.Pool, q: ImportQuery, bytes: Buffer, scope: Scope): Promise<{ report: ImportReport; writer: Writer | undefined }> {
  const { text, encoding } = decodeCsv(bytes);
  let table: CsvTable;
  try {
    table = readCsv(text, registryFileMaxRows);
  } catch (error) {
    if (!(error instanceof UnreadableCsv)) throw error;
    const problems = new ProblemList();
    problems.addFatal(null, 'unreadable_file', error.message);
    return { report: problems.report(q.entity, 0, encoding), writer: undefined };
  }
  const header = mapHeader(q.entity, table.header);
  const problems = new ProblemList(header.labels);
  for (const name of header.unknown) problems.addFatal(name, 'unknown_column', `${q.entity} files have no column ${name} (is this a file of another kind?)`);
  for (const name of header.repeated) problems.addFatal(name, 'unknown_column', `the column ${name} is named twice`);
  if (table.rows.length === 0) problems.addFatal(null, 'unreadable_file', 'the file has a header but no rows');
  const headerChecks: Record<RegistryEntity, typeof memberHeaderProblems> = {
    members: memberHeaderProblems,
    orgs: orgHeaderProblems,
    places: placeHeaderProblems,
  };
  headerChecks[q.entity](header, problems);
  let plan: Writer | undefined;
  if (!problems.fatal) {
    if (q.entity === 'members') plan = writer('member', await planMembers(db, table, header, scope, q.crs, problems), insertMembers, updateMembers);
    else if (q.entity === 'orgs') plan = writer('org', await planOrgs(db, table, header, scope, q.crs, problems), insertOrgs, updateOrgs);
    else plan = writer('place', await planPlaces(db, table, header, scope, q.crs, problems), insertPlaces, updatePlaces);
  }
  return { report: problems.report(q.entity, table.rows.length, encoding), writer: plan };
}

export type ImportStart =
  | { kind: 'dry_run'; report: ImportReport }
  | { kind: 'refused'; report: ImportReport }
  /** the job is running: call `run` after answering; it records progress, then done or failed */
  | { kind: 'accepted'; job: ImportJobRow; run: () => Promise<void> };

/**
 * A registry import: the file is read and every row validated first (nothing written but a dry
 * run's job). `all` refuses a file with any problem; `good_rows` imports the rest unless the file
 * as a whole is unreadable. The writes — rows, their history and one audit record — are one
 * transaction, run after the caller is answered, committing with the job's 'done'.
 */
export async function startImport(db: pg.Pool, actor: Actor, q: ImportQuery, bytes: Buffer, scope: Scope, auditScope: string | null): Promise<ImportStart> {
  const { report, writer: plan } = await validate(db, q, bytes, scope);
  if (q.mode === 'dry_run') {
    await insertImportJob(db, {
      entity: q.entity,
      mode: q.mode,
      rows: report.rows,
      skipped: report.bad_rows,
      unchanged: plan?.unchanged ?? 0,
      report,
      done: true,
      actorId: actor.userId,
    });
    return { kind: 'dry_run', report };
  }
  if (!plan || report.bad.some((p) => p.line === 1) || (q.mode === 'all' && report.bad.length > 0)) return { kind: 'refused', report };
  const job = await insertImportJob(db, {
    entity: q.entity,
    mode: q.mode,
    rows: report.rows,
    skipped: report.bad_rows,
    unchanged: plan.unchanged,
    report,
    done: false,
    actorId: actor.userId,
  });
  const run = async () => {
    try {
      await write(db, actor, job, plan, report, auditScope);
    } catch (error) {
      await failImportJob(db, job.id, `the import failed and wrote nothing: ${(error as Error).message}`);
      throw error;
    }
  };
  return { kind: 'accepted', job, run };
}

async function write(db: pg.Pool, actor: Actor, job: ImportJobRow, plan: Writer, report: ImportReport, auditScope: string | null): Promise<void> {
  await withTransaction(
    db,
    async (tx) => {
      await holdImportLock(tx, job.id);
      let processed = plan.unchanged;
      let created = 0;
      let updated = 0;
      for (let from = 0; from < plan.creates; from += chunkRows) {
        created += await plan.insert(tx, from, from + chunkRows, job.id, actor.userId);
        processed = plan.unchanged + created;
        await updateImportProgress(db, job.id, processed);
      }
      for (let from = 0; from < plan.updates; from += chunkRows) {
        updated += await plan.update(tx, from, from + chunkRows, job.id, actor.userId);
        processed = plan.unchanged + created + updated;
        await updateImportProgress(db, job.id, processed);
      }
      await audit(tx, actor, {
        action: 'registry.import',
        targetKind: plan.subject,
        scope: auditScope,
        detail: {
          import: job.id,
          entity: job.entity,
          mode: job.mode,
          rows: report.rows,
          created,
          updated,
          unchanged: plan.unchanged,
          skipped: report.bad_rows,
        },
      });
      await finishImportJob(tx, job.id, { processed, created, updated });
    },
    1,
  );
}
