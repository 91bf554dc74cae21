import { ArcLayer } from '@deck.gl/layers';
import type { PairingArcs, PartnerKind } from '../../api/contract.ts';
import { fetchPairingArcs, type PairingFilter } from '../../api/regional.api.ts';
import { fetchedOnce } from './regional-data.ts';
import type { Rgba } from './rgba.ts';
import type { TileLoadOptions } from './tile-options.ts';

/** One pairing (结对共建): a line from its organization to its partner; `properties` carry `id` and `kind: 'pairing'`. */
export type PairingArc = PairingArcs['features'][number];

/** The organization's end in Party red; the partner's by its kind; an ended pairing grey at both ends. */
export const pairingArcColors: Record<'org' | 'ended', Rgba> & Record<`partner_${PartnerKind}`, Rgba> = {
  org: [200, 16, 46, 255],
  partner_area: [245, 130, 32, 255],
  partner_new_org: [30, 120, 200, 255],
  partner_org: [120, 30, 140, 255],
  ended: [150, 150, 150, 150],
};

/** The legend of the arcs: colours and the i18n keys (with namespace) of their labels. */
export const pairingArcsLegend: ReadonlyArray<{ color: Rgba; label: string; shape: 'line' }> = [
  { color: pairingArcColors.org, label: 'regional:legend.pairingOrg', shape: 'line' },
  { color: pairingArcColors.partner_area, label: 'regional:legend.partnerArea', shape: 'line' },
  { color: pairingArcColors.partner_new_org, label: 'regional:legend.partnerNewOrg', shape: 'line' },
  { color: pairingArcColors.partner_org, label: 'regional:legend.partnerOrg', shape: 'line' },
  { color: pairingArcColors.ended, label: 'regional:legend.pairingEnded', shape: 'line' },
];

export interface PairingArcsLayerProps {
  /** default `pairing-arcs` (what a click picks from) */
  id?: string;
  /** the sum of the party_building, org and territory data versions: a new one fetches the arcs again */
  version?: number;
  /** the caller's headers (a wall's `Authorization`), as the tile layers take them */
  loadOptions?: TileLoadOptions;
  /** the list's filters (org, partner kind, area, status, active on a day); default every pairing in scope */
  filter?: Omit<PairingFilter, 'limit' | 'after'>;
  /** the pairing shown in a panel: drawn wider */
  selectedId?: number | null;
}

/** The arcs' GeoJSON features for a version, caller and filter (see fetchedOnce). */
export function pairingArcsData({
  version = 0,
  loadOptions,
  filter = {},
}: Pick<PairingArcsLayerProps, 'version' | 'loadOptions' | 'filter'>): Promise<PairingArc[]> {
  const headers = loadOptions?.fetch.headers ?? {};
  return fetchedOnce(
    `arcs|${version}|${JSON.stringify(headers)}|${JSON.stringify(filter)}`,
    async () => (await fetchPairingArcs(filter, { headers })).features,
  );
}

/**
 * 结对共建 as arcs (deck.gl ArcLayer) from `GET /api/v1/pairings/arcs`: each from the
 * organization's point (red) to the partner's, coloured by what the partner is; ended pairings
 * grey. Pickable: a picked object is the feature, with `properties.id` and `properties.kind`.
 */
export function createPairingArcsLayer({ id = 'pairing-arcs', version, loadOptions, filter, selectedId = null }: PairingArcsLayerProps): ArcLayer<PairingArc> {
  const ended = (a: PairingArc) => !a.properties.active;
  return new ArcLayer<PairingArc>({
    id,
    data: pairingArcsData({ version, loadOptions, filter }),
    getSourcePosition: (a) => a.geometry.coordinates[0],
    getTargetPosition: (a) => a.geometry.coordinates[1],
    getSourceColor: (a) => (ended(a) ? pairingArcColors.ended : pairingArcColors.org),
    getTargetColor: (a) => (ended(a) ? pairingArcColors.ended : pairingArcColors[`partner_${a.properties.partner_kind}`]),
    getWidth: (a) => (a.id === selectedId ? 5 : 2),
    widthUnits: 'pixels',
    // tilted, so that an arc seen from straight above still curves away from the straight line
    getHeight: 0.3,
    getTilt: 45,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 214, 102, 220],
    updateTriggers: { getWidth: selectedId },
  });
}
