import type { Map as MaplibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { PlanGridFeature } from '../api/plans.api.ts';
import { snapToSharedBoundary } from './boundary-snap.ts';
import type { Position, Ring } from './geometry.ts';
import { movedVertex, type MovedVertex } from './moved-vertex.ts';
import { sharedSegments, type SharedSegment } from './shared-boundaries.ts';

/**
 * The planner's tools: terra-draw handles select (vertex dragging), split and redraw (drawn lines;
 * a redraw line snaps to the boundaries grids share); merge and paint are map clicks.
 */
export type PlanTool = 'select' | 'split' | 'redraw' | 'merge' | 'paint';

export interface PlanDrawEvents {
  /** A vertex of a grid was dragged (and let go) in select mode. */
  onVertexMoved(grid: string, move: MovedVertex): void;
  /** A line was drawn in split mode. */
  onLineDrawn(line: Position[]): void;
  /** A line was drawn in redraw mode, its points snapped to shared boundaries where near one. */
  onRedrawDrawn(line: Position[]): void;
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

const terraModes: Record<PlanTool, string> = { select: 'select', split: 'linestring', redraw: 'redraw', merge: 'static', paint: 'static' };
const lineStyles = { lineStringColor: '#1d4ed8', lineStringWidth: 3, closingPointColor: '#1d4ed8' } as const;

function createTerraDraw(map: MaplibreMap, segments: () => readonly SharedSegment[]): TerraDraw {
  return new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: precision }),
    idStrategy: makeIds(),
    modes: [
      // the grids' outlines are drawn by the planner's own layers; terra-draw's copies stay invisible until selected
      new TerraDrawPolygonMode({ styles: { fillOpacity: 0, outlineWidth: 0, outlineOpacity: 0 } }),
      new TerraDrawLineStringMode({ styles: lineStyles }),
      new TerraDrawLineStringMode({
        modeName: 'redraw',
        snapping: { toCustom: snapToSharedBoundary(segments, 14) },
        styles: { ...lineStyles, lineStringColor: '#c2410c', closingPointColor: '#c2410c', snappingPointColor: '#c2410c', snappingPointWidth: 6 },
      }),
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

/** Terra-draw on the planner's map (its style loaded): the grids' outlines to drag, and lines to split or redraw them with. */
export function createPlanDraw(map: MaplibreMap, events: PlanDrawEvents): PlanDraw {
  let segments: SharedSegment[] = [];
  const draw = createTerraDraw(map, () => segments);
  let rings = new Map<string, Ring>();
  let tool: PlanTool = 'select';

  const load = (features: readonly PlanGridFeature[]) => {
    draw.clear();
    segments = sharedSegments(features);
    const converted = toDrawFeatures(features);
    rings = converted.rings;
    const results = draw.addFeatures(converted.drawn);
    for (const result of results) if (!result.valid) rings.delete(String(result.id));
  };

  draw.on('finish', (id, context) => {
    const feature = draw.getSnapshotFeature(id);
    if (!feature) return;
    if ((context.mode === 'linestring' || context.mode === 'redraw') && feature.geometry.type === 'LineString') {
      const line = feature.geometry.coordinates.map(([lng, lat]): Position => [lng ?? 0, lat ?? 0]);
      draw.removeFeatures([id]);
      if (context.mode === 'redraw') events.onRedrawDrawn(line);
      else events.onLineDrawn(line);
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
  draw.setMode(terraModes[tool]);

  return {
    setGrids(features, selected) {
      load(features);
      const again = selected === null ? undefined : [...rings.keys()].find((id) => gridOf(id) === selected);
      if (again !== undefined && tool === 'select') draw.selectFeature(again);
    },
    setTool(next) {
      tool = next;
      draw.setMode(terraModes[next]);
    },
    destroy() {
      draw.stop();
    },
  };
}
