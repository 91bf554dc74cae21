import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * Hooks for the browser end-to-end tests, all in one place:
 * - `?test=1` keeps WebGL drawing buffers readable and turns animations off, for screenshots;
 * - `document.body.dataset.gridsReady = 'true'` once grid boundaries from the tile server are drawn;
 * - `document.body.dataset.areaLabels = '<n>'` once area names are loaded (n labels);
 * - `window.__redgridMap` is the MapLibre map;
 * - the locate panel carries `data-locate-state` (idle | loading | done | error) itself;
 * - the wall: `document.body.dataset.wallReady = 'true'` once its map layers have rendered and its
 *   figures are shown, and `window.__redgridWall.incidentIds()` the case ids drawn as pulsing incidents.
 */

export interface WallTestHooks {
  /** Ids of the cases currently drawn as pulsing incidents on the map. */
  incidentIds(): number[];
}

declare global {
  interface Window {
    __redgridMap?: MaplibreMap;
    __redgridWall?: WallTestHooks;
  }
}

export const isTestMode = new URLSearchParams(window.location.search).get('test') === '1';

export function exposeMap(map: MaplibreMap | undefined): void {
  if (map) window.__redgridMap = map;
  else delete window.__redgridMap;
}

export function markGridsReady(): void {
  document.body.dataset.gridsReady = 'true';
}

export function markAreaLabels(count: number): void {
  document.body.dataset.areaLabels = String(count);
}

export function markWallReady(ready: boolean): void {
  if (ready) document.body.dataset.wallReady = 'true';
  else delete document.body.dataset.wallReady;
}

export function exposeWall(hooks: WallTestHooks | undefined): void {
  if (hooks) window.__redgridWall = hooks;
  else delete window.__redgridWall;
}
