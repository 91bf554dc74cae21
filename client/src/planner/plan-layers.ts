import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { GridFeature } from '../api/contract.ts';
import type { GovernanceLayer } from '../api/governance.api.ts';
import type { PlanView } from '../api/plans.api.ts';
import { gridLineLayerId } from '../map/basemap.style.ts';
import { gridColor } from './grid-colors.ts';

/** The planner's MapLibre sources; each is a GeoJSON source with layers of its own. */
export const planSources = {
  grids: 'plan-grids',
  compounds: 'plan-compounds',
  problems: 'plan-problems',
  current: 'current-grids',
  governance: 'governance-grids',
} as const;
export const gridFillLayerId = 'plan-grids-fill';
export const compoundFillLayerId = 'plan-compounds-fill';

/** What the planner marks on the map: the selected grid, the first grid picked to merge, the paint target. */
export interface GridMarks {
  selected: string | null;
  picked: string | null;
  target: string | null;
}

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Adds the sources and layers, under terra-draw's (call before terra-draw starts); hides the basemap's current grids. */
export function addPlanLayers(map: MaplibreMap): void {
  if (map.getLayer(gridLineLayerId)) map.setLayoutProperty(gridLineLayerId, 'visibility', 'none');
  for (const id of Object.values(planSources)) map.addSource(id, { type: 'geojson', data: empty });
  map.addLayer({
    id: gridFillLayerId,
    type: 'fill',
    source: planSources.grids,
    paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['case', ['get', 'marked'], 0.5, 0.28] },
  });
  map.addLayer({ id: 'plan-compounds-line', type: 'line', source: planSources.compounds, paint: { 'line-color': '#7c6f64', 'line-width': 1 } });
  map.addLayer({ id: compoundFillLayerId, type: 'fill', source: planSources.compounds, paint: { 'fill-color': '#7c6f64', 'fill-opacity': 0.12 } });
  map.addLayer({
    id: 'plan-grids-line',
    type: 'line',
    source: planSources.grids,
    paint: { 'line-color': ['case', ['get', 'marked'], '#111827', '#c8102e'], 'line-width': ['case', ['get', 'marked'], 3.5, 2] },
  });
  // the current grids over the plan's outlines: where they part, the change shows
  map.addLayer({
    id: 'current-grids-line',
    type: 'line',
    source: planSources.current,
    paint: { 'line-color': '#1d4ed8', 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
  });
  // the governance grids (综治网格) the plan's grids should coincide with: dotted green
  map.addLayer({
    id: 'governance-grids-line',
    type: 'line',
    source: planSources.governance,
    paint: { 'line-color': '#15803d', 'line-width': 2.5, 'line-dasharray': [0.5, 1.5] },
  });
  const problemColor: ExpressionSpecification = ['case', ['==', ['get', 'severity'], 'error'], '#dc2626', '#f59e0b'];
  map.addLayer({
    id: 'plan-problems-fill',
    type: 'fill',
    source: planSources.problems,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': problemColor, 'fill-opacity': 0.35 },
  });
  map.addLayer({
    id: 'plan-problems-line',
    type: 'line',
    source: planSources.problems,
    paint: { 'line-color': problemColor, 'line-width': 3 },
  });
  map.addLayer({
    id: 'plan-problems-point',
    type: 'circle',
    source: planSources.problems,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': problemColor, 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });
}

function setData(map: MaplibreMap, id: string, data: FeatureCollection): void {
  map.getSource<GeoJSONSource>(id)?.setData(data);
}

/** The plan's grids (coloured by grid, marks in bold), compounds and validation problems. */
export function showPlan(map: MaplibreMap, view: PlanView | null, marks: GridMarks): void {
  const keys = view?.grids.features.map((f) => String(f.id)) ?? [];
  const grids: Feature[] =
    view?.grids.features.map((f) => {
      const key = String(f.id);
      return {
        type: 'Feature',
        id: keys.indexOf(key),
        geometry: f.geometry,
        properties: { key, color: gridColor(keys, key), marked: key === marks.selected || key === marks.picked || key === marks.target },
      };
    }) ?? [];
  const compounds: Feature[] =
    view?.compounds.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { compound_id: f.properties.id, name: f.properties.name } })) ??
    [];
  const problems: Feature[] =
    view?.validation
      .filter((v) => typeof v.geometry === 'object' && v.geometry !== null)
      .map((v) => ({ type: 'Feature', geometry: v.geometry as Geometry, properties: { severity: v.severity, code: v.code } })) ?? [];
  setData(map, planSources.grids, { type: 'FeatureCollection', features: grids });
  setData(map, planSources.compounds, { type: 'FeatureCollection', features: compounds });
  setData(map, planSources.problems, { type: 'FeatureCollection', features: problems });
}

/** The community's grids as they are now, dashed blue (the review view overlays them on the plan). */
export function showCurrentGrids(map: MaplibreMap, grids: readonly GridFeature[]): void {
  setData(map, planSources.current, { type: 'FeatureCollection', features: grids.map((g) => ({ type: 'Feature', geometry: g.geometry, properties: {} })) });
}

/** The community's governance grid layer, dotted green (empty while none is loaded). */
export function showGovernanceGrids(map: MaplibreMap, layer: GovernanceLayer | null): void {
  setData(map, planSources.governance, {
    type: 'FeatureCollection',
    features: (layer?.grids.features ?? []).map((g) => ({ type: 'Feature', geometry: g.geometry, properties: { name: g.properties.name ?? '' } })),
  });
}
