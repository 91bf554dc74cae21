import { Router } from 'express';
import type pg from 'pg';
import { selectHealth } from './queries.ts';

export function healthRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const health = await selectHealth(db);
    res.json({ status: 'ok', postgis: health?.postgis, areas: health?.areas });
  });
  return router;
}
