/**
 * What the wall display reads from its address: `/wall#token=<wall token>&rotate=<s>&area=<code>`.
 * The token is stored (localStorage `redgrid.wallToken`) and taken out of the address at once, so it
 * is neither left in the history nor shown on screen, and a reload keeps working. `rotate` and
 * `area` are not secret: they move to the query string, where a reload finds them again.
 */

export const wallPath = '/wall';
export const wallTokenKey = 'redgrid.wallToken';
export const defaultRotateSeconds = 20;

export interface WallParams {
  token: string | null;
  /** Seconds each view stays on screen; 0 stops the rotation. */
  rotateSeconds: number;
  /** The root area (12-digit code); null: the token's whole scope. */
  area: string | null;
  /** Coverage overlays switched on from the start (`layers=blind_spots,reach`). */
  layers: string[];
  /** Density cells as columns on a tilted map (`extrude=1`). */
  extruded: boolean;
}

export function isWallPath(pathname: string): boolean {
  return pathname === wallPath || pathname === `${wallPath}/`;
}

function storedToken(): string | null {
  try {
    return window.localStorage.getItem(wallTokenKey);
  } catch {
    return null;
  }
}

function storeToken(token: string): void {
  try {
    window.localStorage.setItem(wallTokenKey, token);
  } catch {
    // storage disabled: the token holds for this page load only
  }
}

function rotateFrom(value: string | null): number {
  if (value === null || value.trim() === '') return defaultRotateSeconds;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : defaultRotateSeconds;
}

/** Reads the wall's parameters, stores a token from the fragment and rewrites the address without it. */
export function takeWallParams(location: Location = window.location): WallParams {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  const fromFragment = fragment.get('token');
  if (fromFragment) storeToken(fromFragment);

  for (const name of ['rotate', 'area', 'layers', 'extrude']) {
    const value = fragment.get(name);
    if (value !== null) query.set(name, value);
  }
  if (location.hash !== '') {
    const search = query.toString();
    window.history.replaceState(window.history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
  }

  const area = query.get('area');
  return {
    token: fromFragment || storedToken(),
    rotateSeconds: rotateFrom(query.get('rotate')),
    area: area && /^\d{12}$/.test(area) ? area : null,
    layers: (query.get('layers') ?? '').split(',').filter((l) => l !== ''),
    extruded: query.get('extrude') === '1',
  };
}
