import { Router } from 'express';
import type pg from 'pg';
import { scopeOf } from '../auth/scope.ts';
import { TileParams } from '../contract/tiles.ts';
import { parseParams } from '../http/parse.ts';
import { selectTile } from './queries.ts';

export function tilesRoutes(db: pg.Pool): Router {
  const router = Router();
  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    const { layer, z, x, y } = parseParams(TileParams, req);
    const tile = await selectTile(db, layer, z, x, y, scopeOf(req, 'territory.read'));
    res.set('Cache-Control', 'private, max-age=60').type('application/vnd.mapbox-vector-tile').send(tile);
  });
  return router;
}
