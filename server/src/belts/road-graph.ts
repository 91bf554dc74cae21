/**
 * Shortest paths along a road network, for model belts (示范带). The roads come noded (every
 * crossing a shared vertex, sql `st_node`); each segment between two vertices is an edge weighted
 * by its length. A site joins the network at its nearest road point — that segment is split there
 * — when it lies within the snap distance, and Dijkstra's algorithm finds the way between two
 * joined sites. Lengths are measured in a local equirectangular plane around the sites: an affine
 * map of longitude and latitude, so a point found on a segment in the plane lies on the same
 * segment in degrees, and over a county its lengths err by well under 1 %.
 */

export type LngLat = readonly [number, number];

/** A leg from one site to the next: along the roads, or straight. */
export type Leg = { routed: boolean; line: LngLat[] };

const metersPerDegree = 111_320;

type Edge = { a: number; b: number; length: number; removed: boolean };

/** The local plane: meters east and north of an origin. */
class Plane {
  private readonly kx: number;

  constructor(private readonly origin: LngLat) {
    this.kx = metersPerDegree * Math.cos((origin[1] * Math.PI) / 180);
  }

  x(p: LngLat): number {
    return (p[0] - this.origin[0]) * this.kx;
  }

  y(p: LngLat): number {
    return (p[1] - this.origin[1]) * metersPerDegree;
  }

  distance(p: LngLat, q: LngLat): number {
    return Math.hypot(this.x(p) - this.x(q), this.y(p) - this.y(q));
  }
}

/** Where a point meets its nearest segment: the edge, the fraction along it, and how far away. */
type Foot = { edge: number; t: number; distance: number };

/** A binary min-heap of node indices keyed by distance. */
class MinHeap {
  private readonly items: Array<{ node: number; key: number }> = [];

  get size(): number {
    return this.items.length;
  }

  push(node: number, key: number): void {
    const items = this.items;
    items.push({ node, key });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.key <= items[i]!.key) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  pop(): { node: number; key: number } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && items[l]!.key < items[smallest]!.key) smallest = l;
        if (r < items.length && items[r]!.key < items[smallest]!.key) smallest = r;
        if (smallest === i) break;
        [items[smallest], items[i]] = [items[i]!, items[smallest]!];
        i = smallest;
      }
    }
    return top;
  }
}

export class RoadGraph {
  private readonly nodes: LngLat[] = [];
  private readonly index = new Map<string, number>();
  private readonly edges: Edge[] = [];
  private readonly adjacent: number[][] = [];

  private constructor(private readonly plane: Plane) {}

  /**
   * The graph of noded road lines; lengths in the plane around `origin` (the sites' middle).
   * Lines meet where they share a vertex exactly.
   */
  static fromLines(lines: readonly (readonly LngLat[])[], origin: LngLat): RoadGraph {
    const graph = new RoadGraph(new Plane(origin));
    for (const line of lines) {
      for (let i = 0; i + 1 < line.length; i++) graph.addEdge(graph.node(line[i]!), graph.node(line[i + 1]!));
    }
    return graph;
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  private node(p: LngLat): number {
    const key = `${p[0]},${p[1]}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.nodes.push([p[0], p[1]]);
      this.adjacent.push([]);
      this.index.set(key, id);
    }
    return id;
  }

  private addEdge(a: number, b: number): void {
    if (a === b) return;
    const id = this.edges.length;
    this.edges.push({ a, b, length: this.plane.distance(this.nodes[a]!, this.nodes[b]!), removed: false });
    this.adjacent[a]!.push(id);
    this.adjacent[b]!.push(id);
  }

  /** The nearest point of the network to `p`, or undefined when the network is empty. */
  private foot(p: LngLat): Foot | undefined {
    const px = this.plane.x(p);
    const py = this.plane.y(p);
    let best: Foot | undefined;
    this.edges.forEach((e, id) => {
      if (e.removed) return;
      const ax = this.plane.x(this.nodes[e.a]!);
      const ay = this.plane.y(this.nodes[e.a]!);
      const dx = this.plane.x(this.nodes[e.b]!) - ax;
      const dy = this.plane.y(this.nodes[e.b]!) - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2));
      const distance = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      if (!best || distance < best.distance) best = { edge: id, t, distance };
    });
    return best;
  }

  /**
   * Joins `p` to the network at its nearest road point within `snapMeters`: that point, now a node
   * (the segment split there unless it is an end). Undefined when no road is that near.
   */
  snap(p: LngLat, snapMeters: number): number | undefined {
    const foot = this.foot(p);
    if (!foot || foot.distance > snapMeters) return undefined;
    const edge = this.edges[foot.edge]!;
    const a = this.nodes[edge.a]!;
    const b = this.nodes[edge.b]!;
    const at: LngLat = [a[0] + foot.t * (b[0] - a[0]), a[1] + foot.t * (b[1] - a[1])];
    if (this.plane.distance(at, a) < 1e-6) return edge.a;
    if (this.plane.distance(at, b) < 1e-6) return edge.b;
    const mid = this.node(at);
    edge.removed = true;
    this.addEdge(edge.a, mid);
    this.addEdge(mid, edge.b);
    return mid;
  }

  /** The shortest way between two nodes (Dijkstra): its vertices from `from` to `to`, or undefined when none joins them. */
  path(from: number, to: number): LngLat[] | undefined {
    const distance = new Float64Array(this.nodes.length).fill(Infinity);
    const previous = new Int32Array(this.nodes.length).fill(-1);
    const heap = new MinHeap();
    distance[from] = 0;
    heap.push(from, 0);
    while (heap.size > 0) {
      const { node, key } = heap.pop()!;
      if (key > distance[node]!) continue;
      if (node === to) break;
      for (const id of this.adjacent[node]!) {
        const e = this.edges[id]!;
        if (e.removed) continue;
        const next = e.a === node ? e.b : e.a;
        const d = key + e.length;
        if (d < distance[next]!) {
          distance[next] = d;
          previous[next] = node;
          heap.push(next, d);
        }
      }
    }
    if (distance[to] === Infinity) return undefined;
    const way: LngLat[] = [];
    for (let n = to; n !== -1; n = previous[n]!) way.push(this.nodes[n]!);
    return way.reverse();
  }

  /**
   * The leg from one site to the next: each site joined to its nearest road within `snapMeters`
   * by a straight connector, and the shortest road path between; straight from site to site when
   * either lies farther from every road or no road path joins them.
   */
  route(from: LngLat, to: LngLat, snapMeters: number): Leg {
    const straight: Leg = { routed: false, line: [from, to] };
    const a = this.snap(from, snapMeters);
    const b = a === undefined ? undefined : this.snap(to, snapMeters);
    if (a === undefined || b === undefined) return straight;
    const way = this.path(a, b);
    if (!way) return straight;
    return { routed: true, line: withoutRepeats([from, ...way, to]) };
  }
}

/** The points without consecutive repeats. */
export function withoutRepeats(points: readonly LngLat[]): LngLat[] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}
