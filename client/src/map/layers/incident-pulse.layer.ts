import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { CaseSeverity } from '../../api/contract.ts';
import type { Rgba } from './rgba.ts';

export interface PulsingIncident {
  id: number;
  severity: CaseSeverity;
  position: [number, number];
}

export interface IncidentPulseLayerProps {
  incidents: readonly PulsingIncident[];
  /** Animation phase 0–1; each of the two rings grows and fades over one period. */
  phase: number;
  /** Multiplies the sizes. Default 1. */
  sizeScale?: number;
}

export const incidentColors: Record<CaseSeverity, Rgba> = {
  low: [120, 200, 255, 255],
  normal: [255, 196, 0, 255],
  high: [255, 110, 40, 255],
  critical: [255, 40, 70, 255],
};

const ringRadius = 9;
const ringGrowth = 3.2;

function ring(id: string, incidents: readonly PulsingIncident[], phase: number, sizeScale: number) {
  // only uniforms change with the phase (scale, opacity): nothing is recomputed per frame
  return new ScatterplotLayer<PulsingIncident>({
    id,
    data: incidents,
    getPosition: (c) => c.position,
    getRadius: ringRadius,
    radiusUnits: 'pixels',
    radiusScale: sizeScale * (1 + ringGrowth * phase),
    filled: false,
    stroked: true,
    getLineColor: (c) => incidentColors[c.severity],
    lineWidthUnits: 'pixels',
    getLineWidth: 2.2 * sizeScale,
    opacity: Math.max(0, 1 - phase) ** 1.5,
    pickable: false,
  });
}

/** Open cases as a solid dot with two rings pulsing out of it, in the colour of their severity. */
export function createIncidentPulseLayers({ incidents, phase, sizeScale = 1 }: IncidentPulseLayerProps): Layer[] {
  return [
    ring('incident-pulse-a', incidents, phase % 1, sizeScale),
    ring('incident-pulse-b', incidents, (phase + 0.5) % 1, sizeScale),
    new ScatterplotLayer<PulsingIncident>({
      id: 'incident-core',
      data: incidents,
      getPosition: (c) => c.position,
      getRadius: 6,
      radiusUnits: 'pixels',
      radiusScale: sizeScale,
      stroked: true,
      getFillColor: (c) => incidentColors[c.severity],
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5 * sizeScale,
      pickable: false,
    }),
  ];
}
