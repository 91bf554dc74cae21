/**
 * The generator works in planar meters around the county center and projects to WGS-84
 * longitude/latitude at the end (a local equirectangular projection; over 35 km its distortion
 * is far below a meter of what matters here). The map is affine, so vertices shared by two
 * generated polygons stay bit-identical after projection.
 */
import type { LineString, MultiLineString, MultiPolygon, Point, Position } from 'geojson';
import type { MultiPoly, XY } from './geometry.ts';

/** Fucheng district, Mianyang, Sichuan. */
export const CENTER_LON = 104.74;
export const CENTER_LAT = 31.46;

const phi = (CENTER_LAT * Math.PI) / 180;
/** Meters per degree of latitude and longitude at the center (WGS-84 series expansion). */
export const METERS_PER_DEG_LAT = 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
export const METERS_PER_DEG_LON = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi);

export function toLonLat(p: XY): Position {
  return [CENTER_LON + p[0] / METERS_PER_DEG_LON, CENTER_LAT + p[1] / METERS_PER_DEG_LAT];
}

export function toXY(lonLat: Position): XY {
  return [((lonLat[0] as number) - CENTER_LON) * METERS_PER_DEG_LON, ((lonLat[1] as number) - CENTER_LAT) * METERS_PER_DEG_LAT];
}

export function pointGeometry(p: XY): Point {
  return { type: 'Point', coordinates: toLonLat(p) };
}

export function multiPolygonGeometry(shape: MultiPoly): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: shape.map((poly) => poly.map((ring) => ring.map(toLonLat))) };
}

export function lineStringGeometry(line: readonly XY[]): LineString {
  return { type: 'LineString', coordinates: line.map(toLonLat) };
}

export function multiLineStringGeometry(lines: readonly (readonly XY[])[]): MultiLineString {
  return { type: 'MultiLineString', coordinates: lines.map((line) => line.map(toLonLat)) };
}
