import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/** The XYZ tile holding a point at zoom z. */
export function tileAt(lng: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [z, x, y];
}

/** Every tile of zoom z that touches a [west, south, east, north] box. */
export function tilesCovering(bbox: [number, number, number, number], z: number): Array<[number, number, number]> {
  const [, x0, y0] = tileAt(bbox[0], bbox[3], z);
  const [, x1, y1] = tileAt(bbox[2], bbox[1], z);
  const tiles: Array<[number, number, number]> = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push([z, x, y]);
  return tiles;
}

/** The features of one layer of an MVT, with properties and geometry in tile coordinates. */
export function decodeLayer(bytes: ArrayBuffer, layer: string) {
  const decoded = new VectorTile(new PbfReader(new Uint8Array(bytes))).layers[layer];
  return Array.from({ length: decoded?.length ?? 0 }, (_, i) => {
    const feature = decoded!.feature(i);
    return { properties: feature.properties, type: feature.type, rings: feature.loadGeometry(), extent: feature.extent };
  });
}
