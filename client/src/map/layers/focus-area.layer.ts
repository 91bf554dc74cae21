import { GeoJsonLayer } from '@deck.gl/layers';
import type { AreaFeature } from '../../api/contract.ts';

export interface FocusAreaLayerProps {
  /** The area in focus; nothing is drawn when null. */
  area: AreaFeature | null;
  /** Multiplies the line width. Default 1. */
  sizeScale?: number;
}

/** A bright outline and faint wash of the area the wall is showing (one town of the rotation). */
export function createFocusAreaLayer({ area, sizeScale = 1 }: FocusAreaLayerProps): GeoJsonLayer<AreaFeature['properties']> {
  return new GeoJsonLayer<AreaFeature['properties']>({
    id: 'focus-area',
    data: area ? [area] : [],
    stroked: true,
    filled: true,
    getFillColor: [255, 214, 102, 14],
    getLineColor: [255, 214, 102, 230],
    getLineWidth: 2.5 * sizeScale,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    pickable: false,
    updateTriggers: { getLineWidth: sizeScale },
  });
}
