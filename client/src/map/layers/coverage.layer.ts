import { MVTLayer } from '@deck.gl/geo-layers';
import type { Feature, Geometry } from 'geojson';
import type { Rgba } from './rgba.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

/** The two coverage analyses drawn over the map. */
export type CoverageLayerName = 'blind_spots' | 'reach';
export const coverageLayerNames: readonly CoverageLayerName[] = ['blind_spots', 'reach'];

export interface CoverageLayerProps {
  layer: CoverageLayerName;
  version?: number;
  loadOptions: TileLoadOptions;
}

interface CoverageProperties {
  /** blind_spots: share 0–1 of the cell's area short of available members */
  share?: number;
  /** reach: households beyond the reach distance */
  households?: number;
}

export const coverageColors: Record<CoverageLayerName, Rgba> = {
  blind_spots: [255, 59, 92, 255],
  reach: [255, 160, 40, 255],
};

type CoverageFeature = Feature<Geometry, CoverageProperties>;

function alphaOf(layer: CoverageLayerName, p: CoverageProperties): number {
  if (layer === 'blind_spots') return 40 + 150 * Math.min(1, Math.max(0, p.share ?? 1));
  return 50 + Math.min(150, 12 * Math.sqrt(p.households ?? 0));
}

/**
 * 盲区 (cells with fewer than K available members within the radius) or 服务覆盖不到的住户 (households
 * beyond the reach distance of any service center or station), hatched in red or orange.
 */
export function createCoverageLayer({ layer, version = 0, loadOptions }: CoverageLayerProps): MVTLayer<CoverageProperties> {
  const [r, g, b] = coverageColors[layer];
  return new MVTLayer<CoverageProperties>({
    id: `coverage-${layer}`,
    data: tileUrl(layer, version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    maxZoom: 15,
    filled: true,
    stroked: true,
    getFillColor: (f: CoverageFeature) => [r, g, b, alphaOf(layer, f.properties)],
    getLineColor: [r, g, b, 200],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: false,
    refinementStrategy: 'no-overlap',
  });
}
