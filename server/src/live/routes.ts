import { Router } from 'express';
import { principalOf } from '../auth/middleware.ts';
import type { LiveHub } from './hub.ts';

/** GET /api/v1/live: server-sent events (case and dispatch ids) for any signed-in caller or wall. */
export function liveRoutes(hub: LiveHub | undefined): Router {
  const router = Router();
  router.get('/api/v1/live', (req, res) => {
    principalOf(req);
    if (!hub) {
      res.status(503).json({ error: { code: 'live_unavailable', message: 'The live stream is not running.' } });
      return;
    }
    hub.subscribe(res);
  });
  return router;
}
