import { Router } from 'express';
import type pg from 'pg';
import { scopeOf } from '../auth/middleware.ts';
import { ErrorCode } from '../contract/error.ts';
import { GridCodeParams, GridsQuery, maxBboxSpanDegrees } from '../contract/grids.ts';
import { HttpError } from '../http/http-error.ts';
import { parseParams, parseQuery } from '../http/parse.ts';
import { selectGridCollection, selectGridHistory } from './queries.ts';

export function gridsRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/api/v1/grids', async (req, res) => {
    const { bbox, at } = parseQuery(GridsQuery, req);
    if (bbox.maxLng - bbox.minLng > maxBboxSpanDegrees || bbox.maxLat - bbox.minLat > maxBboxSpanDegrees) {
      throw new HttpError(400, ErrorCode.bboxTooLarge, `bbox may span at most ${maxBboxSpanDegrees}° in each direction; zoom in or use the grid tiles`);
    }
    res.type('application/geo+json').send(await selectGridCollection(db, bbox, scopeOf(req, 'territory.read'), at ?? null));
  });
  router.get('/api/v1/grids/:code/history', async (req, res) => {
    const { code } = parseParams(GridCodeParams, req);
    const history = await selectGridHistory(db, code, scopeOf(req, 'territory.read'));
    if (history === undefined) throw new HttpError(404, ErrorCode.notFound, `No grid ${code} in your scope`);
    res.type('application/json').send(history);
  });
  return router;
}
