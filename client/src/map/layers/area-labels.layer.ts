import { TextLayer } from '@deck.gl/layers';
import type { Color } from '@deck.gl/core';
import type { AreaLevel } from '../../api/contract.ts';
import type { AreaLabel } from '../data/labels.ts';
import { labelTextProps } from './label-style.ts';

export interface AreaLabelsLayerProps {
  labels: readonly AreaLabel[];
  /** Current map zoom; decides which levels are named (see `areaLabelZoomRange`). */
  zoom: number;
  /** Dark text on a white halo (light basemap) or light text on a dark halo. Default `light`. */
  theme?: 'light' | 'dark';
  /** Multiplies the text sizes (a 4K wall). Default 1. */
  sizeScale?: number;
}

/** [from, below] zoom: towns while the county is in view, communities and villages once zoomed in. */
export const areaLabelZoomRange: Record<AreaLevel, readonly [number, number]> = {
  county: [0, 0],
  town: [8, 14],
  community: [12, 17],
  village: [12, 17],
};

const sizeByLevel: Record<AreaLevel, number> = { county: 18, town: 16, community: 13, village: 13 };
const colorByLevel: Record<AreaLevel, Color> = {
  county: [90, 20, 20, 255],
  town: [110, 40, 30, 255],
  community: [70, 62, 55, 255],
  village: [62, 82, 48, 255],
};

const darkColorByLevel: Record<AreaLevel, Color> = {
  county: [255, 236, 210, 255],
  town: [236, 226, 214, 255],
  community: [170, 182, 204, 255],
  village: [160, 190, 160, 255],
};
const darkHalo: Color = [7, 11, 20, 235];

export function isAreaLabelVisible(level: AreaLevel, zoom: number): boolean {
  const [from, below] = areaLabelZoomRange[level];
  return zoom >= from && zoom < below;
}

/**
 * Names of towns, communities and villages at their label points; null when none is visible
 * (a TextLayer with no characters makes an empty font atlas, which WebGL warns about).
 */
export function createAreaLabelsLayer({ labels, zoom, theme = 'light', sizeScale = 1 }: AreaLabelsLayerProps): TextLayer<AreaLabel> | null {
  const visible = labels.filter((label) => isAreaLabelVisible(label.level, zoom));
  if (visible.length === 0) return null;
  return new TextLayer<AreaLabel>({
    id: 'area-labels',
    data: visible,
    getPosition: (label) => label.position,
    getText: (label) => label.name,
    getSize: (label) => sizeByLevel[label.level] * sizeScale,
    getColor: (label) => (theme === 'dark' ? darkColorByLevel : colorByLevel)[label.level],
    ...labelTextProps,
    ...(theme === 'dark' ? { outlineColor: darkHalo } : {}),
    updateTriggers: { getSize: sizeScale, getColor: theme },
  });
}
