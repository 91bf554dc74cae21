import express, { Router, type Request, type Response } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { grantsFor, scopeFor } from '../auth/principal.ts';
import { ErrorCode } from '../contract/error.ts';
import {
  ImportParams,
  ImportQuery,
  MemberExportQuery,
  OrgExportQuery,
  PlaceExportQuery,
  registryFileMaxBytes,
  registryFileMediaTypes,
  type ImportAccepted,
  type ImportRefusal,
  type RegistryEntity,
} from '../contract/registry-files.ts';
import { HttpError } from '../http/http-error.ts';
import { parseParams, parseQuery } from '../http/parse.ts';
import { exportRegistry, type ExportFilters, type ExportFormat } from './export-file.ts';
import { startImport } from './import-file.ts';
import { pollImportJob } from './poll-job.ts';
import { presentJob } from './present.ts';

/** The file is the body, with room for 100,000+ rows (express.json takes 100 kB); larger is 413. */
const rawCsv = express.raw({ type: [...registryFileMediaTypes], limit: registryFileMaxBytes });

/** The area code the audit log files a caller's registry work under: their registry.files grant. */
function auditScope(req: Request): string | null {
  return grantsFor(principalOf(req), 'registry.files')[0]?.scope ?? null;
}

function csvBody(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the CSV file itself as the body, with Content-Type text/csv.');
  }
  return req.body;
}

export function registryFilesRoutes(db: pg.Pool): Router {
  const router = Router();
  const files = requirePermission('registry.files');

  router.post('/api/v1/registry/imports', files, rawCsv, async (req, res) => {
    const q = parseQuery(ImportQuery, req);
    const body = csvBody(req);
    const actor = actorOf(req);
    const started = await startImport(db, actor, q, body, scopeFor(principalOf(req), 'registry.files'), auditScope(req));
    if (started.kind === 'dry_run') {
      res.json(started.report);
      return;
    }
    if (started.kind === 'refused') {
      const refusal: ImportRefusal = {
        error: {
          code: 'import_has_errors',
          message: `${started.report.bad_rows} of ${started.report.rows} rows have problems; nothing was imported. Fix them, or import the good rows with mode=good_rows.`,
        },
        report: started.report,
      };
      res.status(422).json(refusal);
      return;
    }
    const accepted: ImportAccepted = { import: presentJob(started.job) };
    res.status(202).location(`/api/v1/registry/imports/${started.job.id}`).json(accepted);
    started.run().catch((error: unknown) => req.log.error({ err: error, import: started.job.id }, 'registry import failed'));
  });

  router.get('/api/v1/registry/imports/:id', files, async (req, res) => {
    const { id } = parseParams(ImportParams, req);
    const job = await pollImportJob(db, id, actorOf(req).userId);
    if (!job) throw new HttpError(404, ErrorCode.notFound, `No import ${id} of yours.`);
    res.json(presentJob(job));
  });

  const exporter =
    <E extends RegistryEntity>(entity: E, format: ExportFormat, read: (req: Request) => ExportFilters[E]) =>
    async (req: Request, res: Response) => {
      const filters = read(req);
      const file = await exportRegistry(db, actorOf(req), entity, format, filters, scopeFor(principalOf(req), 'registry.files'), auditScope(req));
      res.status(200).type(file.contentType).set('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body);
    };
  const members = (req: Request) => parseQuery(MemberExportQuery, req);
  const orgs = (req: Request) => parseQuery(OrgExportQuery, req);
  const places = (req: Request) => parseQuery(PlaceExportQuery, req);
  router.get('/api/v1/registry/exports/members.csv', files, exporter('members', 'csv', members));
  router.get('/api/v1/registry/exports/members.geojson', files, exporter('members', 'geojson', members));
  router.get('/api/v1/registry/exports/orgs.csv', files, exporter('orgs', 'csv', orgs));
  router.get('/api/v1/registry/exports/orgs.geojson', files, exporter('orgs', 'geojson', orgs));
  router.get('/api/v1/registry/exports/places.csv', files, exporter('places', 'csv', places));
  router.get('/api/v1/registry/exports/places.geojson', files, exporter('places', 'geojson', places));
  return router;
}
