import type { LayersList } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MaplibreMap, NavigationControl, ScaleControl, setWorkerUrl, type RequestTransformFunction } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { BboxTuple } from '../api/grids.api.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { basemapStyle, gridLineLayerId, roadLayerId, type BasemapTheme } from './basemap.style.ts';

// MapLibre looks for its worker next to its own module, which a bundle moves; point it at the emitted file.
setWorkerUrl(workerUrl);

export interface MapViewState {
  zoom: number;
  center: LngLatTuple;
  bbox: BboxTuple;
}

export interface MapAdapterOptions {
  /** Initial center, [lng, lat]. Default: the demo county seat, [104.74, 31.46]. */
  center?: LngLatTuple;
  /** Initial zoom. Default: 11, the whole county. */
  zoom?: number;
  /** Open framing this box [west, south, east, north] instead (when no `center` is given): the user's own area. */
  bounds?: BboxTuple;
  /** Origin the tile URLs are built from. Default: `window.location.origin`. */
  origin?: string;
  /** Appended to every tile URL, e.g. `?m=<member link token>` for the member's page. Default: none. */
  tileQuery?: string;
  /** Keep the drawing buffers readable (screenshots in tests). Default: false. */
  preserveDrawingBuffer?: boolean;
  /** Skip label fade animations (deterministic screenshots). Default: false. */
  instant?: boolean;
  /** Pan and zoom by mouse, touch and keyboard. Default: true. */
  interactive?: boolean;
  /** Zoom buttons (top-left) and scale bar (bottom-left). Default: true. */
  controls?: boolean;
  /** MapLibre's control titles and scale units, by its string ids (see `mapLocale`). Default: MapLibre's English. */
  locale?: Record<string, string>;
  /** Basemap colours. Default: `light`. */
  theme?: BasemapTheme;
  /**
   * Headers sent with every basemap tile request (`/tiles/…`), e.g. the wall display's
   * `Authorization: Bearer`; read on each request, so a changed token applies at once. Default: none.
   */
  requestHeaders?: () => Record<string, string>;
  /** How long a lost WebGL context may take to come back before `onContextLost` listeners are told. Default: 3000 ms. */
  contextRestoreWaitMs?: number;
}

export const mapDefaults = {
  center: [104.74, 31.46] as LngLatTuple,
  zoom: 11,
  contextRestoreWaitMs: 3_000,
} as const;

type Unsubscribe = () => void;

/** A named road piece on screen, from the basemap's road tiles: its lines as [lng, lat] vertices. */
export interface RenderedRoad {
  name: string;
  lines: LngLatTuple[][];
}

/** Pixels kept clear around a box being shown: the same on every side, or per side (panels over the map). */
export type MapPadding = number | { top: number; right: number; bottom: number; left: number };

/** An overlay feature under the pointer: the deck.gl layer's id and the feature (a tile feature or a data row). */
export interface PickedFeature {
  layerId: string;
  object: unknown;
}

/** Everything the app needs from the map libraries; MapLibre and deck.gl stay behind this interface. */
export interface MapAdapter {
  /** The MapLibre map, for tests and debugging only. */
  readonly map: MaplibreMap;
  /** Replace the deck.gl overlay layers. */
  setLayers(layers: LayersList): void;
  /** A click (not a drag) on the map, at [lng, lat]. */
  onClick(listener: (point: LngLatTuple) => void): Unsubscribe;
  /** The topmost pickable overlay feature within a few pixels of a point, or null. */
  pick(point: LngLatTuple): PickedFeature | null;
  /** Show or hide a basemap layer (e.g. the grid lines) without rebuilding the style. */
  setBasemapLayerVisible(layerId: string, visible: boolean): void;
  /** Called once the map has loaded, then after every move. */
  onViewChange(listener: (view: MapViewState) => void): Unsubscribe;
  /** Called once, the first time grid boundaries from the tile server are on screen. */
  onGridsRendered(listener: () => void): Unsubscribe;
  /** Called once, the first time the map is idle with features of the basemap layer `layerId` on screen. */
  onLayerRendered(layerId: string, listener: () => void): Unsubscribe;
  /** Called each time the map settles (idle) with the named roads then drawn, for their labels. */
  onRoadsRendered(listener: (roads: RenderedRoad[]) => void): Unsubscribe;
  getView(): MapViewState;
  /** Move the view to `center` (and `zoom`, when given); instantly when the adapter is `instant`. */
  moveTo(center: LngLatTuple, zoom?: number): void;
  /** Fly to show `bbox` whole, with `padding` pixels around it; instantly when the adapter is `instant`. */
  fitBounds(bbox: BboxTuple, padding?: MapPadding): void;
  /** Fetch the tiles of these basemap sources again (their data changed); what is shown stays until the new tiles come. */
  refreshSources(sourceIds: readonly string[]): void;
  /**
   * Called once when the WebGL context of the basemap or of the overlay (a GPU reset, a driver update)
   * was lost and is not back within `contextRestoreWaitMs`: the map draws nothing any more, so destroy
   * the adapter and make a new one. MapLibre redraws by itself when its context comes back in time;
   * deck.gl does not, so a lost overlay context always ends here.
   */
  onContextLost(listener: () => void): Unsubscribe;
  destroy(): void;
}

function viewOf(map: MaplibreMap): MapViewState {
  const bounds = map.getBounds();
  const center = map.getCenter();
  return {
    zoom: map.getZoom(),
    center: [center.lng, center.lat],
    bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
  };
}

function layerIsRendered(map: MaplibreMap, layerId: string): boolean {
  const source = map.getLayer(layerId)?.source;
  return (
    source !== undefined && map.getSource(source) !== undefined && map.isSourceLoaded(source) && map.queryRenderedFeatures({ layers: [layerId] }).length > 0
  );
}

function renderedRoads(map: MaplibreMap): RenderedRoad[] {
  if (!map.getLayer(roadLayerId)) return [];
  return map.queryRenderedFeatures({ layers: [roadLayerId] }).flatMap((feature) => {
    const name: unknown = feature.properties['name'];
    if (typeof name !== 'string' || name === '') return [];
    const geometry = feature.geometry;
    const toLine = (line: number[][]): LngLatTuple[] => line.map((p) => [p[0] ?? 0, p[1] ?? 0]);
    if (geometry.type === 'LineString') return [{ name, lines: [toLine(geometry.coordinates)] }];
    if (geometry.type === 'MultiLineString') return [{ name, lines: geometry.coordinates.map(toLine) }];
    return [];
  });
}

function tileHeaders(headers: () => Record<string, string>): RequestTransformFunction {
  return (url) => (new URL(url, window.location.href).pathname.startsWith('/tiles/') ? { url, headers: headers() } : { url });
}

export function createMapAdapter(container: HTMLElement, options: MapAdapterOptions = {}): MapAdapter {
  const preserveDrawingBuffer = options.preserveDrawingBuffer ?? false;
  const map = new MaplibreMap({
    container,
    style: basemapStyle(options.origin ?? window.location.origin, options.tileQuery, options.theme),
    center: [...(options.center ?? mapDefaults.center)],
    zoom: options.zoom ?? mapDefaults.zoom,
    ...(options.bounds && !options.center ? { bounds: [...options.bounds] as [number, number, number, number], fitBoundsOptions: { padding: 40 } } : {}),
    minZoom: 7,
    maxZoom: 18,
    attributionControl: { compact: true },
    canvasContextAttributes: { preserveDrawingBuffer, antialias: true },
    fadeDuration: options.instant ? 0 : 300,
    interactive: options.interactive ?? true,
    ...(options.locale ? { locale: options.locale } : {}),
    transformRequest: options.requestHeaders ? tileHeaders(options.requestHeaders) : null,
  });
  if (options.controls ?? true) {
    map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  }
  if (options.interactive ?? true) map.getCanvas().style.cursor = 'crosshair';

  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: [],
    deviceProps: { webgl: { preserveDrawingBuffer } },
  });
  map.addControl(overlay);

  let loaded = false;
  map.once('load', () => {
    loaded = true;
  });

  // WebGL context events do not bubble: listen in the capture phase, for every canvas in the map
  // (MapLibre's and the overlay's, which deck.gl creates later).
  const lostCanvases = new Set<EventTarget>();
  const contextLostListeners = new Set<() => void>();
  let contextLostTimer: ReturnType<typeof setTimeout> | undefined;
  const onCanvasContextLost = (event: Event) => {
    event.preventDefault(); // lets the browser restore the context
    if (event.target) lostCanvases.add(event.target);
    contextLostTimer ??= setTimeout(() => {
      for (const listener of [...contextLostListeners]) listener();
      contextLostListeners.clear();
    }, options.contextRestoreWaitMs ?? mapDefaults.contextRestoreWaitMs);
  };
  const onCanvasContextRestored = (event: Event) => {
    if (event.target !== map.getCanvas()) return;
    lostCanvases.delete(event.target);
    if (lostCanvases.size === 0) {
      clearTimeout(contextLostTimer);
      contextLostTimer = undefined;
    }
  };
  container.addEventListener('webglcontextlost', onCanvasContextLost, true);
  container.addEventListener('webglcontextrestored', onCanvasContextRestored, true);

  // Without its context MapLibre drops its style, and the overlay cannot read the view from it:
  // layers set meanwhile wait until MapLibre has rebuilt the style.
  let waitingLayers: LayersList | null = null;
  map.on('webglcontextrestored', () => {
    if (waitingLayers) overlay.setProps({ layers: waitingLayers });
    waitingLayers = null;
  });

  const listen = <T>(register: (handler: T) => void, remove: (handler: T) => void, handler: T): Unsubscribe => {
    register(handler);
    return () => remove(handler);
  };

  const onLayerRendered = (layerId: string, listener: () => void): Unsubscribe => {
    const handler = () => {
      if (!layerIsRendered(map, layerId)) return;
      map.off('idle', handler);
      listener();
    };
    return listen(
      (h) => map.on('idle', h),
      (h) => map.off('idle', h),
      handler,
    );
  };

  return {
    map,
    setLayers(layers) {
      if (lostCanvases.has(map.getCanvas())) waitingLayers = layers;
      else overlay.setProps({ layers });
    },
    onClick(listener) {
      const handler = (event: { lngLat: { lng: number; lat: number } }) => listener([event.lngLat.lng, event.lngLat.lat]);
      return listen(
        (h) => map.on('click', h),
        (h) => map.off('click', h),
        handler,
      );
    },
    pick(point) {
      const { x, y } = map.project([point[0], point[1]]);
      const info = overlay.pickObject({ x, y, radius: 6 });
      return info?.layer && info.object !== undefined && info.object !== null ? { layerId: info.layer.id, object: info.object as unknown } : null;
    },
    setBasemapLayerVisible(layerId, visible) {
      if (!map.getLayer(layerId)) return;
      map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
    },
    onViewChange(listener) {
      const handler = () => listener(viewOf(map));
      if (loaded) handler();
      else map.once('load', handler);
      return listen(
        (h) => map.on('moveend', h),
        (h) => {
          map.off('moveend', h);
          map.off('load', h);
        },
        handler,
      );
    },
    onGridsRendered: (listener) => onLayerRendered(gridLineLayerId, listener),
    onLayerRendered,
    onRoadsRendered(listener) {
      const handler = () => listener(renderedRoads(map));
      return listen(
        (h) => map.on('idle', h),
        (h) => map.off('idle', h),
        handler,
      );
    },
    getView: () => viewOf(map),
    moveTo(center, zoom) {
      const target = { center: [center[0], center[1]] as [number, number], ...(zoom === undefined ? {} : { zoom }) };
      if (options.instant) map.jumpTo(target);
      else map.easeTo({ ...target, duration: 600 });
    },
    fitBounds(bbox, padding = 40) {
      const bounds: [number, number, number, number] = [bbox[0], bbox[1], bbox[2], bbox[3]];
      map.fitBounds(bounds, { padding, duration: options.instant ? 0 : 2_500, essential: true });
    },
    refreshSources(sourceIds) {
      for (const id of sourceIds) if (map.getSource(id)) map.refreshTiles(id);
    },
    onContextLost(listener) {
      contextLostListeners.add(listener);
      return () => contextLostListeners.delete(listener);
    },
    destroy() {
      // removing the map loses its context on purpose
      container.removeEventListener('webglcontextlost', onCanvasContextLost, true);
      container.removeEventListener('webglcontextrestored', onCanvasContextRestored, true);
      clearTimeout(contextLostTimer);
      contextLostListeners.clear();
      // removes the controls too, which finalizes the deck.gl overlay
      map.remove();
    },
  };
}
