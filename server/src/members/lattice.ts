import type { Bbox } from '../contract/grids.ts';

/**
 * The density pyramid's lattice (sql/000008 cell_column, cell_row): square Web-Mercator cells,
 * 16 across a tile of zoom `level`, numbered from the west (cx) and from the north (cy).
 */
const half = 20037508.342789244;
const radius = 6378137;
const maxLatitude = 85.0511287798066;

export function cellSize(level: number): number {
  return (2 * half) / (16 * 2 ** level);
}

function mercatorX(lng: number): number {
  return (lng * Math.PI * radius) / 180;
}

function mercatorY(lat: number): number {
  const clamped = Math.max(-maxLatitude, Math.min(maxLatitude, lat));
  return radius * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360));
}

export type CellRange = { cx0: number; cx1: number; cy0: number; cy1: number; count: number };

/** The cells of `level` that a bbox touches: whole cells, never cut. */
export function cellRange(level: number, bbox: Bbox): CellRange {
  const size = cellSize(level);
  const last = 16 * 2 ** level - 1;
  const column = (lng: number) => Math.min(last, Math.floor((mercatorX(lng) + half) / size));
  const row = (lat: number) => Math.min(last, Math.floor((half - mercatorY(lat)) / size));
  const range = { cx0: column(bbox.minLng), cx1: column(bbox.maxLng), cy0: row(bbox.maxLat), cy1: row(bbox.minLat) };
  return { ...range, count: (range.cx1 - range.cx0 + 1) * (range.cy1 - range.cy0 + 1) };
}

/** A cell's width on the ground at a latitude, in meters (Mercator shrinks by cos φ). */
export function groundCellMeters(level: number, latitude: number): number {
  return cellSize(level) * Math.cos((latitude * Math.PI) / 180);
}
