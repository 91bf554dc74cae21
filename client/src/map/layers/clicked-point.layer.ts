import { ScatterplotLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';

export interface ClickedPointLayerProps {
  /** The point the user clicked; nothing is drawn when null. */
  point: LngLatTuple | null;
}

/** A red dot with a white ring where the map was clicked. */
export function createClickedPointLayer({ point }: ClickedPointLayerProps): ScatterplotLayer<LngLatTuple> {
  return new ScatterplotLayer<LngLatTuple>({
    id: 'clicked-point',
    data: point ? [point] : [],
    getPosition: (p) => [p[0], p[1]],
    getRadius: 7,
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: [200, 16, 46, 255],
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 2.5,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
