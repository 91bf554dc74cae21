import type { Map as MaplibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { PlanGridFeature } from '../api/plans.api.ts';
import type { Position, Ring } from './geometry.ts';
import { movedVertex, type MovedVertex } from './moved-vertex.ts';

/** The planner's tools: terra-draw handles select (vertex dragging) and split (a drawn line); merge and paint are map clicks. */
export type PlanTool = 'select' | 'split' | 'merge' | 'paint';

export interface PlanDrawEvents {
  /** A vertex of a grid was dragged (and let go) in select mode. */
  onVertexMoved(grid: string, move: MovedVertex): void;
  /** A line was drawn in split mode. */
  onLineDrawn(line: Position[]): void;
  /** A grid was selected (its vertices are now draggable) or deselected (null). */
  onGridSelected(grid: string | null): void;
}

export interface PlanDraw {
  /** Replace the editable outlines by the plan's grids as the server answered them; `selected` stays selected. */
  setGrids(features: readonly PlanGridFeature[], selected: string | null): void;
  setTool(tool: PlanTool): void;
  destroy(): void;
}

const precision = 9;
const round = (value: number) => Number(value.toFixed(precision));
/** Terra-draw feature ids: `<grid key>/<part index>` (a grid is a multipolygon, terra-draw edits polygons). */
const featureId = (grid: string, part: number) => `${grid}/${part}`;
const gridOf = (id: string | number) => String(id).split('/')[0] ?? '';

function makeIds() {
  let next = 0;
  return { isValidId: (id: string | number) => typeof id === 'string' && id.length > 0, getId: () => `drawn-${++next}` };
}

function createTerraDraw(map: MaplibreMap): TerraDraw {
  return new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: precision }),
    idStrategy: makeIds(),
    modes: [
      // the grids' outlines are drawn by the planner's own layers; terra-draw's copies stay invisible until selected
      new TerraDrawPolygonMode({ styles: { fillOpacity: 0, outlineWidth: 0, outlineOpacity: 0 } }),
      new TerraDrawLineStringMode({ styles: { lineStringColor: '#1d4ed8', lineStringWidth: 3, closingPointColor: '#1d4ed8' } }),
      new TerraDrawSelectMode({
        pointerDistance: 14,
        keyEvents: null,
        flags: {
          polygon: {
            feature: {
              draggable: false,
              coordinates: { draggable: true, midpoints: false, deletable: false, snappable: { toLine: true, toCoordinate: true } },
            },
          },
        },
        styles: {
          selectedPolygonColor: '#1d4ed8',
          selectedPolygonFillOpacity: 0.08,
          selectedPolygonOutlineColor: '#1d4ed8',
          selectedPolygonOutlineWidth: 3,
          selectionPointColor: '#ffffff',
          selectionPointOutlineColor: '#1d4ed8',
          selectionPointWidth: 5,
          selectionPointOutlineWidth: 2,
        },
      }),
    ],
  });
}

function toDrawFeatures(features: readonly PlanGridFeature[]): { drawn: GeoJSONStoreFeatures[]; rings: Map<string, Ring> } {
  const drawn: GeoJSONStoreFeatures[] = [];
  const rings = new Map<string, Ring>();
  for (const feature of features) {
    feature.geometry.coordinates.forEach((polygon, part) => {
      const outer = polygon[0];
      if (!outer) return;
      const ring: Ring = outer.map(([lng, lat]) => [round(lng), round(lat)]);
      const id = featureId(String(feature.id), part);
      rings.set(id, ring);
      drawn.push({
        id,
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring.map(([lng, lat]) => [lng, lat])] },
        properties: { mode: 'polygon' },
      });
    });
  }
  return { drawn, rings };
}

/** Terra-draw on the planner's map (its style loaded): the grids' outlines to drag, and lines to split them with. */
export function createPlanDraw(map: MaplibreMap, events: PlanDrawEvents): PlanDraw {
  const draw = createTerraDraw(map);
  let rings = new Map<string, Ring>();
  let tool: PlanTool = 'select';

  const modeOf = (t: PlanTool) => (t === 'select' ? 'select' : t === 'split' ? 'linestring' : 'static');
  const load = (features: readonly PlanGridFeature[]) => {
    draw.clear();
    const converted = toDrawFeatures(features);
    rings = converted.rings;
    const results = draw.addFeatures(converted.drawn);
    for (const result of results) if (!result.valid) rings.delete(String(result.id));
  };

  draw.on('finish', (id, context) => {
    const feature = draw.getSnapshotFeature(id);
    if (!feature) return;
    if (context.mode === 'linestring' && feature.geometry.type === 'LineString') {
      const line = feature.geometry.coordinates.map(([lng, lat]): Position => [lng ?? 0, lat ?? 0]);
      draw.removeFeatures([id]);
      events.onLineDrawn(line);
    } else if (context.action === 'dragCoordinate' && feature.geometry.type === 'Polygon') {
      const before = rings.get(String(id));
      const after = feature.geometry.coordinates[0]?.map(([lng, lat]): Position => [lng ?? 0, lat ?? 0]);
      const move = before && after ? movedVertex(before, after) : null;
      if (move) events.onVertexMoved(gridOf(id), move);
    }
  });
  draw.on('select', (id) => events.onGridSelected(gridOf(id)));
  draw.on('deselect', () => events.onGridSelected(null));

  // the map's style is loaded: terra-draw adds its sources and layers on top of the planner's
  draw.start();
  draw.setMode(modeOf(tool));

  return {
    setGrids(features, selected) {
      load(features);
      const again = selected === null ? undefined : [...rings.keys()].find((id) => gridOf(id) === selected);
      if (again !== undefined && tool === 'select') draw.selectFeature(again);
    },
    setTool(next) {
      tool = next;
      draw.setMode(modeOf(next));
    },
    destroy() {
      draw.stop();
    },
  };
}
