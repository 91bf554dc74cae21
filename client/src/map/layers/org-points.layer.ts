import type { MVTLayer } from '@deck.gl/geo-layers';
import type { Rgba } from './rgba.ts';
import type { TileLoadOptions } from './tile-options.ts';
import { createTilePointsLayer } from './tile-points.layer.ts';

/** Properties of an `orgs` tile point. */
export interface OrgTileProperties {
  id: number;
  name: string;
  kind: string;
  sector: string;
  area_code: string;
}

export const orgPointKinds = ['committee', 'general_branch', 'branch', 'group'] as const;
export type OrgPointKind = (typeof orgPointKinds)[number];

/** Party red, darker for the higher kinds. */
export const orgKindColors: Record<OrgPointKind, Rgba> = {
  committee: [158, 12, 36, 255],
  general_branch: [200, 16, 46, 255],
  branch: [224, 64, 80, 255],
  group: [236, 120, 130, 255],
};
const kindRadius: Record<OrgPointKind, number> = { committee: 8, general_branch: 6.5, branch: 5.5, group: 4.5 };

export interface OrgPointsLayerProps {
  version?: number;
  loadOptions: TileLoadOptions;
  /** the kinds shown */
  kinds: readonly string[];
  /** one sector only, or every sector (null) */
  sector: string | null;
}

/** Party organizations from the `orgs` tiles (committees from zoom 0, the rest from zoom 12), by kind and sector. */
export function createOrgPointsLayer({ version = 0, loadOptions, kinds, sector }: OrgPointsLayerProps): MVTLayer<OrgTileProperties> {
  return createTilePointsLayer<OrgTileProperties>({
    id: 'one-map-orgs',
    layer: 'orgs',
    version,
    loadOptions,
    keep: (p) => kinds.includes(p.kind) && (sector === null || p.sector === sector),
    filterKey: `${kinds.join(',')}|${sector ?? ''}`,
    radius: (p) => kindRadius[p.kind as OrgPointKind] ?? 5,
    fill: (p) => orgKindColors[p.kind as OrgPointKind] ?? orgKindColors.branch,
    line: [255, 255, 255, 255],
  });
}
