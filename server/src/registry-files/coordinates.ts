import gcoord from 'gcoord';
import type { ImportQuery } from '../contract/registry-files.ts';

type Crs = ImportQuery['crs'];

/**
 * A position of a file to WGS-84. CGCS2000 is taken as WGS-84 (they differ by centimeters). GCJ-02
 * (高德, 腾讯) and BD-09 (百度) are gcoord's inverse transforms, refined by running its forward
 * transform until it lands on the given position (a few steps reach 1e-9°, 0.1 mm): gcoord's
 * inverse alone is off by up to a meter or two.
 */
export function toWgs84(crs: Crs, lng: number, lat: number): [number, number] {
  if (crs === 'wgs84' || crs === 'cgcs2000') return [lng, lat];
  const from = crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  let [wx, wy] = gcoord.transform([lng, lat], from, gcoord.WGS84) as [number, number];
  for (let step = 0; step < 10; step += 1) {
    const [gx, gy] = gcoord.transform([wx, wy], gcoord.WGS84, from) as [number, number];
    const [dx, dy] = [lng - gx, lat - gy];
    wx += dx;
    wy += dy;
    if (Math.abs(dx) < 1e-10 && Math.abs(dy) < 1e-10) break;
  }
  return [wx, wy];
}
