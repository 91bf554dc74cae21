/**
 * Hex-encoded EWKB (PostGIS extended well-known binary, little-endian, SRID 4326) for GeoJSON
 * geometries: exact doubles, no text round trip, and the fastest input PostGIS parses.
 */
import type { Geometry, Position } from 'geojson';

const SRID = 4326;
const SRID_FLAG = 0x20000000;
const TYPE = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6 } as const;

class Writer {
  readonly buf: Buffer;
  offset = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }
  header(type: number, srid: boolean): void {
    this.buf.writeUInt8(1, this.offset);
    this.buf.writeUInt32LE(srid ? (type | SRID_FLAG) >>> 0 : type, this.offset + 1);
    this.offset += 5;
    if (srid) {
      this.buf.writeUInt32LE(SRID, this.offset);
      this.offset += 4;
    }
  }
  count(n: number): void {
    this.buf.writeUInt32LE(n, this.offset);
    this.offset += 4;
  }
  position(p: Position): void {
    this.buf.writeDoubleLE(p[0] as number, this.offset);
    this.buf.writeDoubleLE(p[1] as number, this.offset + 8);
    this.offset += 16;
  }
  points(ps: readonly Position[]): void {
    this.count(ps.length);
    for (const p of ps) this.position(p);
  }
  rings(rings: readonly Position[][]): void {
    this.count(rings.length);
    for (const r of rings) this.points(r);
  }
}

const pointsSize = (ps: readonly Position[]): number => 4 + 16 * ps.length;
const ringsSize = (rings: readonly Position[][]): number => rings.reduce((s, r) => s + pointsSize(r), 4);

const scratch = new Writer(25);

/** Hex EWKB of a 2D geometry with SRID 4326. */
export function ewkbHex(g: Geometry): string {
  switch (g.type) {
    case 'Point': {
      scratch.offset = 0;
      scratch.header(TYPE.Point, true);
      scratch.position(g.coordinates);
      return scratch.buf.toString('hex', 0, 25);
    }
    case 'LineString': {
      const w = new Writer(9 + pointsSize(g.coordinates));
      w.header(TYPE.LineString, true);
      w.points(g.coordinates);
      return w.buf.toString('hex');
    }
    case 'Polygon': {
      const w = new Writer(9 + ringsSize(g.coordinates));
      w.header(TYPE.Polygon, true);
      w.rings(g.coordinates);
      return w.buf.toString('hex');
    }
    case 'MultiLineString': {
      const w = new Writer(9 + 4 + g.coordinates.reduce((s, l) => s + 5 + pointsSize(l), 0));
      w.header(TYPE.MultiLineString, true);
      w.count(g.coordinates.length);
      for (const line of g.coordinates) {
        w.header(TYPE.LineString, false);
        w.points(line);
      }
      return w.buf.toString('hex');
    }
    case 'MultiPolygon': {
      const w = new Writer(9 + 4 + g.coordinates.reduce((s, p) => s + 5 + ringsSize(p), 0));
      w.header(TYPE.MultiPolygon, true);
      w.count(g.coordinates.length);
      for (const poly of g.coordinates) {
        w.header(TYPE.Polygon, false);
        w.rings(poly);
      }
      return w.buf.toString('hex');
    }
    default:
      throw new Error(`unsupported geometry type ${g.type}`);
  }
}
