import { LineLayer } from '@deck.gl/layers';
import type { LngLatTuple } from '../../api/locate.api.ts';

export interface HouseholdLinksLayerProps {
  /** the center household (党员中心户); nothing is drawn when null */
  center: LngLatTuple | null;
  households: readonly LngLatTuple[];
}

interface Link {
  from: LngLatTuple;
  to: LngLatTuple;
}

/** A center household's links: one green line to each household it looks after. */
export function createHouseholdLinksLayer({ center, households }: HouseholdLinksLayerProps): LineLayer<Link> {
  const from = center;
  return new LineLayer<Link>({
    id: 'household-links',
    data: from ? households.map((to) => ({ from, to })) : [],
    getSourcePosition: (l) => [l.from[0], l.from[1]],
    getTargetPosition: (l) => [l.to[0], l.to[1]],
    getColor: [46, 139, 87, 220],
    getWidth: 2,
    widthUnits: 'pixels',
    pickable: false,
  });
}
