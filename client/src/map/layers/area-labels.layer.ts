import type { Color } from '@deck.gl/core';
import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import { TextLayer } from '@deck.gl/layers';
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

// communities and villages stand out from the grid names (12 px, lighter) drawn beside them from zoom 13
const sizeByLevel: Record<AreaLevel, number> = { county: 18, town: 16, community: 15, village: 15 };
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
/** The wall's labels sit on a dark pill, legible over density cells and station dots (which show through). */
const darkPill: Color = [7, 11, 20, 200];
/** On the light map the halo is enough; the pill is drawn clear, only to give each label its box for collisions. */
const clearPill: Color = [255, 255, 255, 0];

/** Collision ranks: the county first, then towns, then communities and villages. */
const levelRank: Record<AreaLevel, number> = { county: 0, town: 1, community: 2, village: 2 };
const collisionFilter = new CollisionFilterExtension();

export function isAreaLabelVisible(level: AreaLevel, zoom: number): boolean {
  const [from, below] = areaLabelZoomRange[level];
  return zoom >= from && zoom < below;
}

/**
 * Orders labels for collisions, first wins: higher levels first, then larger areas. Priorities run
 * from 1000 down, the range the collision filter accepts.
 */
export function labelsByPriority(labels: readonly AreaLabel[]): AreaLabel[] {
  return [...labels].sort((a, b) => levelRank[a.level] - levelRank[b.level] || b.size - a.size || a.code.localeCompare(b.code));
}

/**
 * Names of towns, communities and villages at their label points, each on a pill; where two would
 * overlap only the higher-ranked one is drawn (see `labelsByPriority`). Null when none is visible
 * (a TextLayer with no characters makes an empty font atlas, which WebGL warns about).
 */
export function createAreaLabelsLayer({ labels, zoom, theme = 'light', sizeScale = 1 }: AreaLabelsLayerProps): TextLayer<AreaLabel> | null {
  const visible = labelsByPriority(labels.filter((label) => isAreaLabelVisible(label.level, zoom)));
  if (visible.length === 0) return null;
  const priority = new Map(visible.map((label, rank) => [label, Math.max(-1000, 1000 - rank)]));
  return new TextLayer<AreaLabel, CollisionFilterExtensionProps<AreaLabel>>({
    id: 'area-labels',
    data: visible,
    getPosition: (label) => label.position,
    getText: (label) => label.name,
    getSize: (label) => sizeByLevel[label.level] * sizeScale,
    getColor: (label) => (theme === 'dark' ? darkColorByLevel : colorByLevel)[label.level],
    ...labelTextProps,
    ...(theme === 'dark' ? { outlineColor: darkHalo } : {}),
    background: true,
    getBackgroundColor: theme === 'dark' ? darkPill : clearPill,
    backgroundPadding: [6 * sizeScale, 2 * sizeScale],
    backgroundBorderRadius: 4 * sizeScale,
    extensions: [collisionFilter],
    getCollisionPriority: (label) => priority.get(label) ?? -1000,
    // A label is hidden when a higher-ranked one covers its anchor; drawn twice as large in the
    // collision map, a pill covers every anchor of a label it would overlap.
    collisionTestProps: { sizeScale: 2 },
    updateTriggers: { getSize: sizeScale, getColor: theme },
  });
}
