/**
 * Exact tilings: the Voronoi cells of seed points, clipped to a parent shape. Neighbouring cells
 * are built from the same Voronoi vertices, so siblings share their edges and together cover the
 * parent with no gap or overlap.
 */
import { featureCollection, intersect, multiPolygon, polygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { Delaunay } from 'd3-delaunay';
import { bboxOf, pointInConvex, pointInShape, segmentsIntersect, type MultiPoly, type Ring, type XY } from './geometry.ts';

/** The Voronoi cells of `seeds`, each intersected with `parent`; cell i contains seed i. */
export function voronoiTiles(parent: MultiPoly, seeds: readonly XY[]): MultiPoly[] {
  if (seeds.length === 1) return [parent];
  const [minX, minY, maxX, maxY] = bboxOf(parent);
  const pad = Math.max(maxX - minX, maxY - minY) * 0.1 + 1;
  const voronoi = Delaunay.from(seeds.map((s) => [s[0], s[1]] as [number, number])).voronoi([minX - pad, minY - pad, maxX + pad, maxY + pad]);
  return seeds.map((_, i) => {
    const cell = voronoi.cellPolygon(i);
    if (!cell) throw new Error(`seed ${i} has no Voronoi cell (duplicate point?)`);
    return clipConvex(
      cell.map((p) => [p[0], p[1]] as XY),
      parent,
    );
  });
}

/** Whether the cell (closed, counter-clockwise, convex) lies wholly inside the parent. */
function cellInside(cell: Ring, parent: MultiPoly): boolean {
  const corners = cell.slice(0, -1);
  if (!corners.every((c) => pointInShape(c, parent))) return false;
  for (const poly of parent) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as XY;
        const b = ring[i + 1] as XY;
        if (pointInConvex(a, corners)) return false;
        for (let k = 0; k < corners.length; k++) {
          if (segmentsIntersect(a, b, corners[k] as XY, corners[(k + 1) % corners.length] as XY)) return false;
        }
      }
    }
  }
  return true;
}

/** Intersection of a convex cell with the parent shape, as a polygon set. */
export function clipConvex(cell: Ring, parent: MultiPoly): MultiPoly {
  if (cellInside(cell, parent)) return [[cell]];
  const result = intersect(featureCollection<Polygon | MultiPolygon>([polygon([cell]), multiPolygon(parent as Position[][][])]));
  if (!result) return [];
  const g = result.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((poly) => poly.map((ring) => dedupeRing(ring.map((p) => [p[0], p[1]] as XY))));
}

function dedupeRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}
