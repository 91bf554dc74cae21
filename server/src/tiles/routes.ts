import { Router } from 'express';
import type pg from 'pg';
import { principalOf } from '../auth/middleware.ts';
import type { Permission } from '../auth/permissions.ts';
import { can, scopeFor, type Principal } from '../auth/principal.ts';
import type { DataTopic } from '../contract/live.ts';
import { ErrorCode } from '../contract/error.ts';
import { TileParams, TileQuery, type TileLayer } from '../contract/tiles.ts';
import { HttpError } from '../http/http-error.ts';
import { parseParams, parseQuery } from '../http/parse.ts';
import { answeredNotModified, etagPart } from '../http/revalidate.ts';
import { foldMemberDensity } from '../versions/queries.ts';
import { selectDataVersions, selectTile, type TileAudience } from './queries.ts';
import { encodedTile, tileEncoding } from './encoded-tile.ts';
import { TileCache } from './tile-cache.ts';

const layerPermission: Record<TileLayer, Permission> = {
  areas: 'territory.read',
  grids: 'territory.read',
  roads: 'territory.read',
  buildings: 'territory.read',
  orgs: 'territory.read',
  places: 'territory.read',
  reach: 'territory.read',
  cases: 'case.view',
  density: 'member.aggregate',
  blind_spots: 'member.aggregate',
  new_orgs: 'territory.read',
  wishes: 'territory.read',
  belts: 'territory.read',
};

/** The data a layer is drawn from: its tiles change only when one of these versions does. */
const layerTopics: Record<TileLayer, DataTopic[]> = {
  areas: ['territory'],
  grids: ['territory'],
  roads: ['territory'],
  buildings: ['territory'],
  orgs: ['org'],
  places: ['place'],
  cases: ['case'],
  density: ['member', 'org'],
  blind_spots: ['coverage'],
  reach: ['coverage'],
  new_orgs: ['org'],
  wishes: ['wish'],
  belts: ['party_building'],
};

function audienceOf(principal: Principal, layer: TileLayer, at: string | null): TileAudience {
  const permission = layerPermission[layer];
  return {
    scope: scopeFor(principal, permission),
    withHouseholds: can(principal, 'member.read_exact'),
    at,
    // density tiles carry the published counts for everyone (sql/000009): they are shared and cached
  };
}

function versionTag(layer: TileLayer, versions: Map<DataTopic, number>): string {
  const tag = layerTopics[layer].map((t) => versions.get(t) ?? 0).join('.');
  // closed cases leave the layer 24 hours after closing, without a data change
  return layer === 'cases' ? `${tag}.${Math.floor(Date.now() / 3_600_000)}` : tag;
}

/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt. The ETag names the layer's data versions and the caller's
 * scope: a browser revalidates each time (no-cache) and gets 304 while nothing changed; built
 * tiles are kept in memory under the same key.
 */
export function tilesRoutes(db: pg.Pool, cache = new TileCache()): Router {
  const router = Router();
  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    const { layer, z, x, y } = parseParams(TileParams, req);
    const { at } = parseQuery(TileQuery, req);
    if (at !== undefined && layer !== 'grids')
      throw new HttpError(400, ErrorCode.invalidQuery, `at applies to the grids layer only; ${layer} tiles are always current`);
    const audience = audienceOf(principalOf(req), layer, at ?? null);
    const etag = `"${layer}-${versionTag(layer, await selectDataVersions(db))}-${etagPart(audience)}"`;
    res.vary('Accept-Encoding'); // a 304 too: caches keep one answer per encoding
    if (answeredNotModified(req, res, etag)) return;
    const key = `${etag}/${z}/${x}/${y}`;
    let tile = cache.get(key);
    if (!tile) {
      if (layer === 'density') await foldMemberDensity(db); // the pyramid with every commit before this request
      tile = await selectTile(db, layer, z, x, y, audience);
      cache.set(key, tile);
    }
    const encoding = tileEncoding(req, tile);
    const body = await encodedTile(cache, key, tile, encoding);
    res.type('application/vnd.mapbox-vector-tile');
    if (encoding !== 'identity') res.set('Content-Encoding', encoding); // compressAnswers leaves encoded answers alone
    res.send(body);
  });
  return router;
}
