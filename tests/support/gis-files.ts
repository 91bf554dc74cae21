import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

export type Feature = { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } };
export type Collection = { type: 'FeatureCollection'; features: Feature[] };

/** A zip of `files` (name → content), as a planner would make one. */
export function zip(files: Record<string, Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) z.addBuffer(content, name);
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('error', reject);
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * A Shapefile that GDAL's ogr2ogr writes from `collection` in the folder `dir` (GBK .dbf, CGCS2000
 * .prj unless told otherwise): its parts by extension.
 */
export function gdalShapefile(dir: string, collection: Collection, srs = 'EPSG:4490', encoding = 'GBK'): Record<string, Buffer> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'in.geojson'), JSON.stringify(collection));
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', `ENCODING=${encoding}`, '-a_srs', srs, path.join(dir, 'out'), path.join(dir, 'in.geojson')], {
    stdio: 'pipe',
  });
  const out = path.join(dir, 'out');
  return Object.fromEntries(readdirSync(out).map((f) => [path.extname(f).slice(1), readFileSync(path.join(out, f))]));
}

/** A Shapefile's parts named `<base>.<ext>`, for a zip. */
export const named = (parts: Record<string, Buffer>, base = '网格') => Object.fromEntries(Object.entries(parts).map(([ext, b]) => [`${base}.${ext}`, b]));
