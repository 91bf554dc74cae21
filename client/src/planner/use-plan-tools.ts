import { useCallback, useMemo, useState } from 'react';
import type { BboxTuple } from '../api/grids.api.ts';
import type { PlanValidationItem } from '../api/plans.api.ts';
import { bboxOfPositions, positionsOf, type Position } from './geometry.ts';
import { compoundAt, gridAt, gridUnderLine } from './map-picks.ts';
import type { PlanDrawEvents, PlanTool } from './plan-draw.ts';
import type { GridMarks } from './plan-layers.ts';
import type { PlanMapEvents } from './plan-map.tsx';
import { redrawPair } from './redraw-pair.ts';
import { sharedSegments } from './shared-boundaries.ts';
import type { UsePlan } from './use-plan.ts';

export interface PlanTools {
  tool: PlanTool;
  setTool(tool: PlanTool): void;
  marks: GridMarks;
  setTarget(grid: string | null): void;
  focus: { bbox: BboxTuple; seq: number } | null;
  showProblem(item: PlanValidationItem): void;
  events: PlanMapEvents;
}

/** What the planner's tools do with the map's events: each ends in one edit of the plan. */
export function usePlanTools(plan: UsePlan): PlanTools {
  const [tool, setToolState] = useState<PlanTool>('select');
  const [selected, setSelected] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ bbox: BboxTuple; seq: number } | null>(null);
  const view = plan.plan?.view ?? null;
  const { edit } = plan;
  const segments = useMemo(() => (view ? sharedSegments(view.grids.features) : []), [view]);

  const setTool = useCallback((next: PlanTool) => {
    setToolState(next);
    setPicked(null);
  }, []);

  const drawEvents: PlanDrawEvents = useMemo(
    () => ({
      onVertexMoved: (_grid, move) => void edit({ kind: 'move_vertex', from: [move.from[0], move.from[1]], to: [move.to[0], move.to[1]] }),
      onLineDrawn: (line) => {
        // the selected grid when the line runs through it, else the grid the line runs through most
        const grid = view ? gridUnderLine(view, line, selected) : null;
        if (grid) void edit({ kind: 'split', grid, line: line.map(([lng, lat]) => [lng, lat]) });
      },
      onRedrawDrawn: (line) => {
        const pair = view ? redrawPair(view, segments, line) : null;
        if (pair) void edit({ kind: 'redraw', ...pair, line: line.map(([lng, lat]) => [lng, lat]) });
      },
      onGridSelected: setSelected,
    }),
    [edit, view, segments, selected],
  );

  const onMapClick = useCallback(
    (point: Position) => {
      if (!view) return;
      if (tool === 'merge') {
        const grid = gridAt(view, point);
        if (!grid) return;
        if (picked === null || picked === grid) setPicked(grid);
        else {
          setPicked(null);
          void edit({ kind: 'merge', kept: picked, absorbed: grid });
        }
      } else if (tool === 'paint') {
        const compound = compoundAt(view, point);
        if (compound !== null && target !== null) void edit({ kind: 'paint', target, compound_id: compound });
        else if (compound === null) setTarget(gridAt(view, point));
      }
    },
    [view, tool, picked, target, edit],
  );

  const showProblem = useCallback((item: PlanValidationItem) => {
    const bbox = bboxOfPositions(positionsOf(item.geometry));
    if (bbox) setFocus((previous) => ({ bbox, seq: (previous?.seq ?? 0) + 1 }));
  }, []);

  const marks = useMemo(() => ({ selected, picked, target }), [selected, picked, target]);
  const events = useMemo(() => ({ ...drawEvents, onMapClick }), [drawEvents, onMapClick]);
  return { tool, setTool, marks, setTarget, focus, showProblem, events };
}
