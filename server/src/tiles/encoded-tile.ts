import type { Request } from 'express';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import { answerCompression } from '../http/compression.ts';
import type { TileCache } from './tile-cache.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export type TileEncoding = 'br' | 'gzip' | 'identity';

/** As compressAnswers would pick it (http/compression.ts): brotli when taken, else gzip, and nothing under its threshold. */
export function tileEncoding(req: Request, tile: Buffer): TileEncoding {
  if (tile.length < answerCompression.threshold) return 'identity';
  if (req.acceptsEncodings('br') === 'br') return 'br';
  if (req.acceptsEncodings('gzip') === 'gzip') return 'gzip';
  return 'identity';
}

/**
 * The tile as sent in `encoding`, kept in the cache beside the tile itself: a wall asks for the
 * same tiles again and again, and compressing each answer anew cost more than building it once.
 * Compressed on the thread pool (zlib's async API), at compressAnswers' settings.
 */
export async function encodedTile(cache: TileCache, key: string, tile: Buffer, encoding: TileEncoding): Promise<Buffer> {
  if (encoding === 'identity') return tile;
  const encodedKey = `${key}#${encoding}`;
  const cached = cache.get(encodedKey);
  if (cached) return cached;
  const encoded = encoding === 'br' ? await brotli(tile, answerCompression.brotli) : await gzipped(tile);
  cache.set(encodedKey, encoded);
  return encoded;
}
