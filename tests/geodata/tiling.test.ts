import { area, booleanPointInPolygon, featureCollection, intersect, multiPolygon, point, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { demoCounty } from './fixture.ts';

const county = demoCounty();
const sample = county.areas.filter((a) => a.level === 'community' || a.level === 'village').filter((_, i) => i % 9 === 0);
const shape = (g: MultiPolygon): Feature<MultiPolygon> => multiPolygon(g.coordinates);

function unionAll(geoms: readonly MultiPolygon[]): Feature<Polygon | MultiPolygon> {
  if (geoms.length === 1) return shape(geoms[0] as MultiPolygon);
  const u = union(featureCollection<Polygon | MultiPolygon>(geoms.map(shape)));
  if (!u) throw new Error('empty union');
  return u;
}

describe('tilings (pure geometry, turf)', () => {
  it('covers each sampled community exactly with its grids', () => {
    for (const community of sample) {
      const grids = county.grids.filter((g) => g.community_code === community.code);
      const sum = grids.reduce((s, g) => s + area(shape(g.geom)), 0);
      const whole = area(shape(community.geom));
      expect(Math.abs(sum - whole), community.code).toBeLessThan(1);
      expect(Math.abs(area(unionAll(grids.map((g) => g.geom))) - whole), community.code).toBeLessThan(1);
    }
  });

  it('lets no two grids of a sampled community overlap', () => {
    for (const community of sample) {
      const grids = county.grids.filter((g) => g.community_code === community.code);
      for (let i = 0; i < grids.length; i++) {
        for (let j = i + 1; j < grids.length; j++) {
          const overlap = intersect(featureCollection([shape((grids[i] as (typeof grids)[number]).geom), shape((grids[j] as (typeof grids)[number]).geom)]));
          expect(overlap ? area(overlap) : 0).toBeLessThan(1);
        }
      }
    }
  });

  it('nests the towns in the county and the communities in their towns', () => {
    const county0 = county.areas.find((a) => a.level === 'county') as (typeof county.areas)[number];
    const towns = county.areas.filter((a) => a.level === 'town');
    expect(Math.abs(towns.reduce((s, t) => s + area(shape(t.geom)), 0) - area(shape(county0.geom)))).toBeLessThan(1);
    for (const town of towns) {
      const children = county.areas.filter((a) => a.parent_code === town.code);
      expect(Math.abs(children.reduce((s, c) => s + area(shape(c.geom)), 0) - area(shape(town.geom))), town.code).toBeLessThan(1);
    }
  });

  it('makes the county irregular and 25–35 km across, around Fucheng', () => {
    const c = county.areas.find((a) => a.level === 'county') as (typeof county.areas)[number];
    const ring = c.geom.coordinates[0]?.[0] ?? [];
    const lons = ring.map((p) => p[0] as number);
    const lats = ring.map((p) => p[1] as number);
    const width = (Math.max(...lons) - Math.min(...lons)) * 95000;
    const height = (Math.max(...lats) - Math.min(...lats)) * 110900;
    expect(Math.max(width, height)).toBeGreaterThan(25000);
    expect(Math.max(width, height)).toBeLessThan(35000);
    expect(ring.length).toBeGreaterThan(50);
    expect(booleanPointInPolygon(point([104.74, 31.46]), shape(c.geom))).toBe(true);
    const bboxArea = width * height;
    expect(area(shape(c.geom)) / bboxArea).toBeLessThan(0.9);
  });

  it('keeps urban communities small and villages larger', () => {
    const km2 = (code: string): number => area(shape((county.areas.find((a) => a.code === code) as (typeof county.areas)[number]).geom)) / 1e6;
    const communities = county.areas
      .filter((a) => a.level === 'community')
      .map((a) => km2(a.code))
      .sort((a, b) => a - b);
    const villages = county.areas
      .filter((a) => a.level === 'village')
      .map((a) => km2(a.code))
      .sort((a, b) => a - b);
    expect(communities[Math.floor(communities.length / 2)]).toBeGreaterThan(0.3);
    expect(communities[Math.floor(communities.length / 2)]).toBeLessThan(1.5);
    expect(villages[Math.floor(villages.length / 2)]).toBeGreaterThan(2 * (communities[Math.floor(communities.length / 2)] as number));
  });

  it('puts sampled buildings, and the homes of a grid branch, inside their grid', () => {
    const gridsOf = new Map<string, (typeof county.grids)[number][]>();
    for (const g of county.grids) gridsOf.set(g.community_code, [...(gridsOf.get(g.community_code) ?? []), g]);
    for (const b of county.buildings.filter((_, i) => i % 97 === 0)) {
      const corners = b.geom.coordinates[0]?.[0] ?? [];
      const inOneGrid = (gridsOf.get(b.community_code) ?? []).some((g) => corners.every((c) => booleanPointInPolygon(point(c), shape(g.geom))));
      expect(inOneGrid, b.name).toBe(true);
    }
    const grid = county.grids[0] as (typeof county.grids)[number];
    const branch = county.orgs.find((o) => o.kind === 'branch' && o.grid_code === grid.code);
    let checked = 0;
    for (const m of county.members.rows()) {
      if (m.org_id !== branch?.id) continue;
      expect(booleanPointInPolygon(point(m.home.coordinates), shape(grid.geom))).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
