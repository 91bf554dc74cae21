import { area, centerOfMass, multiPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { METERS_PER_DEG_LAT } from '../../geodata/county/projection.ts';
import { demoCounty } from './fixture.ts';

const county = demoCounty();

/** Distance (in bands) from a fractional row position to the nearest band boundary. */
const nearBoundary = (row: number): boolean => Math.abs(row - Math.round(row)) < 0.01;

describe('grid numbering', () => {
  it('runs in reading order: latitude bands north→south, west→east within a band', () => {
    for (const community of county.areas.filter((a) => a.level === 'community' || a.level === 'village')) {
      const grids = county.grids.filter((g) => g.community_code === community.code).sort((a, b) => a.code.localeCompare(b.code));
      if (grids.length < 2) continue;
      // a band is as tall as a typical grid, sqrt(area / grids), counted from the northern edge
      const band = Math.sqrt(area(multiPolygon(community.geom.coordinates)) / grids.length) / METERS_PER_DEG_LAT;
      const north = Math.max(...community.geom.coordinates.flat(2).map((p) => p[1] as number));
      const keys = grids.map((g) => {
        const [lon, lat] = centerOfMass(multiPolygon(g.geom.coordinates)).geometry.coordinates as [number, number];
        return { row: (north - lat) / band, lon };
      });
      for (let i = 1; i < keys.length; i++) {
        const a = keys[i - 1] as { row: number; lon: number };
        const b = keys[i] as { row: number; lon: number };
        const ordered = Math.floor(a.row) < Math.floor(b.row) || (Math.floor(a.row) === Math.floor(b.row) && a.lon < b.lon);
        // turf's spherical area differs from the generator's by a fraction of a percent, so a
        // centroid right on a band edge may fall either side
        const ambiguous = nearBoundary(a.row) || nearBoundary(b.row);
        expect(ordered || ambiguous, `${grids[i]?.code} follows ${grids[i - 1]?.code}`).toBe(true);
      }
    }
  });

  it('numbers the grids of a multi-grid community 001, 002, … from the north-west', () => {
    const community = county.areas.find((a) => a.level === 'community') as (typeof county.areas)[number];
    const first = county.grids.find((g) => g.code === `${community.code}001`);
    expect(first).toBeDefined();
    const lat = (g: (typeof county.grids)[number]): number => centerOfMass(multiPolygon(g.geom.coordinates)).geometry.coordinates[1] as number;
    const others = county.grids.filter((g) => g.community_code === community.code && g !== first);
    // the first grid lies in the northernmost band: no grid is a full band further north
    const band = Math.sqrt(area(multiPolygon(community.geom.coordinates)) / (others.length + 1)) / METERS_PER_DEG_LAT;
    for (const g of others) expect(lat(g)).toBeLessThan(lat(first as (typeof county.grids)[number]) + band);
  });
});
