/** Distinct, quiet fills for the grids of a plan, in the order the plan lists them. */
const palette = ['#e11d48', '#f59e0b', '#10b981', '#6366f1', '#0ea5e9', '#a855f7', '#84cc16', '#f97316', '#14b8a6', '#ec4899', '#64748b', '#eab308'];

export function gridColor(keys: readonly string[], key: string): string {
  const index = keys.indexOf(key);
  return palette[(index < 0 ? 0 : index) % palette.length]!;
}
