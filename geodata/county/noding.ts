/**
 * Makes neighbouring polygons share their boundaries vertex for vertex. Clipping puts a child's
 * corner on its parent's edge (or a neighbour's) without that edge having the vertex; in WGS-84
 * the edge A–B is then not the path A–C–B — PostGIS's geography reads edges as great-circle arcs
 * — and the sliver between them measures tens of square meters. Noding inserts every vertex
 * that lies on an edge into that edge, after snapping coordinates to a micrometer so that
 * copies of one computed point become the same point.
 */
import type { MultiPoly, Ring, XY } from './geometry.ts';

const SNAP = 1e6;
const ON_EDGE = 1e-5;
const CELL = 100;

function snap(shape: MultiPoly): MultiPoly {
  return shape.map((poly) =>
    poly.map((ring) => {
      const out: Ring = [];
      for (const [x, y] of ring) {
        const p: XY = [Math.round(x * SNAP) / SNAP, Math.round(y * SNAP) / SNAP];
        const last = out[out.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
      }
      return out;
    }),
  );
}

/** The shapes, snapped, with every vertex of any of them inserted into the edges it lies on. */
export function nodeShapes(shapes: readonly MultiPoly[]): MultiPoly[] {
  const snapped = shapes.map(snap);
  const cells = new Map<string, XY[]>();
  const seen = new Set<string>();
  for (const shape of snapped) {
    for (const poly of shape) {
      for (const ring of poly) {
        for (const p of ring) {
          const key = `${p[0]},${p[1]}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const cell = `${Math.floor(p[0] / CELL)},${Math.floor(p[1] / CELL)}`;
          const list = cells.get(cell);
          if (list) list.push(p);
          else cells.set(cell, [p]);
        }
      }
    }
  }
  return snapped.map((shape) => shape.map((poly) => poly.map((ring) => nodeRing(ring, cells))));
}

function nodeRing(ring: Ring, cells: Map<string, XY[]>): Ring {
  const out: Ring = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as XY;
    const b = ring[i + 1] as XY;
    out.push(a);
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) continue;
    const len = Math.sqrt(len2);
    const found: { t: number; p: XY }[] = [];
    const x0 = Math.floor((Math.min(a[0], b[0]) - ON_EDGE) / CELL);
    const x1 = Math.floor((Math.max(a[0], b[0]) + ON_EDGE) / CELL);
    const y0 = Math.floor((Math.min(a[1], b[1]) - ON_EDGE) / CELL);
    const y1 = Math.floor((Math.max(a[1], b[1]) + ON_EDGE) / CELL);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        for (const p of cells.get(`${cx},${cy}`) ?? []) {
          const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
          if (t * len <= ON_EDGE || (1 - t) * len <= ON_EDGE) continue;
          const off = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / len;
          if (off < ON_EDGE) found.push({ t, p });
        }
      }
    }
    found.sort((u, v) => u.t - v.t);
    for (const f of found) out.push(f.p);
  }
  out.push(ring[ring.length - 1] as XY);
  return out;
}
