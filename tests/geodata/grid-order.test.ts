import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { METERS_PER_DEG_LAT, METERS_PER_DEG_LON } from '../../geodata/county/projection.ts';
import { demoCounty } from './fixture.ts';

const county = demoCounty();

/** Whether a fractional row position sits on a band boundary (floating-point ambiguity only). */
const nearBoundary = (row: number): boolean => Math.abs(row - Math.round(row)) < 1e-6;

/** Area-weighted centroid (lon, lat) of a multipolygon without holes. */
function centroid(g: MultiPolygon): [number, number] {
  let ax = 0;
  let ay = 0;
  let aa = 0;
  for (const ring of g.coordinates.map((p) => p[0] ?? [])) {
    let rx = 0;
    let ry = 0;
    let ra = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i] as [number, number];
      const [x1, y1] = ring[i + 1] as [number, number];
      const cross = x0 * y1 - x1 * y0;
      rx += (x0 + x1) * cross;
      ry += (y0 + y1) * cross;
      ra += cross / 2;
    }
    // parts may wind either way: count each with a positive area
    const sign = Math.sign(ra);
    ax += sign * rx;
    ay += sign * ry;
    aa += sign * ra;
  }
  return [ax / (6 * aa), ay / (6 * aa)];
}

/** Planar area in the generator's local projection (shoelace, square meters). */
function area(g: MultiPolygon): number {
  let s = 0;
  for (const poly of g.coordinates) {
    poly.forEach((ring, k) => {
      let a = 0;
      for (let i = 0; i + 1 < ring.length; i++)
        a += (ring[i]?.[0] as number) * (ring[i + 1]?.[1] as number) - (ring[i + 1]?.[0] as number) * (ring[i]?.[1] as number);
      s += (k === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  }
  return s * METERS_PER_DEG_LON * METERS_PER_DEG_LAT;
}

describe('grid numbering', () => {
  it('runs in reading order: latitude bands north→south, west→east within a band', () => {
    for (const community of county.areas.filter((a) => a.level === 'community' || a.level === 'village')) {
      const grids = county.grids.filter((g) => g.community_code === community.code).sort((a, b) => a.code.localeCompare(b.code));
      if (grids.length < 2) continue;
      // a band is as tall as a typical grid, sqrt(area / grids), counted from the northern edge
      const band = Math.sqrt(area(community.geom) / grids.length) / METERS_PER_DEG_LAT;
      const north = Math.max(...community.geom.coordinates.flat(2).map((p) => p[1] as number));
      const keys = grids.map((g) => {
        const [lon, lat] = centroid(g.geom);
        return { row: (north - lat) / band, lon };
      });
      for (let i = 1; i < keys.length; i++) {
        const a = keys[i - 1] as { row: number; lon: number };
        const b = keys[i] as { row: number; lon: number };
        const ordered = Math.floor(a.row) < Math.floor(b.row) || (Math.floor(a.row) === Math.floor(b.row) && a.lon < b.lon);
        const ambiguous = nearBoundary(a.row) || nearBoundary(b.row);
        expect(ordered || ambiguous, `${grids[i]?.code} follows ${grids[i - 1]?.code}`).toBe(true);
      }
    }
  });

  it('numbers the grids of a multi-grid community 001, 002, … from the north-west', () => {
    const community = county.areas.find((a) => a.level === 'community') as (typeof county.areas)[number];
    const first = county.grids.find((g) => g.code === `${community.code}001`);
    expect(first).toBeDefined();
    const lat = (g: (typeof county.grids)[number]): number => centroid(g.geom)[1];
    const others = county.grids.filter((g) => g.community_code === community.code && g !== first);
    // the first grid lies in the northernmost band: no grid is a full band further north
    const band = Math.sqrt(area(community.geom) / (others.length + 1)) / METERS_PER_DEG_LAT;
    for (const g of others) expect(lat(g)).toBeLessThan(lat(first as (typeof county.grids)[number]) + band);
  });
});
