import type { SnapToCustom } from 'terra-draw';
import { along, nearestAlong, type SharedSegment } from './shared-boundaries.ts';

/**
 * Terra-draw snapping for the redraw line: to the nearest point, within `pixels` of the pointer, of
 * a boundary two grids share (not the community's edge, nor compounds), interpolated in degrees so
 * that the point lies on the segment the server will find.
 */
export function snapToSharedBoundary(segments: () => readonly SharedSegment[], pixels: number): SnapToCustom {
  return (event, { project }) => {
    const pointer = [event.containerX, event.containerY] as const;
    const screen = ([lng, lat]: readonly [number, number]) => {
      const { x, y } = project(lng, lat);
      return [x, y] as const;
    };
    let best: { at: readonly [number, number]; distance: number } | null = null;
    for (const segment of segments()) {
      const from = screen(segment.from);
      const to = screen(segment.to);
      const t = nearestAlong(pointer, from, to);
      const [x, y] = along(from, to, t);
      const distance = Math.hypot(x - pointer[0], y - pointer[1]);
      if (distance <= pixels && (best === null || distance < best.distance)) best = { at: along(segment.from, segment.to, t), distance };
    }
    return best ? [best.at[0], best.at[1]] : undefined;
  };
}
