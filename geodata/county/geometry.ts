/**
 * Planar geometry in local meters (see projection.ts): areas, centroids, point-in-polygon,
 * rectangle containment and line clipping. Rings are closed (first point repeated at the end);
 * generated polygons have no holes, but the functions accept them.
 */
export type XY = [number, number];
export type Ring = XY[];
export type Poly = Ring[];
export type MultiPoly = Poly[];
export type Bbox = [minX: number, minY: number, maxX: number, maxY: number];

/** Signed area of a closed ring (positive when counter-clockwise). */
export function ringSignedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as XY;
    const b = ring[i + 1] as XY;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/** Area of a polygon set in square meters (holes subtracted). */
export function multiArea(shape: MultiPoly): number {
  let s = 0;
  for (const poly of shape) {
    poly.forEach((ring, k) => {
      const a = Math.abs(ringSignedArea(ring));
      s += k === 0 ? a : -a;
    });
  }
  return s;
}

/** Area-weighted centroid of a polygon set. */
export function multiCentroid(shape: MultiPoly): XY {
  let ax = 0;
  let ay = 0;
  let aa = 0;
  for (const poly of shape) {
    poly.forEach((ring, k) => {
      const signed = ringSignedArea(ring);
      const sign = (k === 0 ? 1 : -1) * Math.sign(signed);
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as XY;
        const b = ring[i + 1] as XY;
        const cross = a[0] * b[1] - b[0] * a[1];
        ax += sign * (a[0] + b[0]) * cross;
        ay += sign * (a[1] + b[1]) * cross;
      }
      aa += sign * signed;
    });
  }
  return [ax / (6 * aa), ay / (6 * aa)];
}

export function bboxOf(shape: MultiPoly): Bbox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of shape) {
    for (const [x, y] of poly[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Ray-casting point-in-ring test. */
export function pointInRing(p: XY, ring: Ring): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const a = ring[i] as XY;
    const b = ring[j] as XY;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

export function pointInShape(p: XY, shape: MultiPoly): boolean {
  for (const poly of shape) {
    if (!poly[0] || !pointInRing(p, poly[0])) continue;
    if (poly.slice(1).some((hole) => pointInRing(p, hole))) continue;
    return true;
  }
  return false;
}

export function distance(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Distance from p to the segment ab. */
export function segmentDistance(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Smallest distance from p to any ring of the shape. */
export function distanceToBoundary(p: XY, shape: MultiPoly): number {
  let best = Infinity;
  for (const poly of shape) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const d = segmentDistance(p, ring[i] as XY, ring[i + 1] as XY);
        if (d < best) best = d;
      }
    }
  }
  return best;
}

function orient(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** Whether r, collinear with pq, lies within the segment pq. */
function on(p: XY, q: XY, r: XY): boolean {
  return Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
}

/** Whether segments ab and cd share at least one point. */
export function segmentsIntersect(a: XY, b: XY, c: XY, d: XY): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && on(c, d, a)) || (d2 === 0 && on(c, d, b)) || (d3 === 0 && on(a, b, c)) || (d4 === 0 && on(a, b, d));
}

/** Distance between segments ab and cd (0 when they meet). */
export function segmentSegmentDistance(a: XY, b: XY, c: XY, d: XY): number {
  if (segmentsIntersect(a, b, c, d)) return 0;
  return Math.min(segmentDistance(a, c, d), segmentDistance(b, c, d), segmentDistance(c, a, b), segmentDistance(d, a, b));
}

/** Corners (counter-clockwise, open) of a w×h rectangle centred at c, rotated by angle radians. */
export function rectCorners(c: XY, w: number, h: number, angle: number): XY[] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const hw = w / 2;
  const hh = h / 2;
  return [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ].map(([x, y]) => [c[0] + (x as number) * cos - (y as number) * sin, c[1] + (x as number) * sin + (y as number) * cos] as XY);
}

/** Whether p lies inside (or on) the convex polygon given by open counter-clockwise corners. */
export function pointInConvex(p: XY, corners: readonly XY[]): boolean {
  for (let i = 0; i < corners.length; i++) {
    if (orient(corners[i] as XY, corners[(i + 1) % corners.length] as XY, p) < 0) return false;
  }
  return true;
}

/**
 * Whether the convex polygon (open counter-clockwise corners) lies inside the shape:
 * every corner inside, no shape vertex inside it and no boundary edge crossing it.
 */
export function convexInside(corners: readonly XY[], shape: MultiPoly): boolean {
  if (!corners.every((c) => pointInShape(c, shape))) return false;
  for (const poly of shape) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as XY;
        if (pointInConvex(a, corners)) return false;
        const b = ring[i + 1] as XY;
        for (let k = 0; k < corners.length; k++) {
          if (segmentsIntersect(a, b, corners[k] as XY, corners[(k + 1) % corners.length] as XY)) return false;
        }
      }
    }
  }
  return true;
}

/** Closes an open ring by repeating its first point. */
export function closeRing(points: readonly XY[]): Ring {
  const first = points[0] as XY;
  return [...points.map((p) => [p[0], p[1]] as XY), [first[0], first[1]]];
}

/** Pieces of a polyline that lie inside the shape (or outside it, with `keep: 'outside'`). */
export function clipLine(line: readonly XY[], shape: MultiPoly, keep: 'inside' | 'outside' = 'inside'): XY[][] {
  const pieces: XY[][] = [];
  let current: XY[] = [];
  const edges: [XY, XY][] = [];
  for (const poly of shape) {
    for (const ring of poly) for (let i = 0; i + 1 < ring.length; i++) edges.push([ring[i] as XY, ring[i + 1] as XY]);
  }
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as XY;
    const b = line[i + 1] as XY;
    const ts = [0, 1];
    for (const [c, d] of edges) {
      const den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
      if (den === 0) continue;
      const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den;
      const u = ((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0])) / den;
      if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
    }
    ts.sort((x, y) => x - y);
    for (let k = 0; k + 1 < ts.length; k++) {
      const t0 = ts[k] as number;
      const t1 = ts[k + 1] as number;
      if (t1 - t0 < 1e-12) continue;
      const at = (t: number): XY => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      const inside = pointInShape(at((t0 + t1) / 2), shape) === (keep === 'inside');
      if (inside) {
        if (current.length === 0) current.push(at(t0));
        current.push(at(t1));
      } else if (current.length > 0) {
        pieces.push(current);
        current = [];
      }
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}

/** Length of a polyline in meters. */
export function lineLength(line: readonly XY[]): number {
  let s = 0;
  for (let i = 0; i + 1 < line.length; i++) s += distance(line[i] as XY, line[i + 1] as XY);
  return s;
}

/**
 * Whether two convex polygons (open corner lists) are at least `gap` apart along one of their
 * edge normals (separating-axis test; for rectangles this is their true clearance or less).
 */
export function convexSeparated(a: readonly XY[], b: readonly XY[], gap: number): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i] as XY;
      const q = poly[(i + 1) % poly.length] as XY;
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (len === 0) continue;
      const nx = -(q[1] - p[1]) / len;
      const ny = (q[0] - p[0]) / len;
      let minA = Infinity;
      let maxA = -Infinity;
      let minB = Infinity;
      let maxB = -Infinity;
      for (const c of a) {
        const d = c[0] * nx + c[1] * ny;
        if (d < minA) minA = d;
        if (d > maxA) maxA = d;
      }
      for (const c of b) {
        const d = c[0] * nx + c[1] * ny;
        if (d < minB) minB = d;
        if (d > maxB) maxB = d;
      }
      if (maxA + gap <= minB || maxB + gap <= minA) return true;
    }
  }
  return false;
}
