import type { LngLatTuple } from '../../api/locate.api.ts';
import type { RenderedRoad } from '../map.adapter.ts';

export interface RoadLabel {
  name: string;
  position: LngLatTuple;
  /** Degrees counter-clockwise from east, within (-90, 90] so that the name never reads upside down. */
  angle: number;
}

/** Length of a line in degrees of longitude at its latitude: good enough to compare pieces and find a midpoint. */
function segmentLength(a: LngLatTuple, b: LngLatTuple): number {
  return Math.hypot((b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180), b[1] - a[1]);
}

function lineLength(line: readonly LngLatTuple[]): number {
  let length = 0;
  for (let i = 1; i < line.length; i++) length += segmentLength(line[i - 1]!, line[i]!);
  return length;
}

/** The point halfway along `line` and the direction of the road there. */
function midway(line: readonly LngLatTuple[]): { position: LngLatTuple; angle: number } {
  let left = lineLength(line) / 2;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const length = segmentLength(a, b);
    if (length >= left || i === line.length - 1) {
      const f = length === 0 ? 0 : Math.min(1, left / length);
      const degrees = (Math.atan2(b[1] - a[1], (b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180)) * 180) / Math.PI;
      const angle = degrees > 90 ? degrees - 180 : degrees <= -90 ? degrees + 180 : degrees;
      return { position: [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f], angle };
    }
    left -= length;
  }
  return { position: line[0]!, angle: 0 };
}

/**
 * One label per road name: halfway along its longest piece on screen (tiles cut a road into pieces),
 * turned along the road there.
 */
export function roadLabels(roads: readonly RenderedRoad[]): RoadLabel[] {
  const longest = new Map<string, { line: LngLatTuple[]; length: number }>();
  for (const road of roads) {
    for (const line of road.lines) {
      if (line.length < 2) continue;
      const length = lineLength(line);
      if (length > (longest.get(road.name)?.length ?? 0)) longest.set(road.name, { line, length });
    }
  }
  return [...longest].map(([name, { line }]) => ({ name, ...midway(line) })).sort((a, b) => a.name.localeCompare(b.name));
}
