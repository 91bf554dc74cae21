import { Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { numericId } from '../contract/ids.ts';
import { requirePermission, scopeOf } from '../auth/middleware.ts';
import { actorOf } from '../auth/actor.ts';
import { Scope } from '../auth/scope.ts';
import { CasesQuery, CreateCaseBody, IdempotencyKey, idempotencyHeader } from '../contract/cases.ts';
import { StartDispatchBody } from '../contract/dispatch.ts';
import { ErrorCode } from '../contract/error.ts';
import type { DispatchPolicy } from '../dispatch/engine.ts';
import { startDispatch } from '../dispatch/service.ts';
import { readDispatch } from '../dispatch/view.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams, parseQuery } from '../http/parse.ts';
import { FeedQuery } from '../contract/stats.ts';
import { closeCase } from './close-case.ts';
import { createCase } from './create-case.ts';
import { presentCase, presentFeedCase } from './present.ts';
import { selectCase, selectCases, selectFeed, selectTimeline } from './queries.ts';

const CaseParams = z.object({ id: numericId('a case id') });

export function casesRoutes(db: pg.Pool, policy: DispatchPolicy): Router {
  const router = Router();
  const manage = requirePermission('case.manage');

  const load = async (id: number, scope: Scope) => {
    const row = await selectCase(db, id, scope);
    if (!row) throw new HttpError(404, ErrorCode.notFound, `No case ${id} in your scope.`);
    return presentCase(row, await selectTimeline(db, id));
  };

  router.post('/api/v1/cases', manage, async (req, res) => {
    const keyParse = IdempotencyKey.safeParse(req.get(idempotencyHeader));
    if (!keyParse.success)
      throw new HttpError(400, ErrorCode.missingIdempotencyKey, keyParse.error.issues[0]?.message ?? 'the Idempotency-Key header is required');
    const body = parseBody(CreateCaseBody, req);
    const { row, created } = await createCase(db, body, keyParse.data, actorOf(req), scopeOf(req, 'case.manage'));
    res
      .status(created ? 201 : 200)
      .set('Idempotent-Replayed', String(!created))
      .json(await load(row.id, Scope.everything()));
  });

  router.get('/api/v1/cases', manage, async (req, res) => {
    const { status } = parseQuery(CasesQuery, req);
    const rows = await selectCases(db, status, scopeOf(req, 'case.manage'));
    res.json({
      cases: rows.map((r) => {
        const { timeline: _, ...view } = presentCase(r, []);
        return view;
      }),
    });
  });

  router.get('/api/v1/cases/feed', requirePermission('case.view'), async (req, res) => {
    const { area, limit } = parseQuery(FeedQuery, req);
    const rows = await selectFeed(db, scopeOf(req, 'case.view'), area === undefined ? null : Scope.of([area]), limit);
    res.json({ cases: rows.map(presentFeedCase) });
  });

  router.get('/api/v1/cases/:id', manage, async (req, res) => {
    const { id } = parseParams(CaseParams, req);
    res.json(await load(id, scopeOf(req, 'case.manage')));
  });

  router.post('/api/v1/cases/:id/close', manage, async (req, res) => {
    const { id } = parseParams(CaseParams, req);
    await closeCase(db, actorOf(req), id, scopeOf(req, 'case.manage'));
    res.json(await load(id, scopeOf(req, 'case.manage')));
  });

  router.post('/api/v1/cases/:id/dispatch', requirePermission('dispatch.manage'), async (req, res) => {
    const { id } = parseParams(CaseParams, req);
    const body = parseBody(StartDispatchBody, req);
    const view = await load(id, scopeOf(req, 'case.manage'));
    if (view.status === 'closed') throw new HttpError(409, ErrorCode.conflict, 'The case is closed.');
    const scope = scopeOf(req, 'dispatch.manage');
    const dispatchId = await startDispatch(db, id, body, scope, actorOf(req), policy);
    res
      .status(201)
      .location(`/api/v1/dispatches/${dispatchId}`)
      .json(await readDispatch(db, actorOf(req), dispatchId, scope));
  });
  return router;
}
