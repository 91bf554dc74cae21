import { TextLayer } from '@deck.gl/layers';
import type { PlanView } from '../api/plans.api.ts';
import { labelTextProps } from '../map/layers/label-style.ts';
import { labelPoint } from '../map/label-point.ts';

interface PlanLabel {
  position: [number, number];
  text: string;
}

/** Each grid's name and households at its pole of inaccessibility (deck.gl text: no glyph server). */
export function createPlanLabelsLayer(view: PlanView | null): TextLayer<PlanLabel> | null {
  if (!view) return null;
  const labels: PlanLabel[] = [];
  for (const f of view.grids.features) {
    const position = labelPoint(f.geometry.coordinates);
    if (position) labels.push({ position, text: `${f.properties.name}\n${f.properties.households}户` });
  }
  return new TextLayer<PlanLabel>({
    id: `plan-labels-${view.id}-${view.revision}`,
    data: labels,
    getPosition: (label) => label.position,
    getText: (label) => label.text,
    getSize: 13,
    getColor: [38, 33, 28, 255],
    lineHeight: 1.2,
    ...labelTextProps,
  });
}
