import { MVTLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { Rgba } from './rgba.ts';
import type { PlaceProperties } from './service-centers.layer.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

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

type PlaceFeature = Feature<Geometry, PlaceProperties>;

/** Service positions from the `places` tiles, a square-ish colour per kind. */
export function createPlacePointsLayer({ version = 0, loadOptions, kinds }: PlacePointsLayerProps): MVTLayer<PlaceProperties> {
  const filterKey = kinds.join(',');
  return new MVTLayer<PlaceProperties>({
    id: 'one-map-places',
    data: tileUrl('places', version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    maxZoom: 15,
    pickable: true,
    updateTriggers: { renderSubLayers: filterKey },
    renderSubLayers: (props) => {
      const features = Array.isArray(props.data) ? (props.data as unknown as PlaceFeature[]).filter((f) => kinds.includes(f.properties.kind)) : [];
      return new GeoJsonLayer<PlaceProperties>({
        ...props,
        id: `${props.id}-${filterKey}`,
        data: features,
        pointType: 'circle',
        stroked: true,
        filled: true,
        pointRadiusUnits: 'pixels',
        getPointRadius: (f: PlaceFeature) => kindRadius[f.properties.kind as PlacePointKind] ?? 5,
        getFillColor: (f: PlaceFeature) => placeKindColors[f.properties.kind as PlacePointKind] ?? placeKindColors.service_station,
        getLineColor: [33, 33, 33, 220],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      });
    },
  });
}
