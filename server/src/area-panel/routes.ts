import { Router } from 'express';
import type pg from 'pg';
import { principalOf, requirePermission } from '../auth/middleware.ts';
import { scopeFor } from '../auth/principal.ts';
import { AreaPanelParams, GridPanelParams } from '../contract/area-panel.ts';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from '../http/http-error.ts';
import { parseParams } from '../http/parse.ts';
import { readAreaPanel, readGridPanel } from './read-panel.ts';

/** The area panel of the Party-building map: an area's or a grid's organizations, members counted, positions, grids and work. */
export function areaPanelRoutes(db: pg.Pool): Router {
  const router = Router();
  const read = requirePermission('org.read');

  router.get('/api/v1/areas/:code/panel', read, async (req, res) => {
    const { code } = parseParams(AreaPanelParams, req);
    const panel = await readAreaPanel(db, code, scopeFor(principalOf(req), 'org.read'));
    if (!panel) throw new HttpError(404, ErrorCode.notFound, `No area ${code} in your scope.`);
    res.json(panel);
  });

  router.get('/api/v1/grids/:code/panel', read, async (req, res) => {
    const { code } = parseParams(GridPanelParams, req);
    const panel = await readGridPanel(db, code, scopeFor(principalOf(req), 'org.read'));
    if (!panel) throw new HttpError(404, ErrorCode.notFound, `No current grid ${code} in your scope.`);
    res.json(panel);
  });
  return router;
}
