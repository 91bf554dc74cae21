import type { MVTLayer } from '@deck.gl/geo-layers';
import type { Rgba } from './rgba.ts';
import type { PlaceProperties } from './service-centers.layer.ts';
import type { TileLoadOptions } from './tile-options.ts';
import { createTilePointsLayer } from './tile-points.layer.ts';

export const placePointKinds = ['service_center', 'service_station', 'center_household', 'education_site', 'model_site'] as const;
export type PlacePointKind = (typeof placePointKinds)[number];

export const placeKindColors: Record<PlacePointKind, Rgba> = {
  service_center: [230, 170, 20, 255],
  service_station: [40, 150, 200, 255],
  center_household: [150, 90, 200, 255],
  education_site: [40, 160, 110, 255],
  model_site: [240, 100, 20, 255],
};
const kindRadius: Record<PlacePointKind, number> = { service_center: 8, service_station: 6, center_household: 4, education_site: 5, model_site: 6.5 };

export interface PlacePointsLayerProps {
  version?: number;
  loadOptions: TileLoadOptions;
  /** the kinds shown (center households come only to roles that may read members exactly) */
  kinds: readonly string[];
}

/** Service positions from the `places` tiles, a colour per kind. */
export function createPlacePointsLayer({ version = 0, loadOptions, kinds }: PlacePointsLayerProps): MVTLayer<PlaceProperties> {
  return createTilePointsLayer<PlaceProperties>({
    id: 'one-map-places',
    layer: 'places',
    version,
    loadOptions,
    keep: (p) => kinds.includes(p.kind),
    filterKey: kinds.join(','),
    radius: (p) => kindRadius[p.kind as PlacePointKind] ?? 5,
    fill: (p) => placeKindColors[p.kind as PlacePointKind] ?? placeKindColors.service_station,
    line: [33, 33, 33, 220],
  });
}
