import type { LayersList } from '@deck.gl/core';
import type { ComponentType } from 'react';
import type { SessionUser } from '../api/contract.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import type { BboxTuple } from '../api/grids.api.ts';

type Unsubscribe = () => void;

/** What the Party-building map (党建一张图) lends a tool panel: the map, without MapLibre or deck.gl types leaking. */
export interface OneMapHost {
  /** Move the map to a position (and zoom). */
  moveTo(position: LngLatTuple, zoom?: number): void;
  /** Show a box whole. */
  fitBounds(bbox: BboxTuple): void;
  /** The tool's own overlay (a belt being drawn, a wish's neighbours); replaces what it drew before, [] clears. */
  drawLayers(layers: LayersList): void;
  /** Clicks on the map while the tool is open; the map's own click (the feature panel) is held back meanwhile. */
  onMapClick(listener: (point: LngLatTuple) => void): Unsubscribe;
}

export interface OneMapToolProps {
  host: OneMapHost;
  user: SessionUser;
}

/** A panel of the 一张图's tool drawer (model belts, new-type organizations, pairings, wishes …). */
export interface OneMapTool {
  /** In the URL (`?tool=`) and test ids: `tool-<id>`. */
  id: string;
  /** i18n key of the tab's label. */
  labelKey: string;
  allowed(user: SessionUser): boolean;
  Panel: ComponentType<OneMapToolProps>;
}

/** A record view of the feature panel (`record-views.ts`): the feature's id, and a way to its area's panel. */
export interface RecordViewProps {
  id: number;
  onOpenPanel: (kind: 'area' | 'grid', code: string) => void;
}
