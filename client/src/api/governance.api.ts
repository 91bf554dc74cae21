import type { GovernanceLayer, PlanFileProblem } from '../../../server/src/contract/plan-files.ts';
import { ApiError, request } from './http.ts';

export type { GovernanceLayer, PlanFileProblem };

const layerPath = (community: string) => `/api/v1/communities/${encodeURIComponent(community)}/governance-grids`;

/** `GET …/governance-grids`: the community's governance grid layer (综治网格), or none loaded. */
export function fetchGovernanceLayer(community: string, signal?: AbortSignal): Promise<GovernanceLayer> {
  return request<GovernanceLayer>(layerPath(community), { signal });
}

/** The Content-Type a file is sent with: a zip (Shapefile) or GeoJSON, by its name. */
function fileType(file: File): string {
  return /\.zip$/i.test(file.name) || file.type.includes('zip') ? 'application/zip' : 'application/geo+json';
}

/** `PUT …/governance-grids`: loads a GeoJSON or zipped Shapefile as the layer (422 with every problem when refused). */
export function loadGovernanceLayer(community: string, file: File, gcj02: boolean): Promise<GovernanceLayer> {
  return request<GovernanceLayer>(`${layerPath(community)}${gcj02 ? '?gcj02=true' : ''}`, {
    method: 'PUT',
    raw: file,
    headers: { 'content-type': fileType(file) },
  });
}

/** `DELETE …/governance-grids`. */
export function removeGovernanceLayer(community: string): Promise<void> {
  return request<void>(layerPath(community), { method: 'DELETE' });
}

/** The problems of a refused file, when `error` is that refusal. */
export function fileProblems(error: unknown): PlanFileProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'plan_file_refused') return [];
  const body = error.body as { problems?: PlanFileProblem[] } | null;
  return Array.isArray(body?.problems) ? body.problems : [];
}
