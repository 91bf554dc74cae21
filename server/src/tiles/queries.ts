import type pg from 'pg';
import type { DataTopic } from '../contract/live.ts';
import type { TileLayer } from '../contract/tiles.ts';

/** What a tile is built for: the caller's scope on the layer's permission, and its options. */
export type TileAudience = { patterns: string[]; ancestors: string[]; withHouseholds: boolean };

// One SQL function per layer (sql/000004, 000006, 000008, 000009); the layer name never reaches SQL text.
const tileSql: Record<TileLayer, string> = {
  areas: 'select tile_areas($1, $2, $3, $4::text[], $5::text[]) as mvt',
  grids: 'select tile_grids($1, $2, $3, $4::text[]) as mvt',
  roads: 'select tile_roads($1, $2, $3) as mvt',
  buildings: 'select tile_buildings($1, $2, $3) as mvt',
  orgs: 'select tile_orgs($1, $2, $3, $4::text[]) as mvt',
  places: 'select tile_places($1, $2, $3, $4::text[], $5::boolean) as mvt',
  cases: 'select tile_cases($1, $2, $3, $4::text[]) as mvt',
  density: 'select tile_density($1, $2, $3, $4::text[]) as mvt',
  blind_spots: 'select tile_blind_spots($1, $2, $3, $4::text[]) as mvt',
  reach: 'select tile_reach($1, $2, $3, $4::text[]) as mvt',
};

function tileValues(layer: TileLayer, a: TileAudience): unknown[] {
  if (layer === 'roads' || layer === 'buildings') return [];
  if (layer === 'areas') return [a.patterns, a.ancestors];
  if (layer === 'places') return [a.patterns, a.withHouseholds];
  return [a.patterns];
}

export async function selectTile(db: pg.Pool, layer: TileLayer, z: number, x: number, y: number, audience: TileAudience): Promise<Buffer> {
  const { rows } = await db.query<{ mvt: Buffer }>({ name: `tile_${layer}`, text: tileSql[layer], values: [z, x, y, ...tileValues(layer, audience)] });
  return rows[0]?.mvt ?? Buffer.alloc(0);
}

export async function selectDataVersions(db: pg.Pool): Promise<Map<DataTopic, number>> {
  const { rows } = await db.query<{ topic: DataTopic; version: number }>({ name: 'data_versions', text: 'select topic, version from data_version' });
  return new Map(rows.map((r) => [r.topic, r.version]));
}
