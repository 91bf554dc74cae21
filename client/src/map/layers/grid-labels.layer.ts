import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import { TextLayer } from '@deck.gl/layers';
import type { GridLabel } from '../data/labels.ts';
import { labelTextProps } from './label-style.ts';

export interface GridLabelsLayerProps {
  labels: readonly GridLabel[];
  /** Current map zoom; grid names show from `gridLabelMinZoom`. */
  zoom: number;
}

export const gridLabelMinZoom = 13;

const collisionFilter = new CollisionFilterExtension();

/**
 * The name without its note in brackets (第16网格(区人民医院专属网格) → 第16网格) below zoom 15: a
 * label is hidden only when a higher-ranked one covers its anchor, so a long one would run over
 * community names.
 */
export function gridLabelText(name: string, zoom: number): string {
  return zoom >= 15 ? name : name.replace(/\s*[（(].*$/, '') || name;
}
/** The clear pill gives each name its box for collisions; nothing is drawn of it. */
const clearPill = [255, 255, 255, 0] as const;

/**
 * Grid names (e.g. 东街社区第一网格) at their label points, smaller and lighter than community
 * names. They share the area labels' collision group with priorities at or below 0, so a community
 * or village name (priorities from 1000 down) always wins, and of two grid names that would overlap
 * only the one first by code is drawn. Null when there are none (see area labels).
 */
export function createGridLabelsLayer({ labels, zoom }: GridLabelsLayerProps): TextLayer<GridLabel> | null {
  if (labels.length === 0) return null;
  const ordered = [...labels].sort((a, b) => a.code.localeCompare(b.code));
  const priority = new Map(ordered.map((label, rank) => [label.code, Math.max(-1000, -rank)]));
  return new TextLayer<GridLabel, CollisionFilterExtensionProps<GridLabel>>({
    id: 'grid-labels',
    data: ordered,
    visible: zoom >= gridLabelMinZoom,
    getPosition: (label) => label.position,
    getText: (label) => gridLabelText(label.name, zoom),
    getSize: 12,
    getColor: [168, 16, 40, 220],
    ...labelTextProps,
    fontWeight: 500,
    background: true,
    getBackgroundColor: [...clearPill],
    backgroundPadding: [4, 1],
    extensions: [collisionFilter],
    getCollisionPriority: (label) => priority.get(label.code) ?? -1000,
    collisionTestProps: { sizeScale: 2 },
    updateTriggers: { getText: zoom >= 15 },
  });
}
