import { Router } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { requirePermission, scopeOf } from '../auth/middleware.ts';
import { ErrorCode } from '../contract/error.ts';
import { PlanExportQuery } from '../contract/plan-files.ts';
import { PlanParams } from '../contract/plans.ts';
import { HttpError } from '../http/http-error.ts';
import { parseParams, parseQuery } from '../http/parse.ts';
import { ifMatchRevision, planEtag } from '../plans/revision.ts';
import { planView } from '../plans/view.ts';
import { exportPlan } from './export-plan.ts';
import { importPlanFile } from './import-plan-file.ts';
import { answeringRefusal, rawFile, readUpload } from './upload.ts';

export function planFilesRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('plan.read');
  const edit = requirePermission('plan.edit');

  router.post('/api/v1/plans/:id/import', edit, rawFile, async (req, res) => {
    const { id } = parseParams(PlanParams, req);
    const revision = ifMatchRevision(req, id);
    const { file, gcj02 } = await readUpload(req, 'plan');
    if (!(await answeringRefusal(res, () => importPlanFile(db, actorOf(req), id, revision, file, { gcj02 }, scopeOf(req, 'plan.edit'))))) return;
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
