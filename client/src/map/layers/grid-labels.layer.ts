import { TextLayer } from '@deck.gl/layers';
import type { GridLabel } from '../data/labels.ts';
import { labelTextProps } from './label-style.ts';

export interface GridLabelsLayerProps {
  labels: readonly GridLabel[];
  /** Current map zoom; grid names show from `gridLabelMinZoom`. */
  zoom: number;
}

export const gridLabelMinZoom = 13;

/** Grid names (e.g. 东街社区第一网格) at their label points; null when there are none (see area labels). */
export function createGridLabelsLayer({ labels, zoom }: GridLabelsLayerProps): TextLayer<GridLabel> | null {
  if (labels.length === 0) return null;
  return new TextLayer<GridLabel>({
    id: 'grid-labels',
    data: labels,
    visible: zoom >= gridLabelMinZoom,
    getPosition: (label) => label.position,
    getText: (label) => label.name,
    getSize: 13,
    getColor: [168, 16, 40, 255],
    ...labelTextProps,
  });
}
