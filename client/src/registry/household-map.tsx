import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLatTuple } from '../api/locate.api.ts';
import { createHouseholdLinksLayer } from '../map/layers/household-links.layer.ts';
import { createHouseholdPointsLayer } from '../map/layers/household-points.layer.ts';
import { createRegistryPlacesLayer } from '../map/layers/registry-places.layer.ts';
import type { MapAdapter } from '../map/map.adapter.ts';
import { MapView } from '../map/map-view.tsx';
import { useHomeMap } from '../session/use-home-map.ts';

export interface HouseholdMapProps {
  placeId: number;
  /** the center household's home */
  center: LngLatTuple;
  households: readonly LngLatTuple[];
  /** a click on the map: where a new household lives (absent: the map only shows) */
  onPoint?: (point: LngLatTuple) => void;
}

/** A center household with a line to each household it links with; a click picks a position. */
export function HouseholdMap({ placeId, center, households, onPoint }: HouseholdMapProps) {
  const { t } = useTranslation('registry');
  const [adapter, setAdapter] = useState<MapAdapter | null>(null);
  const options = useHomeMap();

  useEffect(() => {
    if (!adapter || !onPoint) return;
    return adapter.onClick(onPoint);
  }, [adapter, onPoint]);

  useEffect(() => {
    if (adapter) adapter.moveTo(center, 17);
  }, [adapter, center]);

  const layers = useMemo(
    () => [
      createHouseholdLinksLayer({ center, households }),
      createHouseholdPointsLayer({ households }),
      createRegistryPlacesLayer({ places: [{ id: placeId, kind: 'center_household', position: center }], selectedId: placeId }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new adapter (after a lost WebGL context) needs new layer objects
    [adapter, placeId, center, households],
  );
  useEffect(() => adapter?.setLayers(layers), [adapter, layers]);
  const onAdapter = useCallback((next: MapAdapter | null) => setAdapter(next), []);

  return (
    <div className="household-map" data-testid="household-map" data-household-links={households.length}>
      <MapView onAdapter={onAdapter} options={options} label={onPoint ? t('households.mapPick') : t('households.map')} />
      {onPoint && <p className="muted household-map-hint">{t('households.mapPick')}</p>}
    </div>
  );
}
