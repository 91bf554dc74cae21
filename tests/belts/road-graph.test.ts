import { describe, expect, it } from 'vitest';
import { RoadGraph, type LngLat } from '../../server/src/belts/road-graph.ts';
import { joinLegs } from '../../server/src/belts/routing.ts';

/** A point `east` and `north` thousandths of a degree from an origin in the demo county (~95 m and ~111 m each). */
const at = (east: number, north: number): LngLat => [104.7 + east / 1000, 31.5 + north / 1000];
const origin = at(0, 0);

describe('the road graph', () => {
  it('takes the shorter of two ways between two junctions', () => {
    // a square 0,0 → 10,0 → 10,10 and 0,0 → 0,10 → 10,10, with a shortcut along the diagonal
    const long = [at(0, 0), at(10, 0), at(10, 10)];
    const other = [at(0, 0), at(0, 10), at(10, 10)];
    const diagonal = [at(0, 0), at(5, 5), at(10, 10)];
    const graph = RoadGraph.fromLines([long, other, diagonal], origin);
    const leg = graph.route(at(0, 0), at(10, 10), 300);
    expect(leg).toEqual({ routed: true, line: diagonal });
  });

  it('joins a site to its nearest road point with a straight connector, splitting the segment there', () => {
    const road = [at(0, 0), at(10, 0), at(20, 0)];
    const graph = RoadGraph.fromLines([road], origin);
    // 1 thousandth north of the road (~111 m): within the snap distance
    const leg = graph.route(at(2, 1), at(18, -1), 300);
    expect(leg.routed).toBe(true);
    expect(leg.line.length).toBe(5);
    expect(leg.line[0]).toEqual(at(2, 1));
    expect(leg.line[1]![0]).toBeCloseTo(at(2, 0)[0], 9);
    expect(leg.line[1]![1]).toBeCloseTo(at(2, 0)[1], 9);
    expect(leg.line[2]).toEqual(at(10, 0));
    expect(leg.line[3]![0]).toBeCloseTo(at(18, 0)[0], 9);
    expect(leg.line[4]).toEqual(at(18, -1));
  });

  it('routes two sites that join the same segment along it, in either direction', () => {
    const graph = RoadGraph.fromLines([[at(0, 0), at(20, 0)]], origin);
    const leg = graph.route(at(15, 0.5), at(5, 0.5), 300);
    expect(leg.routed).toBe(true);
    expect(leg.line.map((p) => Math.round((p[0] - 104.7) * 1000))).toEqual([15, 15, 5, 5]);
  });

  it('draws a leg straight when a site lies farther from every road than the snap distance', () => {
    const graph = RoadGraph.fromLines([[at(0, 0), at(20, 0)]], origin);
    // 4 thousandths north: ~444 m
    expect(graph.route(at(2, 4), at(18, 0), 300)).toEqual({ routed: false, line: [at(2, 4), at(18, 0)] });
    expect(graph.route(at(2, 0), at(18, 4), 300)).toEqual({ routed: false, line: [at(2, 0), at(18, 4)] });
    expect(graph.route(at(2, 4), at(18, 0), 500).routed).toBe(true);
  });

  it('draws a leg straight when no road path joins the two sites', () => {
    const graph = RoadGraph.fromLines(
      [
        [at(0, 0), at(8, 0)],
        [at(12, 0), at(20, 0)],
      ],
      origin,
    );
    expect(graph.route(at(1, 0), at(19, 0), 300)).toEqual({ routed: false, line: [at(1, 0), at(19, 0)] });
  });

  it('meets other roads only at shared vertices: crossing lines are joined once noded', () => {
    const across = [at(0, 5), at(10, 5)];
    const up = [at(5, 0), at(5, 10)];
    expect(RoadGraph.fromLines([across, up], origin).route(at(0, 5), at(5, 10), 10).routed).toBe(false);
    const noded = [
      [at(0, 5), at(5, 5)],
      [at(5, 5), at(10, 5)],
      [at(5, 0), at(5, 5)],
      [at(5, 5), at(5, 10)],
    ];
    expect(RoadGraph.fromLines(noded, origin).route(at(0, 5), at(5, 10), 10)).toEqual({ routed: true, line: [at(0, 5), at(5, 5), at(5, 10)] });
  });

  it('weighs ways by meters, not degrees: a degree of longitude is shorter than one of latitude here', () => {
    // from 0,0 to 10,10: via 10,0 then north (10 east + 10 north), or via 0,10 then east — equal in degrees,
    // but a longer detour east (12 east, back 2) beats any north detour of the same degrees
    const east = [at(0, 0), at(12, 0), at(10, 10)];
    const north = [at(0, 0), at(0, 12), at(10, 10)];
    const graph = RoadGraph.fromLines([east, north], origin);
    expect(graph.route(at(0, 0), at(10, 10), 10).line).toEqual(east);
  });

  it('joins legs into one line, each starting where the last one ended', () => {
    const line = joinLegs([
      { routed: true, line: [at(0, 0), at(1, 0), at(2, 0)] },
      { routed: false, line: [at(2, 0), at(5, 5)] },
    ]);
    expect(line).toEqual([at(0, 0), at(1, 0), at(2, 0), at(5, 5)]);
  });

  it('finds a way through a lattice of 10 000 junctions quickly', () => {
    const lines: LngLat[][] = [];
    for (let i = 0; i <= 100; i++) {
      lines.push(Array.from({ length: 101 }, (_, j) => at(i, j)));
      lines.push(Array.from({ length: 101 }, (_, j) => at(j, i)));
    }
    const started = performance.now();
    const leg = RoadGraph.fromLines(lines, at(50, 50)).route(at(0, 0), at(100, 100), 10);
    expect(leg.routed).toBe(true);
    expect(leg.line.length).toBe(201);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
