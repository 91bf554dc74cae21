import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import { TextLayer } from '@deck.gl/layers';
import type { RoadLabel } from '../data/road-labels.ts';
import { labelTextProps } from './label-style.ts';

export interface RoadLabelsLayerProps {
  labels: readonly RoadLabel[];
}

const collisionFilter = new CollisionFilterExtension();

/**
 * Street names along their roads, small and grey, in a collision group of their own (area and grid
 * names are not hidden by them); of two that would overlap, the first by name is drawn. Null when
 * there are none.
 */
export function createRoadLabelsLayer({ labels }: RoadLabelsLayerProps): TextLayer<RoadLabel> | null {
  if (labels.length === 0) return null;
  return new TextLayer<RoadLabel, CollisionFilterExtensionProps<RoadLabel>>({
    id: 'road-labels',
    data: labels,
    getPosition: (label) => label.position,
    getText: (label) => label.name,
    getAngle: (label) => label.angle,
    getSize: 12,
    getColor: [90, 80, 70, 255],
    ...labelTextProps,
    fontWeight: 500,
    background: true,
    getBackgroundColor: [255, 255, 255, 0],
    extensions: [collisionFilter],
    collisionGroup: 'roads',
    getCollisionPriority: (_label, { index }) => Math.max(-1000, 1000 - index),
    collisionTestProps: { sizeScale: 2 },
  });
}
