import type { PlanView } from '../api/plans.api.ts';
import { multipolygonContains, pointsAlong, type Position } from './geometry.ts';

/** The plan's grid under a point, if any. */
export function gridAt(view: PlanView, point: Position): string | null {
  const hit = view.grids.features.find((f) => multipolygonContains(f.geometry.coordinates, point));
  return hit ? String(hit.id) : null;
}

/** The compound under a point, if any. */
export function compoundAt(view: PlanView, point: Position): number | null {
  const hit = view.compounds.features.find((f) => multipolygonContains(f.geometry.coordinates, point));
  return hit ? hit.properties.id : null;
}

/** The grid a drawn line splits: `preferred` (the selected grid) when the line runs through it, else the one it runs through most. */
export function gridUnderLine(view: PlanView, line: readonly Position[], preferred: string | null = null): string | null {
  const counts = new Map<string, number>();
  for (const point of pointsAlong(line)) {
    const grid = gridAt(view, point);
    if (grid) counts.set(grid, (counts.get(grid) ?? 0) + 1);
  }
  if (preferred !== null && counts.has(preferred)) return preferred;
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
