import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { exposeMap, isTestMode, markGridsReady } from '../test-hooks.ts';
import { createMapAdapter, type MapAdapter } from './map.adapter.ts';

export interface MapViewProps {
  /** Receives the adapter once the map exists, and null when it is gone. */
  onAdapter: (adapter: MapAdapter | null) => void;
}

/** The full-size map element; owns the MapLibre map and its deck.gl overlay. */
export function MapView({ onAdapter }: MapViewProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!container.current) return;
    const adapter = createMapAdapter(container.current, {
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

  return <div ref={container} className="map" data-testid="map" role="region" aria-label={t('map.label')} />;
}
