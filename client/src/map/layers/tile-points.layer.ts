import type { Color } from '@deck.gl/core';
import { MVTLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { TileLayer } from '../../api/contract.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

export interface TilePointsLayerProps<P extends object> {
  id: string;
  layer: TileLayer;
  version: number;
  loadOptions: TileLoadOptions;
  /** the features drawn; `filterKey` names the filter, so a new one redraws the tiles already loaded */
  keep: (properties: P) => boolean;
  filterKey: string;
  radius: (properties: P) => number;
  fill: (properties: P) => Color;
  line: Color;
}

/** Pickable dots from a point tile layer, some of its features only, sized and coloured by their properties. */
export function createTilePointsLayer<P extends object>({
  id,
  layer,
  version,
  loadOptions,
  keep,
  filterKey,
  radius,
  fill,
  line,
}: TilePointsLayerProps<P>): MVTLayer<P> {
  type PointFeature = Feature<Geometry, P>;
  return new MVTLayer<P>({
    id,
    data: tileUrl(layer, version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    maxZoom: 15,
    pickable: true,
    updateTriggers: { renderSubLayers: filterKey },
    renderSubLayers: (props) => {
      const features = Array.isArray(props.data) ? (props.data as unknown as PointFeature[]).filter((f) => keep(f.properties)) : [];
      return new GeoJsonLayer<P>({
        ...props,
        id: `${props.id}-${filterKey}`,
        data: features as unknown as Feature[],
        pointType: 'circle',
        stroked: true,
        filled: true,
        pointRadiusUnits: 'pixels',
        getPointRadius: (f: PointFeature) => radius(f.properties),
        getFillColor: (f: PointFeature) => fill(f.properties),
        getLineColor: line,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      });
    },
  });
}
