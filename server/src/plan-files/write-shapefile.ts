import yazl from 'yazl';

/**
 * A polygon Shapefile writer (ESRI Shapefile Technical Description, 1998; dBASE III table). Written
 * here rather than taken from @mapbox/shp-write, whose .dbf writer garbles text outside ASCII
 * (mapbox/shp-write#125, mapbox/dbf#26) — every grid name here is Chinese. The .dbf is UTF-8, said
 * so by a .cpg; the .prj is WGS-84.
 */

export type ShapeRecord = {
  /** MultiPolygon coordinates (longitude, latitude) */
  polygons: number[][][][];
  attributes: Record<string, string | number>;
};

export type DbfField = { name: string; type: 'C' | 'N'; length: number };

export const wgs84Prj =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const polygonType = 5;

/** Twice the signed area (shoelace): positive when counter-clockwise. */
function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

/** Rings in Shapefile order: each exterior clockwise, followed by its holes counter-clockwise. */
function shapefileRings(polygons: number[][][][]): number[][][] {
  return polygons.flatMap((polygon) =>
    polygon.map((ring, i) => {
      const clockwise = signedArea(ring) < 0;
      return (i === 0) === clockwise ? ring : [...ring].reverse();
    }),
  );
}

type Box = [number, number, number, number];
const emptyBox = (): Box => [Infinity, Infinity, -Infinity, -Infinity];
function extend(box: Box, [x, y]: number[]): void {
  box[0] = Math.min(box[0], x!);
  box[1] = Math.min(box[1], y!);
  box[2] = Math.max(box[2], x!);
  box[3] = Math.max(box[3], y!);
}

function fileHeader(lengthBytes: number, box: Box): Buffer {
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE(lengthBytes / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(polygonType, 32);
  box.forEach((v, i) => header.writeDoubleLE(Number.isFinite(v) ? v : 0, 36 + i * 8));
  return header;
}

/** The .shp and .shx of polygon records. */
function shapes(records: ShapeRecord[]): { shp: Buffer; shx: Buffer } {
  const fileBox = emptyBox();
  const contents = records.map((record) => {
    const rings = shapefileRings(record.polygons);
    const points = rings.flat();
    const box = emptyBox();
    for (const p of points) {
      extend(box, p);
      extend(fileBox, p);
    }
    const content = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    content.writeInt32LE(polygonType, 0);
    box.forEach((v, i) => content.writeDoubleLE(v, 4 + i * 8));
    content.writeInt32LE(rings.length, 36);
    content.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((ring, i) => {
      content.writeInt32LE(start, 44 + i * 4);
      start += ring.length;
    });
    const at = 44 + 4 * rings.length;
    points.forEach(([x, y], i) => {
      content.writeDoubleLE(x!, at + i * 16);
      content.writeDoubleLE(y!, at + i * 16 + 8);
    });
    return content;
  });
  const shpLength = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp: Buffer[] = [fileHeader(shpLength, fileBox)];
  const shx: Buffer[] = [fileHeader(100 + 8 * records.length, fileBox)];
  let offset = 100;
  contents.forEach((content, i) => {
    const recordHeader = Buffer.alloc(8);
    recordHeader.writeInt32BE(i + 1, 0);
    recordHeader.writeInt32BE(content.length / 2, 4);
    shp.push(recordHeader, content);
    const index = Buffer.alloc(8);
    index.writeInt32BE(offset / 2, 0);
    index.writeInt32BE(content.length / 2, 4);
    shx.push(index);
    offset += 8 + content.length;
  });
  return { shp: Buffer.concat(shp), shx: Buffer.concat(shx) };
}

/** `text` in UTF-8, cut to at most `bytes` bytes at a character boundary. */
function utf8Within(text: string, bytes: number): Buffer {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= bytes) return encoded;
  let end = bytes;
  // step back over continuation bytes (10xxxxxx) to the start of the character that does not fit
  while (end > 0 && (encoded[end]! & 0xc0) === 0x80) end -= 1;
  return encoded.subarray(0, end);
}

/** A dBASE III table in UTF-8: text fields left-aligned, numbers right-aligned, space-padded. */
function table(fields: DbfField[], records: ShapeRecord[]): Buffer {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const out = Buffer.alloc(headerLength + recordLength * records.length + 1, 0x20);
  out.fill(0, 0, headerLength);
  const today = new Date();
  out.writeUInt8(0x03, 0);
  out.writeUInt8(today.getUTCFullYear() - 1900, 1);
  out.writeUInt8(today.getUTCMonth() + 1, 2);
  out.writeUInt8(today.getUTCDate(), 3);
  out.writeUInt32LE(records.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);
  fields.forEach((field, i) => {
    const at = 32 + 32 * i;
    out.write(field.name.slice(0, 10), at, 'latin1');
    out.write(field.type, at + 11, 'latin1');
    out.writeUInt8(field.length, at + 16);
  });
  out.writeUInt8(0x0d, headerLength - 1);
  records.forEach((record, r) => {
    let at = headerLength + r * recordLength + 1;
    for (const field of fields) {
      const value = record.attributes[field.name] ?? '';
      if (field.type === 'N') {
        const digits = String(value).slice(0, field.length);
        out.write(digits.padStart(field.length, ' '), at, 'latin1');
      } else {
        utf8Within(String(value), field.length).copy(out, at);
      }
      at += field.length;
    }
  });
  out.writeUInt8(0x1a, out.length - 1);
  return out;
}

/** The width a text field needs for these records (UTF-8 bytes), within dBASE's 254. */
export function textWidth(records: ShapeRecord[], name: string): number {
  return Math.min(254, Math.max(1, ...records.map((r) => Buffer.byteLength(String(r.attributes[name] ?? ''), 'utf8'))));
}

/** A zipped Shapefile named `base` (.shp, .shx, .dbf, .prj WGS-84, .cpg UTF-8). */
export function zippedShapefile(base: string, fields: DbfField[], records: ShapeRecord[]): Promise<Buffer> {
  const { shp, shx } = shapes(records);
  const zip = new yazl.ZipFile();
  const mtime = new Date();
  zip.addBuffer(shp, `${base}.shp`, { mtime });
  zip.addBuffer(shx, `${base}.shx`, { mtime });
  zip.addBuffer(table(fields, records), `${base}.dbf`, { mtime });
  zip.addBuffer(Buffer.from(wgs84Prj), `${base}.prj`, { mtime });
  zip.addBuffer(Buffer.from('UTF-8'), `${base}.cpg`, { mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
