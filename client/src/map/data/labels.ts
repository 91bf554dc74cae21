import type { AreaFeature, AreaLevel, GridFeature } from '../../api/contract.ts';
import { labelPoint, planarArea } from '../label-point.ts';

export interface AreaLabel {
  code: string;
  name: string;
  level: AreaLevel;
  position: [number, number];
  /** Planar size (square degrees): where labels collide, the larger area's name wins. */
  size: number;
}

export interface GridLabel {
  code: string;
  name: string;
  position: [number, number];
}

export function areaLabels(features: readonly AreaFeature[]): AreaLabel[] {
  return features.flatMap((feature) => {
    const position = labelPoint(feature.geometry.coordinates);
    if (!position) return [];
    const { code, name, level } = feature.properties;
    return [{ code, name, level, position, size: planarArea(feature.geometry.coordinates) }];
  });
}

export function gridLabels(features: readonly GridFeature[]): GridLabel[] {
  return features.flatMap((feature) => {
    const position = labelPoint(feature.geometry.coordinates);
    if (!position) return [];
    const { code, name } = feature.properties;
    return [{ code, name, position }];
  });
}
