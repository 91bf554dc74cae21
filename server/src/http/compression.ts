import compression from 'compression';
import type { RequestHandler } from 'express';
import { constants } from 'node:zlib';

/** Vector tiles are protobuf, which mime-db does not call compressible; names and codes in them compress well. */
const vectorTile = /^application\/(vnd\.mapbox-vector-tile|x-protobuf)/;

/**
 * Brotli or gzip, as the browser accepts, on every answer over 1 kB that compresses: the client's
 * scripts, JSON and vector tiles. The live event stream is left alone: a compressor would hold its
 * events back until a buffer fills.
 */
/** What answers are compressed with: also cached tiles, which are compressed once (tiles/encoded-tile.ts). */
export const answerCompression = {
  /** answers under this many bytes go as they are */
  threshold: 1024,
  /** quality 4 (the compression library's own choice): balanced speed and size for dynamic answers */
  brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
};

export function compressAnswers(): RequestHandler {
  return compression({
    threshold: answerCompression.threshold,
    brotli: answerCompression.brotli,
    filter: (req, res) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return vectorTile.test(type) || compression.filter(req, res);
    },
  });
}
