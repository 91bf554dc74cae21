import { Router } from 'express';
import type pg from 'pg';
import { scopeOf } from '../auth/middleware.ts';
import { ErrorCode } from '../contract/error.ts';
import { LocateQuery, PlaceSearchQuery, type PlaceSearchResult } from '../contract/locate.ts';
import { HttpError } from '../http/http-error.ts';
import { parseQuery } from '../http/parse.ts';
import { presentLocation } from './present.ts';
import { selectLocation } from './queries.ts';
import { searchPlaces } from './search.queries.ts';

export function locateRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/api/v1/locate', async (req, res) => {
    const { lng, lat, at } = parseQuery(LocateQuery, req);
    const row = await selectLocation(db, lng, lat, scopeOf(req, 'territory.read'), at ?? null);
    if (!row) {
      throw new HttpError(404, ErrorCode.outsideTerritory, `The point ${lng},${lat} lies outside the territory you can see: no community or village there.`);
    }
    res.json(presentLocation([lng, lat], row));
  });

  router.get('/api/v1/locate/search', async (req, res) => {
    const { q, limit } = parseQuery(PlaceSearchQuery, req);
    const rows = await searchPlaces(db, q, limit, scopeOf(req, 'territory.read'));
    const answer: PlaceSearchResult = { results: rows.map((r) => ({ kind: r.kind, ref: r.ref, name: r.name, context: r.context, position: [r.lng, r.lat] })) };
    res.json(answer);
  });
  return router;
}
