import seedrandom from 'seedrandom';
import type { TileLayer } from '../../server/src/contract/tiles.ts';
import { Scope } from '../../server/src/auth/scope.ts';
import { selectTile, type TileAudience } from '../../server/src/tiles/queries.ts';
import { wallClient } from '../support/api-client.ts';
import { tilesCovering } from '../support/tiles.ts';
import { openBenchDatabase } from './bench-database.ts';
import { ensureMembers, percentile, startServer } from './bench-support.ts';
import { printReport, thousands } from './report.ts';

type Tile = [number, number, number];
type Timing = { tilesPerSecond: number; p50: number; p95: number; bytes: number };

const county = '510703000000';
const audience: TileAudience = { scope: Scope.of(['510703000000']), withHouseholds: false, at: null };

/** Runs `build` for each tile in turn (one connection, so the figures are per-tile build times). */
async function timeEach(tiles: Tile[], build: (t: Tile) => Promise<number>): Promise<Timing> {
  const latencies: number[] = [];
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (const t of tiles) {
    const t0 = process.hrtime.bigint();
    bytes += await build(t);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  latencies.sort((a, b) => a - b);
  return { tilesPerSecond: (tiles.length / totalMs) * 1000, p50: percentile(latencies, 50), p95: percentile(latencies, 95), bytes: bytes / tiles.length };
}

/** At most `max` of the county's tiles at zoom z, a fixed random sample when there are more. */
function sampleTiles(bbox: [number, number, number, number], z: number, max: number): Tile[] {
  const all = tilesCovering(bbox, z);
  const random = seedrandom(`bench-tiles-${z}`);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, max);
}

/**
 * `npm run bench -- tiles [members] [tiles per zoom]`: member-density and grid tiles at zooms
 * 10–16 over the county, built by their SQL function directly and through the HTTP endpoint as
 * a wall display: uncached (the server builds each tile), cached (built tiles kept in memory)
 * and revalidated (If-None-Match → 304).
 */
export async function benchTiles(args: string[]): Promise<void> {
  const members = Number(args[0] ?? 1_000_000);
  const perZoom = Number(args[1] ?? 300);
  const db = await openBenchDatabase();
  const server = await startServer(db.url);
  try {
    await ensureMembers(db, members);
    const wall = await wallClient(server.baseUrl, db.pool, county);
    const {
      rows: [box],
    } = await db.pool.query<{ b: [number, number, number, number] }>(
      "select array[st_xmin(geom), st_ymin(geom), st_xmax(geom), st_ymax(geom)] as b from area where level = 'county'",
    );
    const fetchTile = async (layer: TileLayer, [z, x, y]: Tile, headers: Record<string, string> = {}) => {
      const res = await wall.get(`/tiles/${layer}/${z}/${x}/${y}.mvt`, undefined, headers);
      const body = await res.arrayBuffer();
      if (res.status !== 200 && res.status !== 304) throw new Error(`${layer} ${z}/${x}/${y} answered ${res.status}`);
      return { body, etag: res.headers.get('etag') ?? '' };
    };
    const rows = [];
    for (const layer of ['density', 'grids'] as const) {
      for (let z = 10; z <= 16; z++) {
        const tiles = sampleTiles(box!.b, z, perZoom);
        const direct = await timeEach(tiles, async ([tz, tx, ty]) => (await selectTile(db.pool, layer, tz, tx, ty, audience)).length);
        const etags = new Map<string, string>();
        const uncached = await timeEach(tiles, async (t) => {
          const { body, etag } = await fetchTile(layer, t);
          etags.set(t.join('/'), etag);
          return body.byteLength;
        });
        const cached = await timeEach(tiles, async (t) => (await fetchTile(layer, t)).body.byteLength);
        const revalidated = await timeEach(tiles, async (t) => {
          await fetchTile(layer, t, { 'if-none-match': etags.get(t.join('/'))! });
          return 0;
        });
        const cell = (t: Timing) => `${Math.round(t.tilesPerSecond)} / ${t.p95.toFixed(1)}`;
        rows.push({
          layer,
          zoom: z,
          tiles: tiles.length,
          'avg KB': (direct.bytes / 1024).toFixed(1),
          'direct SQL tiles/s / p95 ms': cell(direct),
          'HTTP uncached tiles/s / p95 ms': cell(uncached),
          'HTTP cached': cell(cached),
          'HTTP 304': cell(revalidated),
          'uncached / direct': (uncached.tilesPerSecond / direct.tilesPerSecond).toFixed(2),
        });
      }
    }
    printReport(`Vector tiles over the county with ${thousands(members)} members (one request at a time)`, rows, [
      'Goal: uncached member-density tiles at zoom 12–14 build in under 50 ms at p95.',
    ]);
  } finally {
    server.stop();
    await db.close();
  }
}
