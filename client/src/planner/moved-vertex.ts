import { metresBetween, type Position, type Ring } from './geometry.ts';

export interface MovedVertex {
  from: Position;
  to: Position;
}

/**
 * Which vertex a drag moved: the position of `before` farthest from its counterpart in `after`
 * (the same ring with one vertex dragged, so the same length). Null when nothing moved more than
 * `minMetres`, or the rings do not line up (a vertex was added or removed).
 */
export function movedVertex(before: Ring, after: Ring, minMetres = 0.5): MovedVertex | null {
  if (before.length !== after.length) return null;
  let best: MovedVertex | null = null;
  let bestDistance = minMetres;
  for (let i = 0; i < before.length; i++) {
    const distance = metresBetween(before[i]!, after[i]!);
    if (distance > bestDistance) {
      bestDistance = distance;
      best = { from: before[i]!, to: after[i]! };
    }
  }
  return best;
}
