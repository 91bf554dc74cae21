import express, { Router, type Request } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { requirePermission, scopeOf } from '../auth/middleware.ts';
import { ErrorCode } from '../contract/error.ts';
import { PlanExportQuery, planFileMaxBytes, planFileMediaTypes, PlanImportQuery, type PlanFileRefusal } from '../contract/plan-files.ts';
import { PlanParams } from '../contract/plans.ts';
import { HttpError } from '../http/http-error.ts';
import { parseParams, parseQuery } from '../http/parse.ts';
import { ifMatchRevision, planEtag } from '../plans/revision.ts';
import { planView } from '../plans/view.ts';
import { exportPlan } from './export-plan.ts';
import { importPlanFile, PlanFileRefused } from './import-plan-file.ts';
import { fromGcj02, readGeoJson, readShapefileZip } from './read-file.ts';

const zipTypes = [planFileMediaTypes.zip, 'application/x-zip-compressed'];

/** The file's kind by its Content-Type, or 415. */
function kindOf(req: Request): 'geojson' | 'zip' {
  if (Buffer.isBuffer(req.body) || req.body === undefined) {
    if (req.is(planFileMediaTypes.geojson)) return 'geojson';
    if (req.is(zipTypes)) return 'zip';
  }
  throw new HttpError(
    415,
    'unsupported_media_type',
    `Send the file itself as the body, with Content-Type ${planFileMediaTypes.geojson} (GeoJSON) or ${planFileMediaTypes.zip} (a zipped Shapefile).`,
  );
}

export function planFilesRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('plan.read');
  const edit = requirePermission('plan.edit');
  // the file is the body: its own parser, with room for a community's grids (express.json takes 100 kB)
  const rawFile = express.raw({ type: [planFileMediaTypes.geojson, ...zipTypes], limit: planFileMaxBytes });

  router.post('/api/v1/plans/:id/import', edit, rawFile, async (req, res) => {
    const { id } = parseParams(PlanParams, req);
    const { gcj02 } = parseQuery(PlanImportQuery, req);
    const revision = ifMatchRevision(req, id);
    const kind = kindOf(req);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const file = kind === 'geojson' ? readGeoJson(body) : await readShapefileZip(body);
    if (gcj02) file.grids = fromGcj02(file.grids);
    try {
      await importPlanFile(db, actorOf(req), id, revision, file, { gcj02 }, scopeOf(req, 'plan.edit'));
    } catch (error) {
      if (!(error instanceof PlanFileRefused)) throw error;
      const refusal: PlanFileRefusal = { error: { code: error.code, message: error.message }, problems: error.problems };
      res.status(422).json(refusal);
      return;
    }
    const view = await planView(db, id, scopeOf(req, 'plan.read'));
    if (!view) throw new HttpError(404, ErrorCode.notFound, `No plan ${id} in your scope.`);
    res.set('ETag', planEtag(id, view.revision)).json(view);
  });

  router.get('/api/v1/plans/:id/export', read, async (req, res) => {
    const { id } = parseParams(PlanParams, req);
    const { format } = parseQuery(PlanExportQuery, req);
    const file = await exportPlan(db, id, scopeOf(req, 'plan.read'), format);
    if (!file) throw new HttpError(404, ErrorCode.notFound, `No plan ${id} in your scope.`);
    res.status(200).type(file.contentType).set('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });
  return router;
}
