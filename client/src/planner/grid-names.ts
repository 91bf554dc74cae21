import type { PlanView } from '../api/plans.api.ts';

/** Grid key → name, for the plan's grids; a grid the plan merged away keeps its key. */
export function gridNames(view: PlanView): (key: string | null) => string | null {
  const names = new Map(view.grids.features.map((f) => [String(f.id), f.properties.name]));
  return (key) => (key === null ? null : (names.get(key) ?? key));
}
