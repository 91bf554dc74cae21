/** How many target ids a table cell lists before it sums up the rest. */
export const shownTargetIds = 3;

export interface TargetIds<T> {
  shown: readonly T[];
  /** All ids, when some are not shown; null when every id is. */
  total: number | null;
}

/** [1, 2, 3, 4, 5] → shown [1, 2, 3], total 5; [7] → shown [7], total null. */
export function targetIds<T>(ids: readonly T[], limit = shownTargetIds): TargetIds<T> {
  return ids.length > limit ? { shown: ids.slice(0, limit), total: ids.length } : { shown: ids, total: null };
}
