import { ScatterplotLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';

export interface HouseholdPointsLayerProps {
  households: readonly LngLatTuple[];
}

/** The households a center household links with: small white dots ringed green, at the ends of its lines. */
export function createHouseholdPointsLayer({ households }: HouseholdPointsLayerProps): ScatterplotLayer<LngLatTuple> {
  return new ScatterplotLayer<LngLatTuple>({
    id: 'household-points',
    data: households,
    getPosition: (p) => [p[0], p[1]],
    getRadius: 4,
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: [255, 255, 255, 255],
    getLineColor: [46, 139, 87, 255],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
