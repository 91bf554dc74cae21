import { MVTLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { Rgba } from './rgba.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

/** Properties of a `new_orgs` tile point: no member and no instructor is named. */
export interface NewOrgTileProperties {
  id: number;
  name: string;
  kind: 'enterprise' | 'social_org';
  status: NewOrgPointStatus;
  area_code: string;
}

/** Each organization's status under the coverage rule (sql/000029 new_org_status). */
export const newOrgPointStatuses = ['as_rule', 'otherwise', 'members_no_org', 'no_members'] as const;
export type NewOrgPointStatus = (typeof newOrgPointStatuses)[number];

/** Covered as the rule wants green, covered otherwise blue, members without an organization red, no members grey. */
export const newOrgStatusColors: Record<NewOrgPointStatus, Rgba> = {
  as_rule: [46, 160, 67, 255],
  otherwise: [38, 110, 220, 255],
  members_no_org: [214, 40, 40, 255],
  no_members: [140, 140, 140, 255],
};

/** The legend: one swatch per status, its label in the `newOrgs` namespace. */
export const newOrgsLegend: ReadonlyArray<{ status: NewOrgPointStatus; color: Rgba; label: string }> = newOrgPointStatuses.map((status) => ({
  status,
  color: newOrgStatusColors[status],
  label: `newOrgs:status.${status}`,
}));

export interface NewOrgsLayerProps {
  version?: number;
  loadOptions: TileLoadOptions;
}

type NewOrgFeature = Feature<Geometry, NewOrgTileProperties>;

/**
 * 两新组织覆盖: enterprises (circles) and social organizations (smaller circles) from the
 * `new_orgs` tiles, from zoom 10, coloured by their status; pickable, each feature carries its `id`.
 */
export function createNewOrgsLayer({ version = 0, loadOptions }: NewOrgsLayerProps): MVTLayer<NewOrgTileProperties> {
  return new MVTLayer<NewOrgTileProperties>({
    id: 'one-map-new-orgs',
    data: tileUrl('new_orgs', version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    minZoom: 10,
    maxZoom: 15,
    pickable: true,
    renderSubLayers: (props) =>
      new GeoJsonLayer<NewOrgTileProperties>({
        ...props,
        data: Array.isArray(props.data) ? (props.data as unknown as NewOrgFeature[]) : [],
        pointType: 'circle',
        stroked: true,
        filled: true,
        pointRadiusUnits: 'pixels',
        getPointRadius: (f: NewOrgFeature) => (f.properties.kind === 'enterprise' ? 5.5 : 4.5),
        getFillColor: (f: NewOrgFeature) => newOrgStatusColors[f.properties.status] ?? newOrgStatusColors.no_members,
        getLineColor: [255, 255, 255, 230],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.2,
      }),
  });
}
