import { Router } from 'express';
import { principalOf } from '../auth/middleware.ts';
import { scopeFor } from '../auth/principal.ts';
import { ErrorCode } from '../contract/error.ts';
import { decimalInteger } from '../contract/numbers.ts';
import { HttpError } from '../http/http-error.ts';
import type { LiveHub } from './hub.ts';

/** GET /api/v1/live: server-sent events (case and dispatch ids) for any signed-in caller or wall. */
export function liveRoutes(hub: LiveHub | undefined): Router {
  const router = Router();
  router.get('/api/v1/live', async (req, res) => {
    const scope = scopeFor(principalOf(req), 'case.view');
    if (!hub) {
      throw new HttpError(503, ErrorCode.liveUnavailable, 'The live stream is not running.');
    }
    // a malformed id (not decimal digits) replays nothing, as if none were sent
    const raw = req.get('last-event-id') ?? req.query.lastEventId;
    await hub.subscribe(res, scope, decimalInteger(typeof raw === 'string' ? raw : undefined));
  });
  return router;
}
