import { Router, type Request } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { scopeFor } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { CloseOrgBody, CreateOrgBody, MergeOrgBody, MoveOrgBody, OrgParams, OrgsQuery, UpdateOrgBody } from '../contract/orgs.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams, parseQuery } from '../http/parse.ts';
import { closeOrg, createOrg, mergeOrg, moveOrg, updateOrg } from './commands.ts';
import { presentOrg } from './present.ts';
import { selectOrgs } from './queries.ts';
import { readOrg } from './read-org.ts';

export function orgsRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('org.read');
  const edit = requirePermission('registry.edit');

  const answer = async (req: Request, id: number) => {
    const record = await readOrg(db, id, scopeFor(principalOf(req), 'org.read'));
    if (!record) throw new HttpError(404, ErrorCode.notFound, `No organization ${id} in your scope.`);
    return record;
  };

  router.get('/api/v1/orgs', read, async (req, res) => {
    const { area, limit, ...filter } = parseQuery(OrgsQuery, req);
    const rows = await selectOrgs(db, { ...filter, limit, area: area === undefined ? undefined : Scope.of([area]) }, scopeFor(principalOf(req), 'org.read'));
    const page = rows.slice(0, limit);
    res.json({ orgs: page.map(presentOrg), next_after: rows.length > limit ? (page.at(-1)?.id ?? null) : null });
  });

  router.get('/api/v1/orgs/:id', read, async (req, res) => {
    const { id } = parseParams(OrgParams, req);
    res.json(await answer(req, id));
  });

  router.post('/api/v1/orgs', edit, async (req, res) => {
    const body = parseBody(CreateOrgBody, req);
    const id = await createOrg(db, actorOf(req), body, scopeFor(principalOf(req), 'registry.edit'));
    res
      .status(201)
      .location(`/api/v1/orgs/${id}`)
      .json(await answer(req, id));
  });

  router.patch('/api/v1/orgs/:id', edit, async (req, res) => {
    const { id } = parseParams(OrgParams, req);
    const body = parseBody(UpdateOrgBody, req);
    await updateOrg(db, actorOf(req), id, body, scopeFor(principalOf(req), 'registry.edit'));
    res.json(await answer(req, id));
  });

  router.post('/api/v1/orgs/:id/move', edit, async (req, res) => {
    const { id } = parseParams(OrgParams, req);
    const body = parseBody(MoveOrgBody, req);
    await moveOrg(db, actorOf(req), id, body, scopeFor(principalOf(req), 'registry.edit'));
    res.json(await answer(req, id));
  });

  router.post('/api/v1/orgs/:id/merge', edit, async (req, res) => {
    const { id } = parseParams(OrgParams, req);
    const body = parseBody(MergeOrgBody, req);
    const survivor = await mergeOrg(db, actorOf(req), id, body, scopeFor(principalOf(req), 'registry.edit'));
    res.json(await answer(req, survivor));
  });

  router.post('/api/v1/orgs/:id/close', edit, async (req, res) => {
    const { id } = parseParams(OrgParams, req);
    const body = parseBody(CloseOrgBody, req);
    await closeOrg(db, actorOf(req), id, body, scopeFor(principalOf(req), 'registry.edit'));
    res.json(await answer(req, id));
  });
  return router;
}
