import { Router, type Request, type Response } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { requirePermission, scopeOf } from '../auth/middleware.ts';
import { ErrorCode } from '../contract/error.ts';
import { ApprovePlanBody, CreatePlanBody, PlanEdit, PlanParams, PlansQuery, RejectPlanBody, SubmitPlanBody } from '../contract/plans.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams, parseQuery } from '../http/parse.ts';
import { approvePlan, createPlan, editPlan, rejectPlan, stepPlan, submitPlan } from './commands.ts';
import { selectEdits, selectPlans } from './queries.ts';
import { ifMatchRevision, planEtag } from './revision.ts';
import { planSummary, planView } from './view.ts';

export function plansRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('plan.read');
  const edit = requirePermission('plan.edit');
  const review = requirePermission('plan.review');

  const answer = async (req: Request, res: Response, id: number, status = 200) => {
    const view = await planView(db, id, scopeOf(req, 'plan.read'));
    if (!view) throw new HttpError(404, ErrorCode.notFound, `No plan ${id} in your scope.`);
    res.status(status).set('ETag', planEtag(id, view.revision)).json(view);
  };

  router.get('/api/v1/plans', read, async (req, res) => {
    const { community } = parseQuery(PlansQuery, req);
    res.json({ plans: (await selectPlans(db, community, scopeOf(req, 'plan.read'))).map(planSummary) });
  });

  router.post('/api/v1/plans', edit, async (req, res) => {
    const body = parseBody(CreatePlanBody, req);
    const actor = actorOf(req);
    if (actor.userId === null) throw new HttpError(403, ErrorCode.forbidden, 'Plans are opened by a signed-in planner.');
    const id = await createPlan(db, { ...actor, userId: actor.userId }, body.community_code, body.title, scopeOf(req, 'plan.edit'));
    await answer(req, res, id, 201);
  });

  router.get('/api/v1/plans/:id', read, async (req, res) => {
    await answer(req, res, parseParams(PlanParams, req).id);
  });

  router.get('/api/v1/plans/:id/history', read, async (req, res) => {
    const { id } = parseParams(PlanParams, req);
    const view = await planView(db, id, scopeOf(req, 'plan.read'));
    if (!view) throw new HttpError(404, ErrorCode.notFound, `No plan ${id} in your scope.`);
    const edits = await selectEdits(db, id);
    res.json({
      edits: edits.map((e) => ({
        ...e,
        made_at: e.made_at.toISOString(),
        undone_at: e.undone_at?.toISOString() ?? null,
        discarded_at: e.discarded_at?.toISOString() ?? null,
      })),
    });
  });

  router.post('/api/v1/plans/:id/edits', edit, async (req, res) => {
    const { id } = parseParams(PlanParams, req);
    const body = parseBody(PlanEdit, req);
    await editPlan(db, actorOf(req), id, ifMatchRevision(req, id), body, scopeOf(req, 'plan.edit'));
    await answer(req, res, id);
  });

  const step = (direction: 'undo' | 'redo') => async (req: Request, res: Response) => {
    const { id } = parseParams(PlanParams, req);
    await stepPlan(db, actorOf(req), id, ifMatchRevision(req, id), direction, scopeOf(req, 'plan.edit'));
    await answer(req, res, id);
  };
  router.post('/api/v1/plans/:id/undo', edit, step('undo'));
  router.post('/api/v1/plans/:id/redo', edit, step('redo'));

  router.post('/api/v1/plans/:id/submit', edit, async (req, res) => {
    const { id } = parseParams(PlanParams, req);
    const { warnings_reason } = parseBody(SubmitPlanBody, req);
    await submitPlan(db, actorOf(req), id, ifMatchRevision(req, id), warnings_reason, scopeOf(req, 'plan.edit'));
    await answer(req, res, id);
  });

  router.post('/api/v1/plans/:id/approve', review, async (req, res) => {
    const { id } = parseParams(PlanParams, req);
    const { effective_on } = parseBody(ApprovePlanBody, req);
    await approvePlan(db, actorOf(req), id, ifMatchRevision(req, id), effective_on, scopeOf(req, 'plan.review'));
    await answer(req, res, id);
  });

  router.post('/api/v1/plans/:id/reject', review, async (req, res) => {
    const { id } = parseParams(PlanParams, req);
    const { reason } = parseBody(RejectPlanBody, req);
    await rejectPlan(db, actorOf(req), id, ifMatchRevision(req, id), reason, scopeOf(req, 'plan.review'));
    await answer(req, res, id);
  });
  return router;
}
