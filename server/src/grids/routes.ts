import { Router } from 'express';
import type pg from 'pg';
import { scopeOf } from '../auth/middleware.ts';
import { ErrorCode } from '../contract/error.ts';
import { GridsQuery, maxBboxSpanDegrees } from '../contract/grids.ts';
import { HttpError } from '../http/http-error.ts';
import { parseQuery } from '../http/parse.ts';
import { selectGridCollection } from './queries.ts';

export function gridsRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/api/v1/grids', async (req, res) => {
    const { bbox } = parseQuery(GridsQuery, req);
    if (bbox.maxLng - bbox.minLng > maxBboxSpanDegrees || bbox.maxLat - bbox.minLat > maxBboxSpanDegrees) {
      throw new HttpError(400, ErrorCode.bboxTooLarge, `bbox may span at most ${maxBboxSpanDegrees}° in each direction; zoom in or use the grid tiles`);
    }
    res.type('application/geo+json').send(await selectGridCollection(db, bbox, scopeOf(req, 'territory.read')));
  });
  return router;
}
