import { Router } from 'express';
import type pg from 'pg';
import { scopeOf } from '../auth/middleware.ts';
import { AreasQuery } from '../contract/areas.ts';
import { parseQuery } from '../http/parse.ts';
import { selectAreaCollection } from './queries.ts';

export function areasRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/api/v1/areas', async (req, res) => {
    const query = parseQuery(AreasQuery, req);
    res.type('application/geo+json').send(await selectAreaCollection(db, query, scopeOf(req, 'territory.read')));
  });
  return router;
}
