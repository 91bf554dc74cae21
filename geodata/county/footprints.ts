/**
 * Placing rectangular footprints (compounds, buildings, houses) inside a grid: each one must lie
 * inside the grid with a margin, keep clear of roads and of footprints already placed.
 */
import { bboxOf, convexInside, convexSeparated, distanceToBoundary, pointInShape, rectCorners, type MultiPoly, type XY } from './geometry.ts';
import type { RoadIndex } from './roads.ts';

const CELL = 100;

/** The footprints placed so far in one grid, hashed for neighbour lookups. */
export class FootprintSet {
  private readonly cells = new Map<string, XY[][]>();

  constructor(
    private readonly shape: MultiPoly,
    private readonly roads: RoadIndex,
  ) {}

  private keys(corners: readonly XY[], pad: number): string[] {
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const keys: string[] = [];
    for (let x = Math.floor((Math.min(...xs) - pad) / CELL); x <= Math.floor((Math.max(...xs) + pad) / CELL); x++) {
      for (let y = Math.floor((Math.min(...ys) - pad) / CELL); y <= Math.floor((Math.max(...ys) + pad) / CELL); y++) keys.push(`${x},${y}`);
    }
    return keys;
  }

  /**
   * Whether a w×h rectangle at `center` fits: `margin` inside the grid edge, `gap` from other
   * footprints and `roadClearance` beyond each road's half-width (null: ignore roads).
   */
  fits(center: XY, w: number, h: number, angle: number, margin: number, gap: number, roadClearance: number | null): XY[] | null {
    const corners = rectCorners(center, w, h, angle);
    const padded = rectCorners(center, w + 2 * margin, h + 2 * margin, angle);
    if (!convexInside(padded, this.shape)) return null;
    for (const key of this.keys(corners, gap)) {
      for (const other of this.cells.get(key) ?? []) if (!convexSeparated(corners, other, gap)) return null;
    }
    if (roadClearance !== null && this.roads.blocks(corners, roadClearance)) return null;
    return corners;
  }

  /**
   * The first position that fits on a lattice aligned with `angle` (rows scanned in order), or
   * null: slower than random tries but packs tightly, for when the grid is getting full.
   */
  scan(w: number, h: number, angle: number, margin: number, gap: number, roadClearance: number | null, step: number): { center: XY; corners: XY[] } | null {
    for (const center of this.lattice(angle, step)) {
      const corners = this.fits(center, w, h, angle, margin, gap, roadClearance);
      if (corners) return { center, corners };
    }
    return null;
  }

  private latticeCache: { key: string; points: XY[] } | null = null;

  private lattice(angle: number, step: number): XY[] {
    const key = `${angle}:${step}`;
    if (this.latticeCache?.key === key) return this.latticeCache.points;
    const [minX, minY, maxX, maxY] = bboxOf(this.shape);
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    const r = Math.hypot(maxX - minX, maxY - minY) / 2;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const points: XY[] = [];
    for (let v = -r; v <= r; v += step) {
      for (let u = -r; u <= r; u += step) {
        const p: XY = [cx + u * cos - v * sin, cy + u * sin + v * cos];
        if (pointInShape(p, this.shape)) points.push(p);
      }
    }
    this.latticeCache = { key, points };
    return points;
  }

  add(corners: XY[]): void {
    for (const key of this.keys(corners, 0)) {
      const list = this.cells.get(key);
      if (list) list.push(corners);
      else this.cells.set(key, [corners]);
    }
  }

  /**
   * A small square footprint anywhere it fits (shrinking as needed, ignoring roads), for when
   * nothing else does: never outside the grid, overlapping others only if the grid is full.
   */
  squeeze(points: readonly XY[], maxSide: number, angle: number): XY[] {
    for (let side = maxSide; side >= 3; side *= 0.75) {
      for (const p of points) {
        const corners = this.fits(p, side, side, angle, 0.5, 1, null);
        if (corners) return corners;
      }
    }
    const { point, depth } = this.deepest(points);
    const side = Math.max(0.5, Math.min(maxSide, depth * 1.2));
    return rectCorners(point, side, side, angle);
  }

  /** The most interior of the given points and how far it is from the grid edge. */
  deepest(points: readonly XY[]): { point: XY; depth: number } {
    let point = points[0] as XY;
    let depth = -Infinity;
    for (const p of points) {
      const d = distanceToBoundary(p, this.shape);
      if (d > depth) {
        depth = d;
        point = p;
      }
    }
    return { point, depth };
  }
}
