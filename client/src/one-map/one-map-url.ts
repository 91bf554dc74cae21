import { orgPointKinds } from '../map/layers/org-points.layer.ts';
import { placePointKinds } from '../map/layers/place-points.layer.ts';
import { defaultLayerIds, oneMapLayers } from './layer-catalog.ts';
import { selectionKinds, type Selection } from './selection.ts';

export type { Selection };

/** The 一张图's state, all of it in the URL so that a view can be bookmarked and shared. */
export interface OneMapState {
  layers: readonly string[];
  orgKinds: readonly string[];
  orgSector: string | null;
  placeKinds: readonly string[];
  tool: string | null;
  selection: Selection | null;
}

const list = (value: string | null, allowed: readonly string[], fallback: readonly string[]) =>
  value === null ? fallback : value.split(',').filter((v) => allowed.includes(v));

export function readOneMapState(search: string): OneMapState {
  const params = new URLSearchParams(search);
  const [kind, ref] = (params.get('open') ?? '').split(':');
  const selection = kind && ref && (selectionKinds as readonly string[]).includes(kind) ? { kind: kind as Selection['kind'], ref } : null;
  return {
    layers: list(
      params.get('layers'),
      oneMapLayers.map((l) => l.id),
      defaultLayerIds,
    ),
    orgKinds: list(params.get('orgKinds'), orgPointKinds, orgPointKinds),
    orgSector: params.get('sector'),
    placeKinds: list(params.get('placeKinds'), placePointKinds, placePointKinds),
    tool: params.get('tool'),
    selection,
  };
}

/** The search string of a state, keeping parameters that are not the map's (`lang`, `test`). */
export function writeOneMapState(search: string, state: OneMapState): string {
  const params = new URLSearchParams(search);
  const set = (key: string, value: string | null) => (value === null ? params.delete(key) : params.set(key, value));
  set('layers', state.layers.join(','));
  set('orgKinds', state.orgKinds.length === orgPointKinds.length ? null : state.orgKinds.join(','));
  set('sector', state.orgSector);
  set('placeKinds', state.placeKinds.length === placePointKinds.length ? null : state.placeKinds.join(','));
  set('tool', state.tool);
  set('open', state.selection === null ? null : `${state.selection.kind}:${state.selection.ref}`);
  const text = params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return text ? `?${text}` : '';
}
