import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridFeature } from '../api/contract.ts';
import type { GovernanceLayer } from '../api/governance.api.ts';
import type { BboxTuple } from '../api/grids.api.ts';
import type { PlanView } from '../api/plans.api.ts';
import type { MapAdapter } from '../map/map.adapter.ts';
import { MapView } from '../map/map-view.tsx';
import { bboxOf, type Position } from './geometry.ts';
import type { MovedVertex } from './moved-vertex.ts';
import { createPlanDraw, type PlanDraw, type PlanTool } from './plan-draw.ts';
import { createPlanLabelsLayer } from './plan-labels.layer.ts';
import { addPlanLayers, showCurrentGrids, showGovernanceGrids, showPlan, type GridMarks } from './plan-layers.ts';
import { clearPlanDrawn, markPlanDrawn } from './planner-test-hooks.ts';

export interface PlanMapEvents {
  onVertexMoved(grid: string, move: MovedVertex): void;
  onLineDrawn(line: Position[]): void;
  onRedrawDrawn(line: Position[]): void;
  onGridSelected(grid: string | null): void;
  /** A click in merge or paint mode. */
  onMapClick(point: Position): void;
}

export interface PlanMapProps {
  view: PlanView | null;
  /** Terra-draw edits only a draft. */
  editable: boolean;
  tool: PlanTool;
  marks: GridMarks;
  /** The current grids, overlaid in the review view. */
  currentGrids: readonly GridFeature[];
  /** The community's governance grids (综治网格), when a layer is loaded. */
  governance: GovernanceLayer | null;
  /** Zoom here when `seq` changes (a validation item was clicked). */
  focus: { bbox: BboxTuple; seq: number } | null;
  events: PlanMapEvents;
}

/** The planner's map: the plan's grids, compounds and problems, terra-draw for editing, labels. */
export function PlanMap({ view, editable, tool, marks, currentGrids, governance, focus, events }: PlanMapProps) {
  const { t } = useTranslation();
  const [adapter, setAdapter] = useState<MapAdapter | null>(null);
  const [draw, setDraw] = useState<PlanDraw | null>(null);
  const eventsRef = useRef(events);
  const selectedRef = useRef(marks.selected);
  useEffect(() => {
    eventsRef.current = events;
    selectedRef.current = marks.selected;
  });

  useEffect(() => {
    if (!adapter) return;
    const map = adapter.map;
    let made: PlanDraw | null = null;
    const setup = () => {
      addPlanLayers(map);
      made = createPlanDraw(map, {
        onVertexMoved: (grid, move) => eventsRef.current.onVertexMoved(grid, move),
        onLineDrawn: (line) => eventsRef.current.onLineDrawn(line),
        onRedrawDrawn: (line) => eventsRef.current.onRedrawDrawn(line),
        onGridSelected: (grid) => eventsRef.current.onGridSelected(grid),
      });
      setDraw(made);
    };
    map.once('load', setup);
    const stopClick = adapter.onClick((point) => eventsRef.current.onMapClick(point));
    return () => {
      map.off('load', setup);
      stopClick();
      made?.destroy();
      setDraw(null);
    };
  }, [adapter]);

  // the plan's layers and terra-draw's outlines follow every answer
  useEffect(() => {
    if (!adapter || !draw) return;
    draw.setGrids(view && editable ? view.grids.features : [], selectedRef.current);
    adapter.setLayers([createPlanLabelsLayer(view)]);
    if (!view) return;
    const map = adapter.map;
    const mark = () => markPlanDrawn(view.id, view.revision);
    map.once('idle', mark);
    map.triggerRepaint();
    return () => {
      map.off('idle', mark);
      clearPlanDrawn();
    };
  }, [adapter, draw, view, editable]);

  useEffect(() => {
    if (adapter && draw) showPlan(adapter.map, view, marks);
  }, [adapter, draw, view, marks]);

  useEffect(() => {
    if (adapter && draw) showCurrentGrids(adapter.map, currentGrids);
  }, [adapter, draw, currentGrids]);

  useEffect(() => {
    if (adapter && draw) showGovernanceGrids(adapter.map, governance);
  }, [adapter, draw, governance]);

  useEffect(() => {
    draw?.setTool(editable ? tool : 'merge');
  }, [draw, tool, editable]);

  // frame the community when a plan opens
  const framed = useRef<number | null>(null);
  useEffect(() => {
    if (!adapter || !view || framed.current === view.id) return;
    const bbox = bboxOf(view.grids.features.map((f) => f.geometry.coordinates));
    if (bbox) adapter.fitBounds(bbox, 40);
    framed.current = view.id;
  }, [adapter, view]);

  useEffect(() => {
    if (adapter && focus) adapter.fitBounds(focus.bbox, 80);
  }, [adapter, focus]);

  return <MapView onAdapter={setAdapter} className="planner-map-view" label={t('planner.title')} />;
}
