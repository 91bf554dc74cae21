import type pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import type { DataTopic } from '../contract/live.ts';
import type { TileLayer } from '../contract/tiles.ts';

/** What a tile is built for: the caller's scope on the layer's permission, its options, and the moment (grids; null: now). */
export type TileAudience = { scope: Scope; withHouseholds: boolean; at: string | null };

// One SQL function per layer (sql/000004, 000008, 000009, 000011, 000013, 000016, 000029, 000031, 000032); the layer name never reaches SQL text.
// Scope goes to the SQL as code ranges (lo, hi).
const tileSql: Record<TileLayer, string> = {
  areas: 'select tile_areas($1, $2, $3, $4::text[], $5::text[], $6::text[]) as mvt',
  grids: 'select tile_grids($1, $2, $3, $4::text[], $5::text[], $6::timestamptz) as mvt',
  roads: 'select tile_roads($1, $2, $3) as mvt',
  buildings: 'select tile_buildings($1, $2, $3) as mvt',
  orgs: 'select tile_orgs($1, $2, $3, $4::text[], $5::text[]) as mvt',
  places: 'select tile_places($1, $2, $3, $4::text[], $5::text[], $6::boolean) as mvt',
  cases: 'select tile_cases($1, $2, $3, $4::text[], $5::text[]) as mvt',
  density: 'select tile_density($1, $2, $3, $4::text[], $5::text[]) as mvt',
  blind_spots: 'select tile_blind_spots($1, $2, $3, $4::text[], $5::text[]) as mvt',
  reach: 'select tile_reach($1, $2, $3, $4::text[], $5::text[]) as mvt',
  new_orgs: 'select tile_new_orgs($1, $2, $3, $4::text[], $5::text[]) as mvt',
  wishes: 'select tile_wishes($1, $2, $3, $4::text[], $5::text[]) as mvt',
  belts: 'select tile_belts($1, $2, $3, $4::text[], $5::text[]) as mvt',
};

function tileValues(layer: TileLayer, a: TileAudience): unknown[] {
  const { lo, hi, ancestors } = a.scope;
  if (layer === 'roads' || layer === 'buildings') return [];
  if (layer === 'areas') return [lo, hi, ancestors];
  if (layer === 'places') return [lo, hi, a.withHouseholds];
  if (layer === 'grids') return [lo, hi, a.at];
  return [lo, hi];
}

export async function selectTile(db: pg.Pool, layer: TileLayer, z: number, x: number, y: number, audience: TileAudience): Promise<Buffer> {
  const { rows } = await db.query<{ mvt: Buffer }>({ name: `tile_${layer}`, text: tileSql[layer], values: [z, x, y, ...tileValues(layer, audience)] });
  return rows[0]?.mvt ?? Buffer.alloc(0);
}

export async function selectDataVersions(db: pg.Pool): Promise<Map<DataTopic, number>> {
  const { rows } = await db.query<{ topic: DataTopic; version: number }>({ name: 'data_versions', text: 'select topic, version from data_version' });
  return new Map(rows.map((r) => [r.topic, r.version]));
}
