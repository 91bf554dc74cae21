import { MVTLayer } from '@deck.gl/geo-layers';
import type { Feature, Geometry } from 'geojson';
import type { Rgba } from './rgba.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

/** Properties of a `density` tile cell (cells under 5 members are left out by the server). */
export interface DensityCellProperties {
  total: number;
  available: number;
  skilled: number;
}

export interface DensityCellsLayerProps {
  /** Data version of the members behind the tiles; a new one fetches them again. Default 0. */
  version?: number;
  loadOptions: TileLoadOptions;
  /** Draw cells as columns as tall as their member count. Default false. */
  extruded?: boolean;
  /** Default 0.85. */
  opacity?: number;
  /** Called whenever every tile in view has loaded. */
  onLoaded?: () => void;
}

/** Member counts where the ramp's colours sit (members per cell). */
export const densityStops: readonly (readonly [number, Rgba])[] = [
  [5, [43, 35, 104, 150]],
  [15, [94, 42, 140, 185]],
  [40, [162, 41, 122, 210]],
  [100, [221, 60, 78, 225]],
  [250, [246, 124, 52, 235]],
  [600, [252, 196, 70, 245]],
  [1500, [255, 244, 176, 250]],
];

/** The ramp's colour of a member count, interpolated on a log scale between the stops. */
export function densityColor(total: number): Rgba {
  const first = densityStops[0]!;
  if (total <= first[0]) return first[1];
  for (let i = 1; i < densityStops.length; i += 1) {
    const [upper, high] = densityStops[i]!;
    const [lower, low] = densityStops[i - 1]!;
    if (total <= upper) {
      const f = (Math.log(total) - Math.log(lower)) / (Math.log(upper) - Math.log(lower));
      const mix = (c: 0 | 1 | 2 | 3) => Math.round(low[c] + f * (high[c] - low[c]));
      return [mix(0), mix(1), mix(2), mix(3)];
    }
  }
  return densityStops[densityStops.length - 1]![1];
}

type DensityFeature = Feature<Geometry, DensityCellProperties>;

/**
 * Party members per square cell (the `density` tiles: aggregates only, never a member), filled by a
 * log colour ramp of `total`; optionally extruded into columns.
 */
export function createDensityCellsLayer({
  version = 0,
  loadOptions,
  extruded = false,
  opacity = 0.85,
  onLoaded,
}: DensityCellsLayerProps): MVTLayer<DensityCellProperties> {
  return new MVTLayer<DensityCellProperties>({
    id: 'density-cells',
    data: tileUrl('density', version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    minZoom: 0,
    maxZoom: 15,
    opacity,
    filled: true,
    stroked: false,
    extruded,
    getFillColor: (f: DensityFeature) => densityColor(f.properties.total),
    getElevation: (f: DensityFeature) => Math.sqrt(f.properties.total) * 60,
    material: false,
    pickable: false,
    // keep the old tiles on screen until the new version's are in: no blink on a refresh
    refinementStrategy: 'no-overlap',
    updateTriggers: { getFillColor: version },
    onViewportLoad: onLoaded ? () => onLoaded() : null,
  });
}
