import type pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import type { TileLayer } from '../contract/tiles.ts';

// One SQL function per layer (sql/000004_basemap_tiles.sql); the layer name never reaches SQL text.
// Areas and grids follow the caller's scope; roads and buildings are the same for everyone.
const tileSql: Record<TileLayer, string> = {
  areas: 'select tile_areas($1, $2, $3, $4::text[], $5::text[]) as mvt',
  grids: 'select tile_grids($1, $2, $3, $4::text[]) as mvt',
  roads: 'select tile_roads($1, $2, $3) as mvt',
  buildings: 'select tile_buildings($1, $2, $3) as mvt',
};

function tileValues(layer: TileLayer, z: number, x: number, y: number, scope: Scope): unknown[] {
  if (layer === 'areas') return [z, x, y, scope.patterns, scope.ancestors];
  if (layer === 'grids') return [z, x, y, scope.patterns];
  return [z, x, y];
}

export async function selectTile(db: pg.Pool, layer: TileLayer, z: number, x: number, y: number, scope: Scope): Promise<Buffer> {
  const { rows } = await db.query<{ mvt: Buffer }>({ name: `tile_${layer}`, text: tileSql[layer], values: tileValues(layer, z, x, y, scope) });
  return rows[0]?.mvt ?? Buffer.alloc(0);
}
