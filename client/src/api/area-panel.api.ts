import type { AreaPanel } from './contract.ts';
import { getJson } from './http.ts';

/** `GET /api/v1/areas/{code}/panel` or `/api/v1/grids/{code}/panel`: an area's or a grid's panel (org.read). */
export function fetchAreaPanel(kind: 'area' | 'grid', code: string, signal?: AbortSignal): Promise<AreaPanel> {
  return getJson<AreaPanel>(`/api/v1/${kind === 'area' ? 'areas' : 'grids'}/${encodeURIComponent(code)}/panel`, signal);
}
