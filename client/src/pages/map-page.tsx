import { useCallback, useEffect, useMemo, useState } from 'react';
import { LocatePanel } from '../locate/locate-panel.tsx';
import { useLocate } from '../locate/use-locate.ts';
import { useSelectedGrid } from '../locate/use-selected-grid.ts';
import { gridLabels } from '../map/data/labels.ts';
import { useAreaLabels } from '../map/data/use-area-labels.ts';
import { useGridsInView } from '../map/data/use-grids-in-view.ts';
import { useRoadLabels } from '../map/data/use-road-labels.ts';
import { createAreaLabelsLayer } from '../map/layers/area-labels.layer.ts';
import { createClickedPointLayer } from '../map/layers/clicked-point.layer.ts';
import { createGridLabelsLayer } from '../map/layers/grid-labels.layer.ts';
import { createRoadLabelsLayer } from '../map/layers/road-labels.layer.ts';
import { createSelectedGridLayer } from '../map/layers/selected-grid.layer.ts';
import type { MapAdapter, MapViewState } from '../map/map.adapter.ts';
import { MapView } from '../map/map-view.tsx';
import { useHomeMap } from '../session/use-home-map.ts';
import { markAreaLabels } from '../test-hooks.ts';

/** `/`: the grid map. Click a point to see its town, community, grid and Party organization. */
export function MapPage() {
  const [adapter, setAdapter] = useState<MapAdapter | null>(null);
  const [view, setView] = useState<MapViewState | null>(null);
  const { state: locateState, locate, clear } = useLocate();
  const options = useHomeMap();

  useEffect(() => {
    if (!adapter) return;
    const stopView = adapter.onViewChange(setView);
    const stopClick = adapter.onClick(locate);
    return () => {
      stopView();
      stopClick();
    };
  }, [adapter, locate]);

  const areaLabels = useAreaLabels();
  useEffect(() => {
    if (areaLabels.length > 0) markAreaLabels(areaLabels.length);
  }, [areaLabels]);

  const grids = useGridsInView(view);
  const gridLabelList = useMemo(() => gridLabels(grids), [grids]);
  const roadLabelList = useRoadLabels(adapter);

  const clickedPoint = locateState.status === 'idle' ? null : locateState.point;
  const locatedGridCode = locateState.status === 'done' ? (locateState.result.grid?.code ?? null) : null;
  const selectedGrid = useSelectedGrid(locatedGridCode, clickedPoint, grids);

  // Labels change with whole zoom levels only; rebuilding them on every move would be wasted work.
  const zoomLevel = Math.floor(view?.zoom ?? 0);
  // new layer objects for a new adapter (a map made again after a lost WebGL context)
  const layers = useMemo(
    () => [
      createSelectedGridLayer({ grid: selectedGrid }),
      createRoadLabelsLayer({ labels: roadLabelList }),
      createAreaLabelsLayer({ labels: areaLabels, zoom: zoomLevel }),
      createGridLabelsLayer({ labels: gridLabelList, zoom: zoomLevel }),
      createClickedPointLayer({ point: clickedPoint }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new adapter (after a lost WebGL context) needs new layer objects
    [adapter, selectedGrid, roadLabelList, areaLabels, gridLabelList, clickedPoint, zoomLevel],
  );
  useEffect(() => adapter?.setLayers(layers), [adapter, layers]);

  const onAdapter = useCallback((next: MapAdapter | null) => setAdapter(next), []);

  return (
    <main className="map-page">
      <MapView onAdapter={onAdapter} options={options} />
      <LocatePanel state={locateState} onClose={clear} />
    </main>
  );
}
