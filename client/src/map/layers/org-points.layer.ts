import { MVTLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { Rgba } from './rgba.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

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

type OrgFeature = Feature<Geometry, OrgTileProperties>;

/** Party organizations from the `orgs` tiles (committees from zoom 0, the rest from zoom 12), by kind and sector. */
export function createOrgPointsLayer({ version = 0, loadOptions, kinds, sector }: OrgPointsLayerProps): MVTLayer<OrgTileProperties> {
  const shown = (f: OrgFeature) => kinds.includes(f.properties.kind) && (sector === null || f.properties.sector === sector);
  const filterKey = `${kinds.join(',')}|${sector ?? ''}`;
  return new MVTLayer<OrgTileProperties>({
    id: 'one-map-orgs',
    data: tileUrl('orgs', version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    maxZoom: 15,
    pickable: true,
    updateTriggers: { renderSubLayers: filterKey },
    renderSubLayers: (props) => {
      const features = Array.isArray(props.data) ? (props.data as unknown as OrgFeature[]).filter(shown) : [];
      return new GeoJsonLayer<OrgTileProperties>({
        ...props,
        id: `${props.id}-${filterKey}`,
        data: features,
        pointType: 'circle',
        stroked: true,
        filled: true,
        pointRadiusUnits: 'pixels',
        getPointRadius: (f: OrgFeature) => kindRadius[f.properties.kind as OrgPointKind] ?? 5,
        getFillColor: (f: OrgFeature) => orgKindColors[f.properties.kind as OrgPointKind] ?? orgKindColors.branch,
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      });
    },
  });
}
