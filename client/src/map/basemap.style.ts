import type { ExpressionSpecification, LayerSpecification, StyleSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { TileLayer } from '../api/contract.ts';

/**
 * The offline basemap: drawn only from the project's own vector tiles (`/tiles/{layer}/{z}/{x}/{y}.mvt`).
 * No glyphs, no sprite, no text: names are drawn by deck.gl (see layers/area-labels.layer.ts).
 */

/** The grid boundary layer; the browser test waits until it has rendered features. */
export const gridLineLayerId = 'grids-line';
/** The road lines; their names are drawn by deck.gl (see layers/road-labels.layer.ts). */
export const roadLayerId = 'roads';
/** County and town boundaries: drawn at every zoom, so the first sign that the basemap is on screen. */
export const townLineLayerId = 'areas-town-line';

export interface BasemapPalette {
  background: string;
  town: string;
  community: string;
  village: string;
  townLine: string;
  communityLine: string;
  grid: string;
  roadCasing: string;
  primary: string;
  secondary: string;
  minor: string;
  building: string;
  buildingLine: string;
}

/** The light basemap of the working pages. */
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
} as const satisfies BasemapPalette;

/** The dark basemap of the command-center wall: quiet ground, so the data layers carry the colour. */
export const darkColors = {
  background: '#070b14',
  town: '#0d1422',
  community: '#0e1626',
  village: '#0c1420',
  townLine: '#5b7196',
  communityLine: '#1f2c44',
  grid: '#d23c4f',
  roadCasing: '#0a0f1a',
  primary: '#3b4a66',
  secondary: '#2c3a54',
  minor: '#1d283c',
  building: '#162033',
  buildingLine: '#223049',
} as const satisfies BasemapPalette;

export type BasemapTheme = 'light' | 'dark';
const palettes: Record<BasemapTheme, BasemapPalette> = { light: colors, dark: darkColors };

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

function basemapLayers(palette: BasemapPalette): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': palette.background } },
    {
      id: 'areas-fill',
      type: 'fill',
      source: 'areas',
      'source-layer': 'areas',
      filter: ['in', ['get', 'level'], ['literal', ['town', 'community', 'village']]],
      paint: {
        'fill-color': ['match', ['get', 'level'], 'town', palette.town, 'village', palette.village, palette.community],
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
        'line-color': palette.communityLine,
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
        'fill-color': palette.building,
        'fill-outline-color': palette.buildingLine,
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
      paint: { 'line-color': palette.roadCasing, 'line-width': roadWidth(2.6, 2.2, 1.6), 'line-gap-width': 0 },
    },
    {
      id: roadLayerId,
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
        'line-color': ['match', ['get', 'class'], 'primary', palette.primary, 'secondary', palette.secondary, palette.minor],
        'line-width': roadWidth(2, 1.6, 1.1),
      },
    },
    {
      // Grids fade in from zoom 10 (the server sends none below) and are fully drawn from zoom 12.
      id: gridLineLayerId,
      type: 'line',
      source: 'grids',
      'source-layer': 'grids',
      minzoom: 10,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': palette.grid,
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.2, 12, 0.7, 15, 0.85],
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.3, 13, 1, 16, 2],
        'line-dasharray': [3, 2],
      },
    },
    {
      id: townLineLayerId,
      type: 'line',
      source: 'areas',
      'source-layer': 'areas',
      filter: ['in', ['get', 'level'], ['literal', ['county', 'town']]],
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': palette.townLine,
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
}

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

/** The basemap style; `origin` is the page's origin, e.g. `window.location.origin`. Default theme: light. */
export function basemapStyle(origin: string, tileQuery = '', theme: BasemapTheme = 'light'): StyleSpecification {
  return {
    version: 8,
    name: theme === 'light' ? 'redgrid-basemap' : `redgrid-basemap-${theme}`,
    sources: tileSources(origin, tileQuery),
    layers: basemapLayers(palettes[theme]),
  };
}
