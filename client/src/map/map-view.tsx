import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { exposeMap, isTestMode, markGridsReady } from '../test-hooks.ts';
import { createMapAdapter, type MapAdapter, type MapAdapterOptions } from './map.adapter.ts';

export interface MapViewProps {
  /** Receives the adapter once the map exists, and null when it is gone. */
  onAdapter: (adapter: MapAdapter | null) => void;
  /** Read once, when the map is made (center, zoom, interactive, controls). Default: the county map. */
  options?: Pick<
    MapAdapterOptions,
    'center' | 'zoom' | 'interactive' | 'controls' | 'tileQuery' | 'theme' | 'requestHeaders'
  >;
  /** Extra class for the map element. */
  className?: string;
  /** The map's accessible name. Default: the grid map's. */
  label?: string;
}

/** The map element; owns the MapLibre map and its deck.gl overlay. */
export function MapView({ onAdapter, options, className, label }: MapViewProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const initialOptions = useRef(options);

  useEffect(() => {
    if (!container.current) return;
    const adapter = createMapAdapter(container.current, {
      ...initialOptions.current,
      preserveDrawingBuffer: isTestMode,
      instant: isTestMode,
    });
    exposeMap(adapter.map);
    const stopWatching = adapter.onGridsRendered(markGridsReady);
    onAdapter(adapter);
    return () => {
      stopWatching();
      onAdapter(null);
      exposeMap(undefined);
      adapter.destroy();
    };
  }, [onAdapter]);

  return (
    <div
      ref={container}
      className={className ? `map ${className}` : 'map'}
      data-testid="map"
      role="region"
      aria-label={label ?? t('map.label')}
    />
  );
}
