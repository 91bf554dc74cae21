import { Router, type Request } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { actorOf } from '../auth/actor.ts';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { scopeFor } from '../auth/principal.ts';
import { numericId } from '../contract/ids.ts';
import { ClosePlaceBody, CreatePlaceBody, HouseholdsBody, PlacesQuery, UpdatePlaceBody, type PlaceList } from '../contract/places.ts';
import { parseBody, parseParams, parseQuery } from '../http/parse.ts';
import { closePlace, createPlace, replaceHouseholds, updatePlace, type WriteScopes } from './commands.ts';
import { presentPlaceRecord, presentPlaceSummary } from './present.ts';
import { selectPlaces } from './queries.ts';
import { readPlace } from './read-place.ts';

const PlaceParams = z.object({ id: numericId('a place id') });

/** Writes in the registry.edit scope; center households shown exactly in the member.read_exact scope. */
function writeScopes(req: Request): WriteScopes {
  const principal = principalOf(req);
  return { edit: scopeFor(principal, 'registry.edit'), exact: scopeFor(principal, 'member.read_exact') };
}

export function placesRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('place.read');
  const edit = requirePermission('registry.edit');

  router.get('/api/v1/places', read, async (req, res) => {
    const query = parseQuery(PlacesQuery, req);
    const principal = principalOf(req);
    const rows = await selectPlaces(db, query, scopeFor(principal, 'place.read'), scopeFor(principal, 'member.read_exact'));
    const page = rows.slice(0, query.limit);
    const result: PlaceList = { places: page.map(presentPlaceSummary), next_after: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    res.json(result);
  });

  router.get('/api/v1/places/:id', read, async (req, res) => {
    const { id } = parseParams(PlaceParams, req);
    const principal = principalOf(req);
    const view = await readPlace(db, actorOf(req), id, { scope: scopeFor(principal, 'place.read'), exact: scopeFor(principal, 'member.read_exact') });
    res.json(presentPlaceRecord(view));
  });

  router.post('/api/v1/places', edit, async (req, res) => {
    const body = parseBody(CreatePlaceBody, req);
    res.status(201).json(presentPlaceRecord(await createPlace(db, actorOf(req), body, writeScopes(req))));
  });

  router.patch('/api/v1/places/:id', edit, async (req, res) => {
    const { id } = parseParams(PlaceParams, req);
    const body = parseBody(UpdatePlaceBody, req);
    res.json(presentPlaceRecord(await updatePlace(db, actorOf(req), id, body, writeScopes(req))));
  });

  router.post('/api/v1/places/:id/close', edit, async (req, res) => {
    const { id } = parseParams(PlaceParams, req);
    const body = parseBody(ClosePlaceBody, req);
    res.json(presentPlaceRecord(await closePlace(db, actorOf(req), id, body, writeScopes(req))));
  });

  router.put('/api/v1/places/:id/households', edit, async (req, res) => {
    const { id } = parseParams(PlaceParams, req);
    const body = parseBody(HouseholdsBody, req);
    res.json(presentPlaceRecord(await replaceHouseholds(db, actorOf(req), id, body, writeScopes(req))));
  });
  return router;
}
