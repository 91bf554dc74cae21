import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientDist } from '../../server/src/http/static-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { tileAt } from '../support/tiles.ts';

/**
 * What goes over the wire: answers compressed as the browser accepts (brotli, else gzip), vector
 * tiles included, never the live event stream; hashed client assets cached for a year, the page
 * that names them revalidated every time.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(undefined, undefined, { workers: false });
});
afterAll(async () => {
  await server.close();
});

type Wire = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** One GET as the admin, with `accept-encoding`, the body as it came over the wire. */
function fetchRaw(pathname: string, acceptEncoding: string, headersOnly = false): Promise<Wire> {
  const url = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: pathname, headers: { cookie: server.admin.cookie, 'accept-encoding': acceptEncoding } },
      (res) => {
        if (headersOnly) {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) });
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const decoded = (w: Wire) =>
  w.headers['content-encoding'] === 'br' ? brotliDecompressSync(w.body) : w.headers['content-encoding'] === 'gzip' ? gunzipSync(w.body) : w.body;

describe('answers over the wire', () => {
  it('are brotli when the browser takes it, gzip when it takes only that, and the same bytes once decoded', async () => {
    const plain = await fetchRaw('/api/v1/areas', 'identity');
    const br = await fetchRaw('/api/v1/areas', 'gzip, deflate, br');
    const gzip = await fetchRaw('/api/v1/areas', 'gzip');
    expect([plain.status, br.status, gzip.status]).toEqual([200, 200, 200]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(br).equals(plain.body)).toBe(true);
    expect(decoded(gzip).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('compress vector tiles, which are protobuf', async () => {
    const { rows } = await server.db.query<{ x: number; y: number }>(
      "select st_x(p) as x, st_y(p) as y from (select st_pointonsurface(geom) as p from area where level = 'county') s",
    );
    const tile = `/tiles/areas/${tileAt(rows[0]!.x, rows[0]!.y, 10).join('/')}.mvt`;
    const plain = await fetchRaw(tile, 'identity');
    const br = await fetchRaw(tile, 'br');
    expect(plain.status).toBe(200);
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(br.headers['content-encoding']).toBe('br');
    expect(decoded(br).equals(plain.body)).toBe(true);
    // the encoded tile is kept beside the tile: the same bytes again, once, not compressed twice
    const again = await fetchRaw(tile, 'gzip, deflate, br');
    const gzip = await fetchRaw(tile, 'gzip');
    expect(again.headers['content-encoding']).toBe('br');
    expect(again.body.equals(br.body)).toBe(true);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzip).equals(plain.body)).toBe(true);
    expect([br, again, gzip].map((w) => w.headers.vary)).toEqual([
      expect.stringMatching(/accept-encoding/i),
      expect.stringMatching(/accept-encoding/i),
      expect.stringMatching(/accept-encoding/i),
    ]);
  });

  it('leave the live event stream uncompressed, so that events are not held back', async () => {
    const live = await fetchRaw('/api/v1/live', 'gzip, br', true);
    expect(live.status).toBe(200);
    expect(live.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(live.headers['content-encoding']).toBeUndefined();
  });

  it('cache hashed client assets for a year, immutable, and revalidate the page that names them', async () => {
    const index = readFileSync(path.join(clientDist, 'index.html'), 'utf8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script, 'client/dist is built by npm test before the suites').toBeDefined();
    const asset = await fetchRaw(script!, 'br');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('br');
    const page = await fetchRaw('/', 'br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect((await fetchRaw('/assets/no-such-file.js', 'br')).status).toBe(404);
  });
});
