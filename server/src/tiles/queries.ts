import type pg from 'pg';
import type { TileLayer } from '../contract/tiles.ts';

// One SQL function per layer (sql/000004_basemap_tiles.sql); the layer name never reaches SQL text.
const tileSql: Record<TileLayer, string> = {
  areas: 'select tile_areas($1, $2, $3) as mvt',
  grids: 'select tile_grids($1, $2, $3) as mvt',
  roads: 'select tile_roads($1, $2, $3) as mvt',
  buildings: 'select tile_buildings($1, $2, $3) as mvt',
};

export async function selectTile(db: pg.Pool, layer: TileLayer, z: number, x: number, y: number): Promise<Buffer> {
  const { rows } = await db.query<{ mvt: Buffer }>({ name: `tile_${layer}`, text: tileSql[layer], values: [z, x, y] });
  return rows[0]?.mvt ?? Buffer.alloc(0);
}
