import compression from 'compression';
import type { RequestHandler } from 'express';

/** Vector tiles are protobuf, which mime-db does not call compressible; names and codes in them compress well. */
const vectorTile = /^application\/(vnd\.mapbox-vector-tile|x-protobuf)/;

/**
 * Brotli or gzip, as the browser accepts, on every answer over 1 kB that compresses: the client's
 * scripts, JSON and vector tiles. The live event stream is left alone: a compressor would hold its
 * events back until a buffer fills.
 */
export function compressAnswers(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (req, res) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return vectorTile.test(type) || compression.filter(req, res);
    },
  });
}
