import { MVTLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { LngLatTuple } from '../../api/locate.api.ts';
import type { Rgba } from './rgba.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

/** The statuses the `wishes` tiles carry (withdrawn wishes are left out of them). */
export const wishPointStatuses = ['open', 'claimed', 'fulfilled'] as const;
export type WishPointStatus = (typeof wishPointStatuses)[number];

/** 待认领 red (it waits for someone), 已认领 amber, 已实现 green. */
export const wishStatusColors: Record<WishPointStatus, Rgba> = {
  open: [226, 46, 80, 255],
  claimed: [240, 160, 20, 255],
  fulfilled: [40, 160, 90, 255],
};

/** The legend of the layer: a dot per status, labelled in the `wishes` namespace. */
export const wishLegend = wishPointStatuses.map((s) => ({ color: wishStatusColors[s], label: `wishes:status.${s}`, shape: 'dot' as const }));

interface WishProperties {
  id: number;
  status: WishPointStatus;
}

export interface WishesLayerProps {
  /** the `wish` data version: a bump fetches the tiles again */
  version?: number;
  loadOptions: TileLoadOptions;
}

type WishFeature = Feature<Geometry, WishProperties>;

/** 微心愿 from the `wishes` tiles (id and status only), a dot coloured by status; features carry `id` for a click. */
export function createWishesLayer({ version = 0, loadOptions }: WishesLayerProps): MVTLayer<WishProperties> {
  return new MVTLayer<WishProperties>({
    id: 'one-map-wishes',
    data: tileUrl('wishes', version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    maxZoom: 15,
    pickable: true,
    pointType: 'circle',
    pointRadiusUnits: 'pixels',
    getPointRadius: (f: WishFeature) => (f.properties.status === 'open' ? 6 : 4.5),
    getFillColor: (f: WishFeature) => wishStatusColors[f.properties.status] ?? wishStatusColors.open,
    getLineColor: [255, 255, 255, 230],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    stroked: true,
  });
}

/** The wish the tool panel points at: a ring around it. */
export function createWishFocusLayer({ point }: { point: LngLatTuple | null }): ScatterplotLayer<LngLatTuple> {
  return new ScatterplotLayer<LngLatTuple>({
    id: 'wish-focus',
    data: point ? [point] : [],
    getPosition: (p) => [p[0], p[1]],
    getRadius: 13,
    radiusUnits: 'pixels',
    stroked: true,
    filled: false,
    getLineColor: [200, 16, 46, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
