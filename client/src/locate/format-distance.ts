export interface DistanceText {
  unit: 'meters' | 'kilometers';
  value: string;
}

/** 850 → 850 米; 1234 → 1.2 公里. Whole meters below 1 km, one decimal above. */
export function distanceText(meters: number): DistanceText {
  const rounded = Math.round(meters);
  if (rounded < 1000) return { unit: 'meters', value: String(Math.max(0, rounded)) };
  return { unit: 'kilometers', value: (meters / 1000).toFixed(1) };
}
