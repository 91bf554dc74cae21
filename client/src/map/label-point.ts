/**
 * Where to put a polygon's label: the pole of inaccessibility (the interior point farthest from the
 * boundary), after Mapbox's polylabel. Unlike a centroid it always lies inside, even for a crescent.
 */

type Position = readonly [number, number];
type Ring = readonly Position[];
type Polygon = readonly Ring[];

interface Cell {
  x: number;
  y: number;
  /** half the cell size */
  h: number;
  /** distance from the cell center to the polygon boundary, negative outside */
  d: number;
  /** the best distance any point in the cell could reach */
  max: number;
}

function segmentDistanceSq(px: number, py: number, a: Position, b: Position): number {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      [x, y] = b;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Signed distance from a point to the polygon outline: positive inside, negative outside. */
function signedDistance(x: number, y: number, polygon: Polygon): number {
  let inside = false;
  let minDistSq = Infinity;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i] as Position;
      const b = ring[j] as Position;
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      minDistSq = Math.min(minDistSq, segmentDistanceSq(x, y, a, b));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(minDistSq);
}

function makeCell(x: number, y: number, h: number, polygon: Polygon): Cell {
  const d = signedDistance(x, y, polygon);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    sum += (b[0] - a[0]) * (b[1] + a[1]);
  }
  return Math.abs(sum / 2);
}

function centroidCell(polygon: Polygon): Cell {
  const ring = polygon[0] ?? [];
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    const f = a[0] * b[1] - b[0] * a[1];
    x += (a[0] + b[0]) * f;
    y += (a[1] + b[1]) * f;
    area += f * 3;
  }
  const first = ring[0] ?? [0, 0];
  return area === 0 ? makeCell(first[0], first[1], 0, polygon) : makeCell(x / area, y / area, 0, polygon);
}

/** Pole of inaccessibility of one polygon in planar coordinates, to within `precision`. */
export function polylabel(polygon: Polygon, precision: number): Position {
  const outer = polygon[0] ?? [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const cellSize = Math.max(precision, Math.min(width, height));
  if (!Number.isFinite(cellSize) || cellSize === 0) return [minX, minY];

  const queue: Cell[] = [];
  for (let x = minX; x < maxX; x += cellSize) {
    for (let y = minY; y < maxY; y += cellSize) {
      queue.push(makeCell(x + cellSize / 2, y + cellSize / 2, cellSize / 2, polygon));
    }
  }
  let best = centroidCell(polygon);
  const boxCenter = makeCell(minX + width / 2, minY + height / 2, 0, polygon);
  if (boxCenter.d > best.d) best = boxCenter;

  // A sorted array is plenty for area-sized polygons; the search visits a few hundred cells.
  queue.sort((a, b) => a.max - b.max);
  while (queue.length > 0) {
    const cell = queue.pop() as Cell;
    if (cell.d > best.d) best = cell;
    if (cell.max - best.d <= precision) continue;
    const h = cell.h / 2;
    for (const [dx, dy] of [
      [-h, -h],
      [h, -h],
      [-h, h],
      [h, h],
    ] as const) {
      const child = makeCell(cell.x + dx, cell.y + dy, h, polygon);
      if (child.max <= best.d) continue;
      let at = queue.length;
      while (at > 0 && (queue[at - 1] as Cell).max > child.max) at--;
      queue.splice(at, 0, child);
    }
  }
  return [best.x, best.y];
}

/**
 * Size of a (multi)polygon in lng/lat: its outer rings' planar area in square degrees. Good for
 * ranking the areas of one region by size (labels), not for measuring them.
 */
export function planarArea(multipolygon: readonly Polygon[]): number {
  return multipolygon.reduce((sum, polygon) => sum + (polygon[0] ? ringArea(polygon[0]) : 0), 0);
}

/**
 * Label position of a (multi)polygon in lng/lat: the pole of inaccessibility of its largest part,
 * searched in a locally equal-scaled plane (longitude shrunk by cos(latitude)) to about 1/100 of its size.
 */
export function labelPoint(multipolygon: readonly Polygon[]): [number, number] | null {
  let largest: Polygon | null = null;
  let largestArea = 0;
  for (const polygon of multipolygon) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    const area = ringArea(outer);
    if (area > largestArea) {
      largest = polygon;
      largestArea = area;
    }
  }
  if (!largest) return null;

  const first = (largest[0] as Ring)[0] as Position;
  const scale = Math.cos((first[1] * Math.PI) / 180);
  const planar: Polygon = largest.map((ring) => ring.map(([lng, lat]) => [lng * scale, lat] as const));
  const [x, y] = polylabel(planar, Math.sqrt(largestArea) / 100);
  return [x / scale, y];
}
