import type { Layer } from '@deck.gl/core';
import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import { MVTLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { BeltLeg, BeltSite } from '../../api/contract.ts';
import { labelTextProps } from './label-style.ts';
import type { Rgba } from './rgba.ts';
import { tileLoaders, tileUrl, type TileLoadOptions } from './tile-options.ts';

/** Properties of a `belts` tile feature: each belt comes twice, as its corridor and as its line. */
export interface BeltTileProperties {
  id: number;
  name: string;
  part: 'corridor' | 'line';
}

/** Model belts (示范带): a deep orange line, the corridor a translucent wash of it. */
export const beltColors = {
  line: [214, 84, 20, 255] as Rgba,
  corridor: [240, 120, 40, 60] as Rgba,
  corridorEdge: [214, 84, 20, 140] as Rgba,
  /** a leg drawn straight (no road joins its sites), dashed */
  straight: [120, 110, 100, 255] as Rgba,
  site: [240, 100, 20, 255] as Rgba,
  candidate: [255, 255, 255, 230] as Rgba,
};

/** The legend of the belts layer: what each colour is (i18n keys of the `belts` namespace). */
export const beltsLegend = [
  { color: beltColors.line, label: 'belts:legend.line', shape: 'line' },
  { color: beltColors.corridor, label: 'belts:legend.corridor', shape: 'area' },
] as const;

export interface BeltsLayerProps {
  version?: number;
  loadOptions: TileLoadOptions;
}

type BeltFeature = Feature<Geometry, BeltTileProperties>;

/**
 * The belts in scope from the `belts` tiles: the corridor washed in translucent orange (not
 * pickable, so what lies inside stays clickable), the line solid over it (pickable: it opens the belt).
 */
export function createBeltsLayer({ version = 0, loadOptions }: BeltsLayerProps): MVTLayer<BeltTileProperties> {
  return new MVTLayer<BeltTileProperties>({
    id: 'one-map-belts',
    data: tileUrl('belts', version),
    loadOptions,
    loaders: tileLoaders,
    binary: false,
    maxZoom: 15,
    pickable: true,
    renderSubLayers: (props) => {
      const features = Array.isArray(props.data) ? (props.data as unknown as BeltFeature[]) : [];
      return [
        new GeoJsonLayer<BeltTileProperties>({
          ...props,
          id: `${props.id}-corridor`,
          data: features.filter((f) => f.properties.part === 'corridor'),
          pickable: false,
          filled: true,
          stroked: true,
          getFillColor: beltColors.corridor,
          getLineColor: beltColors.corridorEdge,
          lineWidthUnits: 'pixels',
          getLineWidth: 1,
        }),
        new GeoJsonLayer<BeltTileProperties>({
          ...props,
          id: `${props.id}-line`,
          data: features.filter((f) => f.properties.part === 'line'),
          filled: false,
          stroked: true,
          getLineColor: beltColors.line,
          lineWidthUnits: 'pixels',
          getLineWidth: 4,
          lineCapRounded: true,
          lineJointRounded: true,
        }),
      ];
    },
  });
}

export interface BeltOverlayProps {
  /** the corridor (a MultiPolygon) and the legs of a belt shown or drawn; nothing when null */
  corridor: { type: 'MultiPolygon'; coordinates: number[][][][] } | null;
  legs: readonly BeltLeg[];
  /** the belt's sites in order, numbered from 1 */
  sites: readonly Pick<BeltSite, 'id' | 'position'>[];
  /** model sites that can still be picked, drawn as white rings (while a belt is drawn) */
  candidates?: readonly { id: number; position: readonly [number, number] }[];
}

/**
 * One belt over the map, as the belts tool shows or draws it: the corridor, the legs (along the
 * roads solid, straight ones dashed), the model sites numbered in order, and — while drawing — the
 * model sites not yet picked as rings to click.
 */
export function createBeltOverlay({ corridor, legs, sites, candidates = [] }: BeltOverlayProps): Layer[] {
  type Path = { path: [number, number][]; routed: boolean };
  const paths: Path[] = legs.map((l) => ({ path: l.line.coordinates, routed: l.routed }));
  const numbered = sites.map((s, i) => ({ position: s.position, label: String(i + 1) }));
  return [
    new GeoJsonLayer({
      id: 'belt-overlay-corridor',
      data: corridor ? [{ type: 'Feature', geometry: corridor, properties: {} }] : [],
      filled: true,
      stroked: true,
      getFillColor: beltColors.corridor,
      getLineColor: beltColors.corridorEdge,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: false,
    }),
    new PathLayer<Path, PathStyleExtensionProps<Path>>({
      id: 'belt-overlay-legs',
      data: paths,
      getPath: (p) => p.path,
      getColor: (p) => (p.routed ? beltColors.line : beltColors.straight),
      getWidth: 5,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      getDashArray: (p) => (p.routed ? [0, 0] : [3, 2]),
      dashJustified: true,
      extensions: [new PathStyleExtension({ dash: true })],
      pickable: false,
    }),
    new ScatterplotLayer<{ id: number; position: readonly [number, number] }>({
      id: 'belt-overlay-candidates',
      data: candidates,
      getPosition: (c) => [c.position[0], c.position[1]],
      getRadius: 7,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: beltColors.candidate,
      getLineColor: beltColors.site,
      getLineWidth: 2.5,
      lineWidthUnits: 'pixels',
      pickable: false,
    }),
    new ScatterplotLayer<{ position: readonly [number, number]; label: string }>({
      id: 'belt-overlay-sites',
      data: numbered,
      getPosition: (s) => [s.position[0], s.position[1]],
      getRadius: 11,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: beltColors.site,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      pickable: false,
    }),
    new TextLayer<{ position: readonly [number, number]; label: string }>({
      ...labelTextProps,
      id: 'belt-overlay-numbers',
      data: numbered,
      characterSet: '0123456789',
      getPosition: (s) => [s.position[0], s.position[1]],
      getText: (s) => s.label,
      getSize: 13,
      getColor: [255, 255, 255, 255],
      outlineWidth: 0,
    }),
  ];
}
