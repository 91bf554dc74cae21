import type { Layer } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaFeature } from '../api/contract.ts';
import { bearer } from '../api/wall.api.ts';
import { areaLabels } from '../map/data/labels.ts';
import { createAreaLabelsLayer } from '../map/layers/area-labels.layer.ts';
import { createCoverageLayer, type CoverageLayerName } from '../map/layers/coverage.layer.ts';
import { createDensityCellsLayer } from '../map/layers/density-cells.layer.ts';
import { createFocusAreaLayer } from '../map/layers/focus-area.layer.ts';
import { createIncidentPulseLayers, type PulsingIncident } from '../map/layers/incident-pulse.layer.ts';
import { createServiceCentersLayer } from '../map/layers/service-centers.layer.ts';
import { tileLoadOptions } from '../map/layers/tile-options.ts';
import { townLineLayerId } from '../map/basemap.style.ts';
import type { MapAdapter } from '../map/map.adapter.ts';
import { MapView } from '../map/map-view.tsx';
import { exposeWall, isTestMode } from '../test-hooks.ts';
import type { TileVersions } from './wall-data.store.ts';
import type { WallView } from './wall-views.ts';

export interface WallMapProps {
  token: string;
  towns: readonly AreaFeature[];
  view: WallView;
  incidents: readonly PulsingIncident[];
  tileVersions: TileVersions;
  coverage: ReadonlySet<CoverageLayerName>;
  /** Density cells as columns (and the map tilted). */
  extruded: boolean;
  /** Design pixels → screen pixels. */
  scale: number;
  /**
   * Called with true once the basemap (town boundaries) and the density cells in view have rendered,
   * and with false when the map is made again (its WebGL context was lost), until they render again.
   */
  onRenderedChange: (rendered: boolean) => void;
}

/** One pulse: two rings grow out of each incident in this time. */
const pulsePeriodMs = 2_400;
/**
 * The pulse is redrawn at most this often (a wall does not need 60 frames a second); under test,
 * where WebGL is drawn by the CPU, once a second.
 */
const frameIntervalMs = isTestMode ? 1_000 : 40;
const basemapSources = ['areas', 'grids', 'roads', 'buildings'] as const;

/** Area labels read from four meters: the smallest (13) at 16 design pixels, 32px at 4K. */
const wallLabelScale = 1.25;

/**
 * The wall's map: the dark basemap (grids, town lines) with deck.gl layers for member density,
 * service centers and stations, optional coverage analyses, town names, the town in focus and the
 * open cases pulsing. Every tile request carries the wall's token.
 */
export function WallMap({ token, towns, view, incidents, tileVersions, coverage, extruded, scale, onRenderedChange }: WallMapProps) {
  const { t } = useTranslation();
  const [adapter, setAdapter] = useState<MapAdapter | null>(null);
  const [zoom, setZoom] = useState(10);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const mapOptions = useMemo(() => ({ theme: 'dark' as const, interactive: false, controls: false, requestHeaders: () => bearer(tokenRef.current) }), []);
  const loadOptions = useMemo(() => tileLoadOptions(bearer(token)), [token]);
  const labels = useMemo(() => areaLabels(towns), [towns]);

  // rendered = the basemap on screen and the density tiles in view loaded, both at least once per adapter
  const rendered = useRef({ basemap: false, density: false, told: false });
  const onRenderedChangeRef = useRef(onRenderedChange);
  onRenderedChangeRef.current = onRenderedChange;
  const noteRendered = useCallback((what: 'basemap' | 'density') => {
    const state = rendered.current;
    state[what] = true;
    if (state.basemap && state.density && !state.told) {
      state.told = true;
      onRenderedChangeRef.current(true);
    }
  }, []);

  useEffect(() => {
    if (!adapter) return;
    if (rendered.current.told) onRenderedChangeRef.current(false);
    rendered.current = { basemap: false, density: false, told: false };
    const stopBasemap = adapter.onLayerRendered(townLineLayerId, () => noteRendered('basemap'));
    const stopView = adapter.onViewChange((v) => setZoom(v.zoom));
    return () => {
      stopBasemap();
      stopView();
    };
  }, [adapter, noteRendered]);

  useEffect(() => {
    adapter?.fitBounds(view.bbox, 48 * scale);
  }, [adapter, view.bbox, scale]);

  useEffect(() => {
    if (extruded) adapter?.map.setPitch(40);
  }, [adapter, extruded]);

  useEffect(() => {
    if (tileVersions.basemap > 0) adapter?.refreshSources(basemapSources);
  }, [adapter, tileVersions.basemap]);

  const staticLayers = useMemo(() => {
    const layers: (Layer | null)[] = [
      createDensityCellsLayer({ version: tileVersions.density, loadOptions, extruded, onLoaded: () => noteRendered('density') }),
      ...[...coverage].map((layer) => createCoverageLayer({ layer, version: tileVersions[layer], loadOptions })),
      createFocusAreaLayer({ area: view.feature, sizeScale: scale }),
      createServiceCentersLayer({ version: tileVersions.places, loadOptions, sizeScale: scale }),
      createAreaLabelsLayer({ labels, zoom, theme: 'dark', sizeScale: scale * wallLabelScale }),
    ];
    return layers.filter((layer): layer is Layer => layer !== null);
    // a new adapter (after a lost WebGL context) needs new layer objects
    // eslint-disable-next-line react-hooks/exhaustive-deps -- adapter is a deliberate dependency, see above
  }, [adapter, tileVersions, loadOptions, extruded, coverage, view.feature, scale, labels, zoom, noteRendered]);

  // The pulse animates by uniforms only (radius scale, opacity); the other layers stay the same objects.
  const frame = useRef({ staticLayers, incidents, scale, drawn: [] as readonly PulsingIncident[] });
  const draw = useCallback(
    (now: number) => {
      if (!adapter) return;
      const current = frame.current;
      const phase = (now % pulsePeriodMs) / pulsePeriodMs;
      adapter.setLayers([...current.staticLayers, ...createIncidentPulseLayers({ incidents: current.incidents, phase, sizeScale: current.scale })]);
      current.drawn = current.incidents;
    },
    [adapter],
  );

  useEffect(() => {
    frame.current = { ...frame.current, staticLayers, incidents, scale };
    draw(performance.now());
  }, [staticLayers, incidents, scale, draw]);

  useEffect(() => {
    if (!adapter) return;
    let handle = 0;
    let last = 0;
    const tick = (now: number) => {
      handle = requestAnimationFrame(tick);
      if (now - last < frameIntervalMs) return;
      last = now;
      draw(now);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [adapter, draw]);

  useEffect(() => {
    exposeWall({ incidentIds: () => frame.current.drawn.map((incident) => incident.id) });
    return () => exposeWall(undefined);
  }, []);

  const onAdapter = useCallback((next: MapAdapter | null) => setAdapter(next), []);
  return <MapView onAdapter={onAdapter} options={mapOptions} className="wall-map" label={t('wall.mapLabel')} />;
}
