import type {
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
  VectorSourceSpecification,
} from 'maplibre-gl';
import type { TileLayer } from '../api/contract.ts';

/**
 * The offline basemap: drawn only from the project's own vector tiles (`/tiles/{layer}/{z}/{x}/{y}.mvt`).
 * No glyphs, no sprite, no text: names are drawn by deck.gl (see layers/area-labels.layer.ts).
 */

/** The grid boundary layer; the browser test waits until it has rendered features. */
export const gridLineLayerId = 'grids-line';

export const colors = {
  background: '#f3f0e8',
  town: '#ece7dc',
  community: '#f6f3ec',
  village: '#eef0e2',
  townLine: '#8a7560',
  communityLine: '#c2b5a2',
  grid: '#c8102e',
  roadCasing: '#d9cdb9',
  primary: '#eeb055',
  secondary: '#f3cd82',
  minor: '#ffffff',
  building: '#ddd5c9',
  buildingLine: '#c6bcad',
} as const;

function vectorSource(layer: TileLayer, origin: string, query: string, minzoom = 0): VectorSourceSpecification {
  return {
    type: 'vector',
    // MapLibre fetches tiles from its worker and needs absolute URLs.
    tiles: [`${origin}/tiles/${layer}/{z}/{x}/{y}.mvt${query}`],
    minzoom,
    maxzoom: 15,
  };
}

function roadWidth(primary: number, secondary: number, minor: number): ExpressionSpecification {
  const byClass = (scale: number): ExpressionSpecification => [
    'match',
    ['get', 'class'],
    'primary',
    primary * scale,
    'secondary',
    secondary * scale,
    minor * scale,
  ];
  return ['interpolate', ['exponential', 1.5], ['zoom'], 9, byClass(0.5), 16, byClass(4)];
}

const layers: LayerSpecification[] = [
  { id: 'background', type: 'background', paint: { 'background-color': colors.background } },
  {
    id: 'areas-fill',
    type: 'fill',
    source: 'areas',
    'source-layer': 'areas',
    filter: ['in', ['get', 'level'], ['literal', ['town', 'community', 'village']]],
    paint: {
      'fill-color': ['match', ['get', 'level'], 'town', colors.town, 'village', colors.village, colors.community],
      'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 13, 1],
    },
  },
  {
    id: 'areas-community-line',
    type: 'line',
    source: 'areas',
    'source-layer': 'areas',
    minzoom: 10,
    filter: ['in', ['get', 'level'], ['literal', ['community', 'village']]],
    paint: {
      'line-color': colors.communityLine,
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 15, 1.5],
    },
  },
  {
    id: 'buildings',
    type: 'fill',
    source: 'buildings',
    'source-layer': 'buildings',
    minzoom: 14,
    paint: {
      'fill-color': colors.building,
      'fill-outline-color': colors.buildingLine,
      'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0.5, 15, 1],
    },
  },
  {
    id: 'roads-casing',
    type: 'line',
    source: 'roads',
    'source-layer': 'roads',
    minzoom: 12,
    filter: ['in', ['get', 'class'], ['literal', ['primary', 'secondary', 'tertiary', 'residential']]],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': colors.roadCasing, 'line-width': roadWidth(2.6, 2.2, 1.6), 'line-gap-width': 0 },
  },
  {
    id: 'roads',
    type: 'line',
    source: 'roads',
    'source-layer': 'roads',
    filter: [
      'any',
      ['in', ['get', 'class'], ['literal', ['primary', 'secondary']]],
      ['all', ['==', ['get', 'class'], 'tertiary'], ['>=', ['zoom'], 11]],
      ['all', ['==', ['get', 'class'], 'residential'], ['>=', ['zoom'], 13]],
    ],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': [
        'match',
        ['get', 'class'],
        'primary',
        colors.primary,
        'secondary',
        colors.secondary,
        colors.minor,
      ],
      'line-width': roadWidth(2, 1.6, 1.1),
    },
  },
  {
    // Grids fade in from zoom 11 and are fully drawn from zoom 12.
    id: gridLineLayerId,
    type: 'line',
    source: 'grids',
    'source-layer': 'grids',
    minzoom: 11,
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': colors.grid,
      'line-opacity': ['interpolate', ['linear'], ['zoom'], 11, 0.25, 12, 0.7, 15, 0.85],
      'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.4, 13, 1, 16, 2],
      'line-dasharray': [3, 2],
    },
  },
  {
    id: 'areas-town-line',
    type: 'line',
    source: 'areas',
    'source-layer': 'areas',
    filter: ['in', ['get', 'level'], ['literal', ['county', 'town']]],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': colors.townLine,
      'line-width': [
        'interpolate',
        ['linear'],
        ['zoom'],
        8,
        ['match', ['get', 'level'], 'county', 1.6, 0.8],
        14,
        ['match', ['get', 'level'], 'county', 3.5, 2.2],
      ],
    },
  },
];

type BasemapLayer = Extract<TileLayer, 'areas' | 'grids' | 'roads' | 'buildings'>;

function tileSources(origin: string, query: string): Record<BasemapLayer, VectorSourceSpecification> {
  return {
    areas: vectorSource('areas', origin, query),
    grids: vectorSource('grids', origin, query),
    roads: vectorSource('roads', origin, query),
    // the server sends buildings from zoom 14 on; below it there is nothing to ask for
    buildings: vectorSource('buildings', origin, query, 14),
  };
}

/** The basemap style; `origin` is the page's origin, e.g. `window.location.origin`. */
export function basemapStyle(origin: string, tileQuery = ''): StyleSpecification {
  return {
    version: 8,
    name: 'redgrid-basemap',
    sources: tileSources(origin, tileQuery),
    layers,
  };
}
