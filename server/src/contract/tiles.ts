import { z } from 'zod';

export const basemapLayers = ['areas', 'grids', 'roads', 'buildings'] as const;
export const TileLayer = z.enum(basemapLayers, { error: `layer must be one of ${basemapLayers.join(', ')}` });
export type TileLayer = z.infer<typeof TileLayer>;

const integer = (what: string) =>
  z.string().regex(/^\d{1,7}$/, `${what} must be a non-negative integer`).transform(Number);

/** `/tiles/{layer}/{z}/{x}/{y}.mvt`, with x and y inside the zoom level's 2^z range. */
export const TileParams = z
  .object({ layer: TileLayer, z: integer('z'), x: integer('x'), y: integer('y') })
  .refine((t) => t.z <= 22, { message: 'z must be between 0 and 22', path: ['z'] })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be less than 2^z', path: ['x'] });
export type TileParams = z.output<typeof TileParams>;
