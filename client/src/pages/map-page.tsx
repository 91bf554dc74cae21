import type { LayersList } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLatTuple } from '../api/locate.api.ts';
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
import { tileLoadOptions } from '../map/layers/tile-options.ts';
import type { MapAdapter, MapPadding, MapViewState } from '../map/map.adapter.ts';
import { MapView } from '../map/map-view.tsx';
import { AreaPanelView } from '../one-map/area-panel-view.tsx';
import { FeaturePanel } from '../one-map/feature-panel.tsx';
import { oneMapLayers, type LayerContext } from '../one-map/layer-catalog.ts';
import { LayerPanel } from '../one-map/layer-panel.tsx';
import { OneMapLegend } from '../one-map/legend.tsx';
import type { OneMapHost } from '../one-map/one-map-tool.ts';
import { OneMapSearch, type SearchHit } from '../one-map/one-map-search.tsx';
import { readOneMapState, writeOneMapState, type OneMapState, type Selection } from '../one-map/one-map-url.ts';
import { ToolPanel, ToolTabs } from '../one-map/tool-drawer.tsx';
import { useDataVersions } from '../one-map/use-data-versions.ts';
import { useHomeMap } from '../session/use-home-map.ts';
import { useSession } from '../session/session.store.ts';
import { navigate, useLocation } from '../shell/navigation.ts';
import { markAreaLabels } from '../test-hooks.ts';
import '../styles/one-map.css';

const loadOptions = tileLoadOptions();

/** What the layer column (left) and the record or tool column (right) cover of the map, so a shown box stays in the open. */
function clearOfPanels(): MapPadding {
  const side = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().width ?? 0;
  if (window.matchMedia('(max-width: 600px)').matches) return { top: 80, right: 24, bottom: window.innerHeight * 0.45, left: 24 };
  return { top: 40, right: side('.one-map-detail') + 32, bottom: 40, left: side('.one-map-side') + 32 };
}

/** Where a search hit opens: its record or panel, and how close the map comes. */
function openingOf(hit: SearchHit): { selection: Selection | null; zoom: number } {
  switch (hit.kind) {
    case 'town':
      return { selection: { kind: 'area', ref: hit.ref }, zoom: 12 };
    case 'community':
      return { selection: { kind: 'area', ref: hit.ref }, zoom: 14 };
    case 'grid':
      return { selection: { kind: 'grid', ref: hit.ref }, zoom: 15 };
    case 'org':
      return { selection: { kind: 'org', ref: hit.ref }, zoom: 15 };
    case 'service_center':
    case 'place':
      return { selection: { kind: 'place', ref: hit.ref }, zoom: 16 };
    case 'new_org':
      return { selection: { kind: 'new_org', ref: hit.ref }, zoom: 16 };
    default:
      return { selection: null, zoom: 17 };
  }
}

/**
 * `/`: the Party-building map (党建一张图). Layers of the registry and of the work on the ground,
 * toggled and remembered in the URL; a search box; a legend; a click on a feature opens its record,
 * a click elsewhere answers where it is, with the area panel one click away; the tool drawer holds
 * the capabilities' own panels (belts, new-type organizations, pairings, wishes).
 */
export function MapPage() {
  const session = useSession();
  const user = session.status === 'signed-in' ? session.user : null;
  const { pathname, search } = useLocation();
  const state = useMemo(() => readOneMapState(search), [search]);
  const update = useCallback(
    (next: Partial<OneMapState>) =>
      navigate(pathname + writeOneMapState(window.location.search, { ...readOneMapState(window.location.search), ...next }), { replace: true }),
    [pathname],
  );

  const [adapter, setAdapter] = useState<MapAdapter | null>(null);
  const [view, setView] = useState<MapViewState | null>(null);
  const { state: locateState, locate, clear } = useLocate();
  const options = useHomeMap();
  const versions = useDataVersions();
  const [toolLayers, setToolLayers] = useState<LayersList>([]);
  const toolClicks = useRef(new Set<(point: LngLatTuple) => void>());
  const fitOnLoad = useRef(false);
  // on a phone the layer panel and the legend fold behind a button (CSS shows them on wider screens)
  const [folded, setFolded] = useState(true);
  const { t } = useTranslation('oneMap');

  const ctx: LayerContext = useMemo(
    () => ({ versions, loadOptions, orgKinds: state.orgKinds, orgSector: state.orgSector, placeKinds: state.placeKinds }),
    [versions, state.orgKinds, state.orgSector, state.placeKinds],
  );

  const onMapClick = useCallback(
    (point: LngLatTuple) => {
      if (toolClicks.current.size > 0) {
        for (const listener of [...toolClicks.current]) listener(point);
        return;
      }
      const picked = adapter?.pick(point) ?? null;
      if (picked) {
        const layer = oneMapLayers.find((l) => l.picks?.layerIds.includes(picked.layerId));
        const selection = layer?.picks?.open(picked.object) ?? null;
        if (selection) {
          clear();
          update({ selection });
          return;
        }
      }
      update({ selection: null });
      locate(point);
    },
    [adapter, clear, locate, update],
  );

  useEffect(() => {
    if (!adapter) return;
    const stopView = adapter.onViewChange(setView);
    const stopClick = adapter.onClick(onMapClick);
    return () => {
      stopView();
      stopClick();
    };
  }, [adapter, onMapClick]);

  // the basemap's own layers (grid lines) follow their toggles once the style is there
  const styleReady = view !== null;
  useEffect(() => {
    if (!adapter || !styleReady) return;
    for (const layer of oneMapLayers) if (layer.basemapLayer) adapter.setBasemapLayerVisible(layer.basemapLayer, state.layers.includes(layer.id));
  }, [adapter, styleReady, state.layers]);

  const areaLabels = useAreaLabels();
  useEffect(() => {
    if (areaLabels.length > 0) markAreaLabels(areaLabels.length);
  }, [areaLabels]);

  const gridsOn = state.layers.includes('grids');
  const grids = useGridsInView(view);
  const gridLabelList = useMemo(() => (gridsOn ? gridLabels(grids) : []), [grids, gridsOn]);
  const roadLabelList = useRoadLabels(adapter);

  const clickedPoint = locateState.status === 'idle' ? null : locateState.point;
  const locatedGridCode = locateState.status === 'done' ? (locateState.result.grid?.code ?? null) : null;
  const panelGridCode = state.selection?.kind === 'grid' ? state.selection.ref : null;
  const selectedGrid = useSelectedGrid(panelGridCode ?? locatedGridCode, clickedPoint, grids);

  // Labels change with whole zoom levels only; rebuilding them on every move would be wasted work.
  const zoomLevel = Math.floor(view?.zoom ?? 0);
  const layers = useMemo(
    () => [
      ...oneMapLayers.filter((l) => state.layers.includes(l.id)).flatMap((l) => l.create(ctx)),
      createSelectedGridLayer({ grid: selectedGrid }),
      ...toolLayers,
      createRoadLabelsLayer({ labels: roadLabelList }),
      createAreaLabelsLayer({ labels: areaLabels, zoom: zoomLevel }),
      createGridLabelsLayer({ labels: gridLabelList, zoom: zoomLevel }),
      createClickedPointLayer({ point: clickedPoint }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new adapter (after a lost WebGL context) needs new layer objects
    [adapter, state.layers, ctx, selectedGrid, toolLayers, roadLabelList, areaLabels, gridLabelList, clickedPoint, zoomLevel],
  );
  useEffect(() => adapter?.setLayers(layers), [adapter, layers]);

  const host: OneMapHost | null = useMemo(
    () =>
      adapter && {
        moveTo: (position, zoom) => adapter.moveTo(position, zoom),
        fitBounds: (bbox) => adapter.fitBounds(bbox, clearOfPanels()),
        drawLayers: (next) => setToolLayers(next),
        onMapClick: (listener) => {
          toolClicks.current.add(listener);
          return () => toolClicks.current.delete(listener);
        },
      },
    [adapter],
  );
  // a closed tool leaves nothing drawn behind
  useEffect(() => setToolLayers([]), [state.tool]);

  const onAdapter = useCallback((next: MapAdapter | null) => setAdapter(next), []);
  const openPanel = useCallback(
    (kind: 'area' | 'grid', code: string) => {
      fitOnLoad.current = true;
      update({ selection: { kind, ref: code }, tool: null });
    },
    [update],
  );
  const onSearch = (hit: SearchHit) => {
    const { selection, zoom } = openingOf(hit);
    adapter?.moveTo(hit.position, zoom);
    fitOnLoad.current = selection?.kind === 'area' || selection?.kind === 'grid';
    if (selection) {
      clear();
      update({ selection, tool: null });
    } else {
      update({ selection: null });
      locate(hit.position);
    }
  };

  const selection = state.selection;
  let detail;
  if (user && host && state.tool) {
    detail = <ToolPanel user={user} id={state.tool} host={host} onClose={() => update({ tool: null })} />;
  } else if (selection && (selection.kind === 'area' || selection.kind === 'grid')) {
    detail = (
      <AreaPanelView
        kind={selection.kind}
        code={selection.ref}
        onClose={() => update({ selection: null })}
        onLoaded={(panel) => {
          if (fitOnLoad.current) adapter?.fitBounds(panel.bbox, clearOfPanels());
          fitOnLoad.current = false;
        }}
      />
    );
  } else if (selection) {
    detail = <FeaturePanel selection={selection} onClose={() => update({ selection: null })} onOpenPanel={openPanel} />;
  } else {
    detail = <LocatePanel state={locateState} onClose={clear} onOpenPanel={openPanel} />;
  }

  return (
    <main className="map-page one-map" data-testid="one-map" data-layers={state.layers.join(',')}>
      <MapView onAdapter={onAdapter} options={options} />
      <div className="one-map-side" data-folded={folded}>
        <div className="one-map-search-row">
          <OneMapSearch onChoose={onSearch} />
          <button type="button" className="one-map-fold-toggle" aria-expanded={!folded} onClick={() => setFolded(!folded)} data-testid="one-map-fold">
            {t('layers.title')}
          </button>
        </div>
        <LayerPanel state={state} onChange={update} />
        <OneMapLegend layerIds={state.layers} ctx={ctx} />
      </div>
      <div className="one-map-detail">
        {user && <ToolTabs user={user} open={state.tool} onOpen={(tool) => update({ tool })} />}
        {detail}
      </div>
    </main>
  );
}
