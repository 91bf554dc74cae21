import { MVTLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { Rgba } from './rgba.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

export interface PlaceProperties {
  id: number;
  name: string;
  kind: string;
  tier?: string | number | null;
}

export interface ServiceCentersLayerProps {
  version?: number;
  loadOptions: TileLoadOptions;
  /** Multiplies the marker sizes (a 4K wall draws everything larger). Default 1. */
  sizeScale?: number;
}

/** 党群服务中心 and 党群服务站: the places a service reach is measured from. */
export const serviceKinds = ['service_center', 'service_station'] as const;

export const serviceColors: Record<(typeof serviceKinds)[number], Rgba> = {
  service_center: [255, 214, 102, 255],
  service_station: [94, 200, 230, 255],
};

type PlaceFeature = Feature<Geometry, PlaceProperties>;
const isService = (f: PlaceFeature) => (serviceKinds as readonly string[]).includes(f.properties.kind);

/** Party-member service centers (larger, gold) and stations (cyan) from the `places` tiles. */
export function createServiceCentersLayer({ version = 0, loadOptions, sizeScale = 1 }: ServiceCentersLayerProps): MVTLayer<PlaceProperties> {
  return new MVTLayer<PlaceProperties>({
    id: 'service-centers',
    data: tileUrl('places', version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    maxZoom: 15,
    pickable: false,
    renderSubLayers: (props) => {
      const features = Array.isArray(props.data) ? (props.data as unknown as PlaceFeature[]).filter(isService) : [];
      return new GeoJsonLayer<PlaceProperties>({
        ...props,
        data: features,
        pointType: 'circle',
        stroked: true,
        filled: true,
        pointRadiusUnits: 'pixels',
        getPointRadius: (f: PlaceFeature) => (f.properties.kind === 'service_center' ? 7 : 4.5) * sizeScale,
        getFillColor: (f: PlaceFeature) => (f.properties.kind === 'service_center' ? serviceColors.service_center : serviceColors.service_station),
        getLineColor: [7, 11, 20, 230],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5 * sizeScale,
        updateTriggers: { getPointRadius: sizeScale, getLineWidth: sizeScale },
      });
    },
  });
}
