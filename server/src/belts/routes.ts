import { Router, type Request } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { requirePermission, scopeOf } from '../auth/middleware.ts';
import { Scope } from '../auth/scope.ts';
import { BeltParams, BeltSitesBody, BeltsQuery, CreateBeltBody, PreviewBeltBody, UpdateBeltBody, type BeltList } from '../contract/belts.ts';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams, parseQuery } from '../http/parse.ts';
import { createBelt, deleteBelt, previewBelt, replaceBeltSites, updateBelt } from './commands.ts';
import { presentBeltSummary } from './present.ts';
import { selectBelts } from './queries.ts';
import { readBelt } from './read-belt.ts';

/** 示范带: read with org.read, drawn and kept with registry.edit, each in the caller's scope. */
export function beltsRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('org.read');
  const edit = requirePermission('registry.edit');

  const answer = async (req: Request, id: number) => {
    const record = await readBelt(db, id, scopeOf(req, 'org.read'));
    if (!record) throw new HttpError(404, ErrorCode.notFound, `No model belt ${id} in your scope.`);
    return record;
  };

  router.get('/api/v1/belts', read, async (req, res) => {
    const { area, limit, ...filter } = parseQuery(BeltsQuery, req);
    const rows = await selectBelts(db, { ...filter, limit, area: area === undefined ? undefined : Scope.of([area]) }, scopeOf(req, 'org.read'));
    const page = rows.slice(0, limit);
    const result: BeltList = { belts: page.map(presentBeltSummary), next_after: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
    res.json(result);
  });

  router.get('/api/v1/belts/:id', read, async (req, res) => {
    const { id } = parseParams(BeltParams, req);
    res.json(await answer(req, id));
  });

  router.post('/api/v1/belts/preview', edit, async (req, res) => {
    const body = parseBody(PreviewBeltBody, req);
    res.json(await previewBelt(db, body, scopeOf(req, 'registry.edit')));
  });

  router.post('/api/v1/belts', edit, async (req, res) => {
    const body = parseBody(CreateBeltBody, req);
    const id = await createBelt(db, actorOf(req), body, scopeOf(req, 'registry.edit'));
    res
      .status(201)
      .location(`/api/v1/belts/${id}`)
      .json(await answer(req, id));
  });

  router.patch('/api/v1/belts/:id', edit, async (req, res) => {
    const { id } = parseParams(BeltParams, req);
    const body = parseBody(UpdateBeltBody, req);
    await updateBelt(db, actorOf(req), id, body, scopeOf(req, 'registry.edit'));
    res.json(await answer(req, id));
  });

  router.put('/api/v1/belts/:id/sites', edit, async (req, res) => {
    const { id } = parseParams(BeltParams, req);
    const body = parseBody(BeltSitesBody, req);
    await replaceBeltSites(db, actorOf(req), id, body, scopeOf(req, 'registry.edit'));
    res.json(await answer(req, id));
  });

  router.delete('/api/v1/belts/:id', edit, async (req, res) => {
    const { id } = parseParams(BeltParams, req);
    await deleteBelt(db, actorOf(req), id, scopeOf(req, 'registry.edit'));
    res.status(204).end();
  });
  return router;
}
