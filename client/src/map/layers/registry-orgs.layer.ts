import { ScatterplotLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';
import type { Rgba } from './rgba.ts';

export interface RegistryOrgPoint {
  id: number;
  kind: string;
  position: LngLatTuple;
}

export interface RegistryOrgsLayerProps {
  orgs: readonly RegistryOrgPoint[];
  /** the organization whose record is open: drawn larger, ringed */
  selectedId: number | null;
}

/** Party red, darker for committees; a branch's dot is smaller than its committee's. */
const kindColors: Record<string, Rgba> = {
  committee: [158, 12, 36, 255],
  general_branch: [200, 16, 46, 255],
  branch: [224, 64, 80, 255],
  group: [236, 120, 130, 255],
};
const kindRadius: Record<string, number> = { committee: 9, general_branch: 7.5, branch: 6.5, group: 5 };

/** The open organizations of the registry map, one red dot each (the organization tree's points). */
export function createRegistryOrgsLayer({ orgs, selectedId }: RegistryOrgsLayerProps): ScatterplotLayer<RegistryOrgPoint> {
  return new ScatterplotLayer<RegistryOrgPoint>({
    id: 'registry-orgs',
    data: orgs,
    getPosition: (o) => [o.position[0], o.position[1]],
    getRadius: (o) => (kindRadius[o.kind] ?? 6) + (o.id === selectedId ? 4 : 0),
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: (o) => kindColors[o.kind] ?? kindColors['branch']!,
    getLineColor: (o) => (o.id === selectedId ? [255, 214, 102, 255] : [255, 255, 255, 255]),
    getLineWidth: (o) => (o.id === selectedId ? 3.5 : 1.5),
    lineWidthUnits: 'pixels',
    pickable: false,
    updateTriggers: { getRadius: selectedId, getLineColor: selectedId, getLineWidth: selectedId },
  });
}
