import { Router } from 'express';
import type pg from 'pg';

export function healthRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const { rows } = await db.query<{ postgis: string; areas: number }>(
      'select postgis_lib_version() as postgis, (select count(*) from area)::int as areas',
    );
    res.json({ status: 'ok', postgis: rows[0]?.postgis, areas: rows[0]?.areas });
  });
  return router;
}
