import { z } from 'zod';
import { asOf } from './time.ts';
import { queryInteger } from './numbers.ts';

/**
 * Vector tile layers. Each tile holds one MVT layer named like the path segment.
 * - areas, grids, roads, buildings: the basemap
 * - orgs: Party organizations (points: id, name, kind, sector, area_code)
 * - places: service positions (points: id, name, kind, tier); center households only for roles that may read members exactly
 * - cases: open cases and those closed in the last 24 h (points: id, kind, title, severity, status, reported_at epoch seconds)
 * - density: members in the lattice's square cells sized by zoom (polygons: total, available, skilled), published counts: each 0 or ≥ 5, empty cells left out
 * - blind_spots: analysis cells with fewer than K (≥ 5) available members within the radius (polygons: share 0–1,
 *   few_share 0–1: the part with fewer than 5, so that no lone member draws a disk around her home)
 * - reach: households farther than the reach distance from any service center or station
 *   (polygons: households; buildings from zoom 14, cells below)
 * - new_orgs: new-type organizations from zoom 10 (points: id, name, kind, status, area_code; no member or instructor named)
 * - wishes: micro-wishes (微心愿) not withdrawn (points: id, status; no title, resident or member)
 * - belts: model belts (示范带), each as its corridor (polygon) and its line (part: 'corridor' | 'line'; id, name)
 */
export const tileLayers = [
  'areas',
  'grids',
  'roads',
  'buildings',
  'orgs',
  'places',
  'cases',
  'density',
  'blind_spots',
  'reach',
  'new_orgs',
  'wishes',
  'belts',
] as const;
export const TileLayer = z.enum(tileLayers, { error: `layer must be one of ${tileLayers.join(', ')}` });
export type TileLayer = z.infer<typeof TileLayer>;

/** z, x and y: decimal digits only, as every integer in a path or query string (see queryInteger) */
const tileIndex = queryInteger(0, 2 ** 22 - 1);

/** `/tiles/{layer}/{z}/{x}/{y}.mvt`, with x and y inside the zoom level's 2^z range. */
export const TileParams = z
  .object({ layer: TileLayer, z: tileIndex, x: tileIndex, y: tileIndex })
  .refine((t) => t.z <= 22, { message: 'z must be between 0 and 22', path: ['z'] })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be less than 2^z', path: ['x'] });
export type TileParams = z.output<typeof TileParams>;

/** `?at=`: the grids layer as it was at a date or moment (other layers are only current). */
export const TileQuery = z.object({ at: asOf().optional() });
export type TileQuery = z.output<typeof TileQuery>;
