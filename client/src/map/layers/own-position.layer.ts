import { ScatterplotLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';

export interface OwnPositionLayerProps {
  /** The phone's position; nothing is drawn when null. */
  point: LngLatTuple | null;
}

/** "You are here": a blue dot with a white ring in a pale blue halo, as map apps draw it. */
export function createOwnPositionLayer({ point }: OwnPositionLayerProps): ScatterplotLayer<LngLatTuple> {
  return new ScatterplotLayer<LngLatTuple>({
    id: 'own-position',
    data: point ? [point, point] : [],
    getPosition: (p) => [p[0], p[1]],
    // the first copy is the halo, the second the dot
    getRadius: (_p, { index }) => (index === 0 ? 16 : 7),
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: (_p, { index }) => (index === 0 ? [26, 115, 232, 50] : [26, 115, 232, 255]),
    getLineColor: (_p, { index }) => (index === 0 ? [26, 115, 232, 0] : [255, 255, 255, 255]),
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
