import { MVTLoader } from '@loaders.gl/mvt';
import type { TileLayer } from '../../api/contract.ts';

/**
 * What the deck.gl tile layers (MVTLayer) share: the tile URL of a layer, with `?v=` so that a new
 * data version fetches the tiles again; the main-thread MVT parser (MVTLayer's default loader runs
 * only in a worker that loaders.gl would fetch from a CDN: nothing is fetched from the internet);
 * load options that send the caller's headers (the wall's `Authorization: Bearer`).
 */

export const tileLoaders = [MVTLoader];

export function tileUrl(layer: TileLayer, version = 0, origin = window.location.origin): string {
  return `${origin}/tiles/${layer}/{z}/{x}/{y}.mvt${version > 0 ? `?v=${version}` : ''}`;
}

export interface TileLoadOptions {
  worker: false;
  fetch: { headers: Record<string, string>; credentials: RequestCredentials };
}

/** Keep the returned object for as long as the headers hold: a new object reloads every tile. */
export function tileLoadOptions(headers: Record<string, string> = {}): TileLoadOptions {
  return { worker: false, fetch: { headers, credentials: 'same-origin' } };
}
