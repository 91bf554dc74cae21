import type { Color } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { CaseSeverity, CaseSummary } from '../../api/contract.ts';

export interface OpenCasesLayerProps {
  cases: readonly CaseSummary[];
}

const severityColors: Record<CaseSeverity, Color> = {
  low: [143, 163, 184, 255],
  normal: [224, 160, 32, 255],
  high: [224, 83, 31, 255],
  critical: [200, 16, 46, 255],
};

/** Every open case as a dot in its urgency's colour (the console's overview before one is picked). */
export function createOpenCasesLayer({ cases }: OpenCasesLayerProps): ScatterplotLayer<CaseSummary> {
  return new ScatterplotLayer<CaseSummary>({
    id: 'open-cases',
    data: cases,
    getPosition: (c) => [c.position[0], c.position[1]],
    getRadius: 7,
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: (c) => severityColors[c.severity],
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
