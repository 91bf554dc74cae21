import { Router } from 'express';
import { principalOf } from '../auth/middleware.ts';
import { scopePatterns } from '../auth/principal.ts';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from '../http/http-error.ts';
import type { LiveHub } from './hub.ts';

/** GET /api/v1/live: server-sent events (case and dispatch ids) for any signed-in caller or wall. */
export function liveRoutes(hub: LiveHub | undefined): Router {
  const router = Router();
  router.get('/api/v1/live', async (req, res) => {
    const patterns = scopePatterns(principalOf(req), 'case.view');
    if (!hub) {
      throw new HttpError(503, ErrorCode.liveUnavailable, 'The live stream is not running.');
    }
    const lastEventId = Number(req.get('last-event-id') ?? req.query.lastEventId);
    await hub.subscribe(res, patterns, Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : undefined);
  });
  return router;
}
