import { ScatterplotLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';

export interface RadiusRingLayerProps {
  /** The ring's centre; nothing is drawn when null. */
  center: LngLatTuple | null;
  /** Radius in meters (on the ground, at the centre's latitude). */
  radius: number;
}

interface Ring {
  center: LngLatTuple;
  radius: number;
}

/** The search radius around an incident: a thin red circle over a faint wash. */
export function createRadiusRingLayer({ center, radius }: RadiusRingLayerProps): ScatterplotLayer<Ring> {
  return new ScatterplotLayer<Ring>({
    id: 'radius-ring',
    data: center ? [{ center, radius }] : [],
    getPosition: (ring) => [ring.center[0], ring.center[1]],
    getRadius: (ring) => ring.radius,
    radiusUnits: 'meters',
    filled: true,
    stroked: true,
    getFillColor: [200, 16, 46, 20],
    getLineColor: [200, 16, 46, 210],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: false,
    updateTriggers: { getRadius: radius },
    transitions: { getRadius: 300 },
  });
}
