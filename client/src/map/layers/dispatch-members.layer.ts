import { ScatterplotLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';
import { memberStateColors, type MemberMapState } from '../../dispatch/member-state-colors.ts';

export interface DispatchMemberPoint {
  id: number;
  position: LngLatTuple;
  state: MemberMapState;
}

export interface DispatchMembersLayerProps {
  members: readonly DispatchMemberPoint[];
}

/** States drawn larger: the members who are coming or already there. */
const emphasized: ReadonlySet<MemberMapState> = new Set(['accepted', 'arrived']);

/** Members around an incident, one dot each, coloured by their state in the dispatch. */
export function createDispatchMembersLayer({ members }: DispatchMembersLayerProps): ScatterplotLayer<DispatchMemberPoint> {
  return new ScatterplotLayer<DispatchMemberPoint>({
    id: 'dispatch-members',
    data: members,
    getPosition: (m) => [m.position[0], m.position[1]],
    getRadius: (m) => (emphasized.has(m.state) ? 8 : m.state === 'candidate' ? 5 : 6.5),
    radiusUnits: 'pixels',
    stroked: true,
    getFillColor: (m) => [...memberStateColors[m.state], 235],
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
