import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLatTuple } from '../api/locate.api.ts';
import { useAreaLabels } from '../map/data/use-area-labels.ts';
import { createAreaLabelsLayer } from '../map/layers/area-labels.layer.ts';
import { createHouseholdLinksLayer } from '../map/layers/household-links.layer.ts';
import { createHouseholdPointsLayer } from '../map/layers/household-points.layer.ts';
import { createRegistryOrgsLayer } from '../map/layers/registry-orgs.layer.ts';
import { createRegistryPlacesLayer } from '../map/layers/registry-places.layer.ts';
import type { MapAdapter, MapViewState } from '../map/map.adapter.ts';
import { MapView } from '../map/map-view.tsx';
import { useHomeMap } from '../session/use-home-map.ts';
import { pickNearest } from './map-pick.ts';
import type { MarkerKind, RegistryMarker } from './use-registry-markers.ts';

export interface RegistryMapProps {
  orgs: readonly RegistryMarker[];
  places: readonly RegistryMarker[];
  selected: { kind: MarkerKind; id: number } | null;
  /** where the map goes when it changes (the selected record's position) */
  center: LngLatTuple | null;
  /** a center household's linked households, drawn as lines from `center` */
  households: readonly LngLatTuple[];
  onPick: (marker: RegistryMarker) => void;
}

/** The registry's map: open organizations (red) and service positions; a click on a marker picks it. */
export function RegistryMap({ orgs, places, selected, center, households, onPick }: RegistryMapProps) {
  const { t } = useTranslation('registry');
  const [adapter, setAdapter] = useState<MapAdapter | null>(null);
  const [view, setView] = useState<MapViewState | null>(null);
  const options = useHomeMap();
  const markers = useRef<RegistryMarker[]>([]);
  markers.current = [...places, ...orgs];

  useEffect(() => {
    if (!adapter) return;
    const stopView = adapter.onViewChange(setView);
    const stopClick = adapter.onClick((point) => {
      const hit = pickNearest(point, markers.current, adapter.getView().zoom, 12);
      if (hit) onPick(hit as RegistryMarker);
    });
    return () => {
      stopView();
      stopClick();
    };
  }, [adapter, onPick]);

  useEffect(() => {
    if (!adapter || !center) return;
    adapter.moveTo(center, Math.max(adapter.getView().zoom, 15));
  }, [adapter, center]);

  const areaLabels = useAreaLabels();
  const zoomLevel = Math.floor(view?.zoom ?? 0);
  const selectedOrg = selected?.kind === 'org' ? selected.id : null;
  const selectedPlace = selected?.kind === 'place' ? selected.id : null;
  const layers = useMemo(
    () => [
      createAreaLabelsLayer({ labels: areaLabels, zoom: zoomLevel }),
      createHouseholdLinksLayer({ center, households }),
      createHouseholdPointsLayer({ households }),
      createRegistryPlacesLayer({ places, selectedId: selectedPlace }),
      createRegistryOrgsLayer({ orgs, selectedId: selectedOrg }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new adapter (after a lost WebGL context) needs new layer objects
    [adapter, areaLabels, zoomLevel, center, households, places, orgs, selectedOrg, selectedPlace],
  );
  useEffect(() => adapter?.setLayers(layers), [adapter, layers]);
  const onAdapter = useCallback((next: MapAdapter | null) => setAdapter(next), []);

  return (
    <div className="registry-map" data-testid="registry-map" data-markers={orgs.length + places.length} data-household-links={center ? households.length : 0}>
      <MapView onAdapter={onAdapter} options={options} label={t('map.label')} />
      <ul className="registry-legend" aria-label={t('map.pick')}>
        <li>
          <span className="legend-dot org" aria-hidden="true" />
          {t('map.legendOrg')}
        </li>
        <li>
          <span className="legend-dot place" aria-hidden="true" />
          {t('map.legendPlace')}
        </li>
        <li>
          <span className="legend-dot household" aria-hidden="true" />
          {t('map.legendHousehold')}
        </li>
        <li>
          <span className="legend-dot site" aria-hidden="true" />
          {t('map.legendOther')}
        </li>
      </ul>
    </div>
  );
}
