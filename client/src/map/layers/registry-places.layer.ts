import { ScatterplotLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';
import type { Rgba } from './rgba.ts';
import { serviceColors } from './service-centers.layer.ts';

export interface RegistryPlacePoint {
  id: number;
  kind: string;
  position: LngLatTuple;
}

export interface RegistryPlacesLayerProps {
  places: readonly RegistryPlacePoint[];
  selectedId: number | null;
}

export const registryPlaceColors: Record<string, Rgba> = {
  ...serviceColors,
  center_household: [34, 160, 80, 255],
  education_site: [120, 94, 200, 255],
  model_site: [120, 94, 200, 255],
};

/** Service positions on the registry map: centers gold, stations cyan, center households green, sites violet. */
export function createRegistryPlacesLayer({ places, selectedId }: RegistryPlacesLayerProps): ScatterplotLayer<RegistryPlacePoint> {
  return new ScatterplotLayer<RegistryPlacePoint>({
    id: 'registry-places',
    data: places,
    getPosition: (p) => [p.position[0], p.position[1]],
    getRadius: (p) => (p.kind === 'service_center' ? 7 : 5) + (p.id === selectedId ? 4 : 0),
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: (p) => registryPlaceColors[p.kind] ?? [120, 120, 120, 255],
    getLineColor: (p) => (p.id === selectedId ? [200, 16, 46, 255] : p.kind.startsWith('service_') ? [38, 33, 28, 230] : [255, 255, 255, 255]),
    getLineWidth: (p) => (p.id === selectedId ? 3 : 1.2),
    lineWidthUnits: 'pixels',
    pickable: false,
    updateTriggers: { getRadius: selectedId, getLineColor: selectedId, getLineWidth: selectedId },
  });
}
