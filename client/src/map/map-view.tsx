import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exposeMap, isTestMode, markGridsReady } from '../test-hooks.ts';
import { mapLocale } from './map-locale.ts';
import { createMapAdapter, type MapAdapter, type MapAdapterOptions, type MapViewState } from './map.adapter.ts';

export interface MapViewProps {
  /**
   * Receives the adapter once the map exists, and null when it is gone. After a lost WebGL context
   * the map is made again: null, then a new adapter, which needs its layers set again (new deck.gl
   * layer objects: a layer given to the old adapter cannot be reused).
   */
  onAdapter: (adapter: MapAdapter | null) => void;
  /** Read once, when the map is made (center, zoom, interactive, controls). Default: the county map. */
  options?: Pick<MapAdapterOptions, 'center' | 'zoom' | 'bounds' | 'interactive' | 'controls' | 'tileQuery' | 'theme' | 'requestHeaders'>;
  /** Extra class for the map element. */
  className?: string;
  /** The map's accessible name. Default: the grid map's. */
  label?: string;
}

/**
 * The map element; owns the MapLibre map and its deck.gl overlay. When their WebGL context is lost
 * for good (see `MapAdapter.onContextLost`) it makes them again, with the same options and the view
 * it had, without reloading the page; so too when the language changes (MapLibre reads its control
 * titles once).
 */
export function MapView({ onAdapter, options, className, label }: MapViewProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const initialOptions = useRef(options);
  const lastView = useRef<MapViewState | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!container.current) return;
    const view = lastView.current;
    const adapter = createMapAdapter(container.current, {
      ...initialOptions.current,
      ...(view ? { center: view.center, zoom: view.zoom } : {}),
      locale: mapLocale(t),
      preserveDrawingBuffer: isTestMode,
      instant: isTestMode,
    });
    exposeMap(adapter.map);
    const stopWatching = adapter.onGridsRendered(markGridsReady);
    const stopRecovering = adapter.onContextLost(() => {
      lastView.current = adapter.getView();
      setGeneration((n) => n + 1);
    });
    onAdapter(adapter);
    return () => {
      stopWatching();
      stopRecovering();
      lastView.current = adapter.getView();
      onAdapter(null);
      exposeMap(undefined);
      adapter.destroy();
    };
  }, [onAdapter, generation, t]);

  return <div ref={container} className={className ? `map ${className}` : 'map'} data-testid="map" role="region" aria-label={label ?? t('map.label')} />;
}
