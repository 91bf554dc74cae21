import { GeoJsonLayer } from '@deck.gl/layers';
import type { GroupOutlines } from '../../api/contract.ts';
import { fetchGroupOutlines, type GroupFilter } from '../../api/regional.api.ts';
import { fetchedOnce } from './regional-data.ts';
import type { Rgba } from './rgba.ts';
import type { TileLoadOptions } from './tile-options.ts';

/** One regional group (党建组团): the outline of its members; `properties` carry `id` and `kind: 'regional_group'`. */
export type GroupOutline = GroupOutlines['features'][number];

export const regionalGroupColors: Record<'line' | 'fill' | 'selected', Rgba> = {
  line: [214, 120, 0, 230],
  fill: [245, 166, 35, 40],
  selected: [245, 166, 35, 90],
};

/** The legend of the outlines: colours and the i18n keys (with namespace) of their labels. */
export const regionalGroupsLegend: ReadonlyArray<{ color: Rgba; label: string; shape: 'area' }> = [
  { color: regionalGroupColors.line, label: 'regional:legend.groupOutline', shape: 'area' },
];

export interface RegionalGroupsLayerProps {
  /** default `regional-group-outlines` (what a click picks from) */
  id?: string;
  /** the sum of the party_building, org and territory data versions: a new one fetches the outlines again */
  version?: number;
  /** the caller's headers (a wall's `Authorization`), as the tile layers take them */
  loadOptions?: TileLoadOptions;
  filter?: GroupFilter;
  /** the group shown in a panel: filled stronger, outlined wider */
  selectedId?: number | null;
}

/** The outlines' GeoJSON features for a version, caller and filter (see fetchedOnce). */
export function regionalGroupsData({
  version = 0,
  loadOptions,
  filter = {},
}: Pick<RegionalGroupsLayerProps, 'version' | 'loadOptions' | 'filter'>): Promise<GroupOutline[]> {
  const headers = loadOptions?.fetch.headers ?? {};
  return fetchedOnce(
    `outlines|${version}|${JSON.stringify(headers)}|${JSON.stringify(filter)}`,
    async () => (await fetchGroupOutlines(filter, { headers })).features,
  );
}

/**
 * 区域化党建 as outlines (deck.gl GeoJsonLayer) from `GET /api/v1/regional-groups/outlines`: the
 * convex hull of each group's member organizations, 300 m wider, in amber. Pickable: a picked
 * object is the feature, with `properties.id` and `properties.kind`.
 */
export function createRegionalGroupsLayer({
  id = 'regional-group-outlines',
  version,
  loadOptions,
  filter,
  selectedId = null,
}: RegionalGroupsLayerProps): GeoJsonLayer {
  const selected = (f: GroupOutline) => f.id === selectedId;
  return new GeoJsonLayer({
    id,
    data: regionalGroupsData({ version, loadOptions, filter }),
    filled: true,
    stroked: true,
    getFillColor: (f) => (selected(f as GroupOutline) ? regionalGroupColors.selected : regionalGroupColors.fill),
    getLineColor: regionalGroupColors.line,
    getLineWidth: (f) => (selected(f as GroupOutline) ? 3.5 : 1.5),
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [245, 166, 35, 70],
    updateTriggers: { getFillColor: selectedId, getLineWidth: selectedId },
  });
}
