import { Router, type Request } from 'express';
import type pg from 'pg';
import { actorOf } from '../auth/actor.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { grantsFor, scopeFor } from '../auth/principal.ts';
import { ErrorCode } from '../contract/error.ts';
import {
  CoverNewOrgBody,
  CreateNewOrgBody,
  NewOrgParams,
  NewOrgRule,
  NewOrgsQuery,
  RatesQuery,
  TargetBody,
  TownParams,
  TrackingQuery,
  UncoverNewOrgBody,
  UpdateNewOrgBody,
  type NewOrgList,
  type TrackingList,
} from '../contract/new-orgs.ts';
import { HttpError } from '../http/http-error.ts';
import { parseBody, parseParams, parseQuery } from '../http/parse.ts';
import { coverNewOrg, createNewOrg, replaceRule, setTownTarget, uncoverNewOrg, updateNewOrg, type WriteScopes } from './commands.ts';
import { presentNewOrg, presentRule, presentTrackingItem } from './present.ts';
import { selectNewOrgs, selectRule, selectTracking } from './queries.ts';
import { readNewOrg, readRates } from './read-new-org.ts';

function writeScopes(req: Request): WriteScopes {
  const principal = principalOf(req);
  return { edit: scopeFor(principal, 'registry.edit'), orgs: scopeFor(principal, 'org.read') };
}

/** 两新组织覆盖: the organizations, their rates, the tracking ledger (挂号销号), the towns' target days and the rule. */
export function newOrgsRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('org.read');
  const edit = requirePermission('registry.edit');

  const answer = async (req: Request, id: number) => {
    const record = await readNewOrg(db, id, scopeFor(principalOf(req), 'org.read'));
    if (!record) throw new HttpError(404, ErrorCode.notFound, `No new-type organization ${id} in your scope.`);
    return record;
  };

  router.get('/api/v1/new-orgs', read, async (req, res) => {
    const query = parseQuery(NewOrgsQuery, req);
    const rows = await selectNewOrgs(db, query, scopeFor(principalOf(req), 'org.read'));
    const page = rows.slice(0, query.limit);
    const result: NewOrgList = { new_orgs: page.map(presentNewOrg), next_after: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    res.json(result);
  });

  router.get('/api/v1/new-orgs/rates', read, async (req, res) => {
    const { area } = parseQuery(RatesQuery, req);
    const principal = principalOf(req);
    const code = area ?? grantsFor(principal, 'org.read')[0]!.scope;
    const rates = await readRates(db, code, scopeFor(principal, 'org.read'));
    if (!rates) throw new HttpError(404, ErrorCode.notFound, `No area ${code} in your scope.`);
    res.json(rates);
  });

  router.get('/api/v1/new-orgs/tracking', read, async (req, res) => {
    const query = parseQuery(TrackingQuery, req);
    const rows = await selectTracking(db, query, scopeFor(principalOf(req), 'org.read'));
    const page = rows.slice(0, query.limit);
    const result: TrackingList = { entries: page.map(presentTrackingItem), next_after: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    res.json(result);
  });

  router.put('/api/v1/new-orgs/targets/:town', edit, async (req, res) => {
    const { town } = parseParams(TownParams, req);
    const body = parseBody(TargetBody, req);
    res.json(await setTownTarget(db, actorOf(req), town, body, scopeFor(principalOf(req), 'registry.edit')));
  });

  router.get('/api/v1/new-orgs/rule', read, async (_req, res) => {
    res.json(presentRule(await selectRule(db)));
  });

  router.put('/api/v1/new-orgs/rule', requirePermission('registry.rules'), async (req, res) => {
    const rule = parseBody(NewOrgRule, req);
    await replaceRule(db, actorOf(req), grantsFor(principalOf(req), 'registry.rules')[0]?.scope ?? null, rule);
    res.json(presentRule(await selectRule(db)));
  });

  router.get('/api/v1/new-orgs/:id', read, async (req, res) => {
    const { id } = parseParams(NewOrgParams, req);
    res.json(await answer(req, id));
  });

  router.post('/api/v1/new-orgs', edit, async (req, res) => {
    const body = parseBody(CreateNewOrgBody, req);
    const id = await createNewOrg(db, actorOf(req), body, writeScopes(req));
    res
      .status(201)
      .location(`/api/v1/new-orgs/${id}`)
      .json(await answer(req, id));
  });

  router.patch('/api/v1/new-orgs/:id', edit, async (req, res) => {
    const { id } = parseParams(NewOrgParams, req);
    const body = parseBody(UpdateNewOrgBody, req);
    await updateNewOrg(db, actorOf(req), id, body, writeScopes(req));
    res.json(await answer(req, id));
  });

  router.post('/api/v1/new-orgs/:id/cover', edit, async (req, res) => {
    const { id } = parseParams(NewOrgParams, req);
    const body = parseBody(CoverNewOrgBody, req);
    await coverNewOrg(db, actorOf(req), id, body, writeScopes(req));
    res.json(await answer(req, id));
  });

  router.post('/api/v1/new-orgs/:id/uncover', edit, async (req, res) => {
    const { id } = parseParams(NewOrgParams, req);
    const body = parseBody(UncoverNewOrgBody, req);
    await uncoverNewOrg(db, actorOf(req), id, body, writeScopes(req));
    res.json(await answer(req, id));
  });
  return router;
}
