import { ScatterplotLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';

export interface IncidentPointLayerProps {
  /** Where the incident is; nothing is drawn when null. */
  point: LngLatTuple | null;
  /** Default 'incident'; more than one incident layer on a map needs distinct ids. */
  id?: string;
}

/** The incident: a red disc with a white ring inside a soft red halo, above everything else. */
export function createIncidentPointLayer({ point, id = 'incident' }: IncidentPointLayerProps): ScatterplotLayer<LngLatTuple> {
  return new ScatterplotLayer<LngLatTuple>({
    id,
    data: point ? [point, point] : [],
    getPosition: (p) => [p[0], p[1]],
    // the first copy is the halo, the second the marker
    getRadius: (_p, { index }) => (index === 0 ? 18 : 8),
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: (_p, { index }) => (index === 0 ? [200, 16, 46, 60] : [200, 16, 46, 255]),
    getLineColor: (_p, { index }) => (index === 0 ? [200, 16, 46, 0] : [255, 255, 255, 255]),
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
