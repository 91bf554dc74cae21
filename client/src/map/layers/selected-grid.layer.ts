import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature } from '../../api/contract.ts';

export interface SelectedGridLayerProps {
  /** The grid to highlight; nothing is drawn when null. */
  grid: GridFeature | null;
}

/** Outline and light wash of the selected (located) grid. */
export function createSelectedGridLayer({ grid }: SelectedGridLayerProps): GeoJsonLayer<GridFeature['properties']> {
  return new GeoJsonLayer<GridFeature['properties']>({
    id: 'selected-grid',
    data: grid ? [grid] : [],
    stroked: true,
    filled: true,
    getFillColor: [200, 16, 46, 36],
    getLineColor: [200, 16, 46, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    pickable: false,
  });
}
