import type { Layer } from '@deck.gl/core';
import { coverageColors, createCoverageLayer } from '../map/layers/coverage.layer.ts';
import { createDensityCellsLayer, densityStops } from '../map/layers/density-cells.layer.ts';
import { createNewOrgsLayer, newOrgsLegend } from '../map/layers/new-orgs.layer.ts';
import { createOrgPointsLayer, orgKindColors, orgPointKinds } from '../map/layers/org-points.layer.ts';
import { createPlacePointsLayer, placeKindColors, placePointKinds } from '../map/layers/place-points.layer.ts';
import { createPairingArcsLayer, pairingArcsLegend } from '../map/layers/pairing-arcs.layer.ts';
import { createRegionalGroupsLayer, regionalGroupsLegend } from '../map/layers/regional-groups.layer.ts';
import type { Rgba } from '../map/layers/rgba.ts';
import { createWishesLayer, wishLegend } from '../map/layers/wishes.layer.ts';
import type { TileLoadOptions } from '../map/layers/tile-options.ts';
import type { DataTopic } from '../api/contract.ts';
import type { Selection } from './selection.ts';
import { gridLineLayerId } from '../map/basemap.style.ts';
import { beltsLegend, createBeltsLayer } from '../map/layers/belts.layer.ts';

/** What a layer of the 一张图 is drawn with: data versions (a bump refetches), tile load options, the panel's filters. */
export interface LayerContext {
  versions: Readonly<Partial<Record<DataTopic, number>>>;
  loadOptions: TileLoadOptions;
  orgKinds: readonly string[];
  orgSector: string | null;
  placeKinds: readonly string[];
}

/** One row of the legend: a colour swatch and the i18n key (with its namespace) of its label. */
export interface LegendItem {
  color: Rgba;
  label: string;
  shape: 'dot' | 'line' | 'area';
}

export type LayerGroup = 'party' | 'work' | 'analysis' | 'base';

export interface OneMapLayer {
  /** In the URL's `layers=` and in test ids: `layer-toggle-<id>`. */
  id: string;
  group: LayerGroup;
  /** i18n key (with namespace) of the toggle's label */
  label: string;
  legend: (ctx: LayerContext) => LegendItem[];
  /** The deck.gl layers; `grids` draws nothing here (it shows the basemap's grid lines). */
  create: (ctx: LayerContext) => Layer[];
  /** a basemap layer shown only while this layer is on */
  basemapLayer?: string;
  /**
   * What a click on one of this layer's features opens: the deck.gl layer ids it picks from, and
   * the record kind with the feature's id (tile features carry it in `properties.id`).
   */
  picks?: { layerIds: readonly string[]; open: (object: unknown) => Selection | null };
}

/** A tile feature's `properties.id`, as the ref of a record. */
export const featureId =
  (kind: Selection['kind']) =>
  (object: unknown): Selection | null => {
    const id = (object as { properties?: { id?: unknown } } | null)?.properties?.id;
    return typeof id === 'number' || typeof id === 'string' ? { kind, ref: String(id) } : null;
  };

const versionOf = (ctx: LayerContext, ...topics: DataTopic[]) => topics.reduce((sum, t) => sum + (ctx.versions[t] ?? 0), 0);

/** Every layer of the 一张图, in panel order. Capabilities add theirs here. */
export const oneMapLayers: readonly OneMapLayer[] = [
  {
    id: 'orgs',
    group: 'party',
    label: 'oneMap:layers.orgs',
    legend: (ctx) =>
      orgPointKinds.filter((k) => ctx.orgKinds.includes(k)).map((k) => ({ color: orgKindColors[k], label: `registry:orgKind.${k}`, shape: 'dot' })),
    create: (ctx) => [createOrgPointsLayer({ version: versionOf(ctx, 'org'), loadOptions: ctx.loadOptions, kinds: ctx.orgKinds, sector: ctx.orgSector })],
    picks: { layerIds: ['one-map-orgs'], open: featureId('org') },
  },
  {
    id: 'places',
    group: 'party',
    label: 'oneMap:layers.places',
    legend: (ctx) =>
      placePointKinds.filter((k) => ctx.placeKinds.includes(k)).map((k) => ({ color: placeKindColors[k], label: `registry:placeKind.${k}`, shape: 'dot' })),
    create: (ctx) => [createPlacePointsLayer({ version: versionOf(ctx, 'place'), loadOptions: ctx.loadOptions, kinds: ctx.placeKinds })],
    picks: { layerIds: ['one-map-places'], open: featureId('place') },
  },
  {
    id: 'density',
    group: 'analysis',
    label: 'oneMap:layers.density',
    legend: () => [
      { color: densityStops[0]![1], label: 'oneMap:legend.densityLow', shape: 'area' },
      { color: densityStops[densityStops.length - 1]![1], label: 'oneMap:legend.densityHigh', shape: 'area' },
    ],
    create: (ctx) => [createDensityCellsLayer({ version: versionOf(ctx, 'member', 'org'), loadOptions: ctx.loadOptions, opacity: 0.6 })],
  },
  {
    id: 'blind_spots',
    group: 'analysis',
    label: 'oneMap:layers.blind_spots',
    legend: () => [{ color: coverageColors.blind_spots, label: 'oneMap:legend.blindSpot', shape: 'area' }],
    create: (ctx) => [createCoverageLayer({ layer: 'blind_spots', version: versionOf(ctx, 'coverage'), loadOptions: ctx.loadOptions })],
  },
  {
    id: 'reach',
    group: 'analysis',
    label: 'oneMap:layers.reach',
    legend: () => [{ color: coverageColors.reach, label: 'oneMap:legend.reach', shape: 'area' }],
    create: (ctx) => [createCoverageLayer({ layer: 'reach', version: versionOf(ctx, 'coverage'), loadOptions: ctx.loadOptions })],
  },
  {
    id: 'grids',
    group: 'base',
    label: 'oneMap:layers.grids',
    legend: () => [{ color: [200, 16, 46, 255], label: 'oneMap:legend.gridLine', shape: 'line' }],
    create: () => [],
    basemapLayer: gridLineLayerId,
  },
  {
    id: 'belts',
    group: 'party',
    label: 'oneMap:layers.belts',
    legend: () => beltsLegend.map((item) => ({ ...item })),
    create: (ctx) => [createBeltsLayer({ version: versionOf(ctx, 'party_building'), loadOptions: ctx.loadOptions })],
    picks: { layerIds: ['one-map-belts'], open: featureId('belt') },
  },
  {
    id: 'new_orgs',
    group: 'party',
    label: 'oneMap:layers.new_orgs',
    legend: () => newOrgsLegend.map((item) => ({ color: item.color, label: item.label, shape: 'dot' })),
    create: (ctx) => [createNewOrgsLayer({ version: versionOf(ctx, 'org'), loadOptions: ctx.loadOptions })],
    picks: { layerIds: ['one-map-new-orgs'], open: featureId('new_org') },
  },
  {
    id: 'pairings',
    group: 'work',
    label: 'oneMap:layers.pairings',
    legend: () => [...pairingArcsLegend],
    create: (ctx) => [createPairingArcsLayer({ version: versionOf(ctx, 'party_building', 'org', 'territory'), loadOptions: ctx.loadOptions })],
    picks: { layerIds: ['pairing-arcs'], open: featureId('pairing') },
  },
  {
    id: 'regional_groups',
    group: 'work',
    label: 'oneMap:layers.regional_groups',
    legend: () => [...regionalGroupsLegend],
    create: (ctx) => [createRegionalGroupsLayer({ version: versionOf(ctx, 'party_building', 'org', 'territory'), loadOptions: ctx.loadOptions })],
    picks: { layerIds: ['regional-group-outlines'], open: featureId('regional_group') },
  },
  {
    id: 'wishes',
    group: 'work',
    label: 'oneMap:layers.wishes',
    legend: () => wishLegend,
    create: (ctx) => [createWishesLayer({ version: versionOf(ctx, 'wish'), loadOptions: ctx.loadOptions })],
    picks: { layerIds: ['one-map-wishes'], open: featureId('wish') },
  },
];

/** Layers on when the URL names none. */
export const defaultLayerIds: readonly string[] = ['orgs', 'places', 'grids'];
