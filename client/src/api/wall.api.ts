import type { AreaCollection, CaseFeed, StatsSummary } from './contract.ts';
import { ApiError, networkErrorCode } from './http.ts';

/**
 * The wall display's calls: authenticated by its token as `Authorization: Bearer` only (no cookie
 * is sent, and a 401 never leads to a sign-in page: the wall shows it and keeps trying).
 */

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function errorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      if (typeof code === 'string') return new ApiError(status, code, typeof message === 'string' ? message : code);
    }
  }
  return new ApiError(status, 'http_error', `HTTP ${status}`);
}

export async function wallGet<T>(path: string, token: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { ...bearer(token), accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, networkErrorCode, error instanceof Error ? error.message : String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorOf(response.status, json);
  return json as T;
}

const areaQuery = (area: string | null) => (area ? `area=${encodeURIComponent(area)}` : '');

/** `GET /api/v1/stats/summary?area=`: the area's key figures and its child areas' (for the charts). */
export function fetchSummary(token: string, area: string | null, signal?: AbortSignal): Promise<StatsSummary> {
  const query = areaQuery(area);
  return wallGet<StatsSummary>(`/api/v1/stats/summary${query ? `?${query}` : ''}`, token, signal);
}

/** `GET /api/v1/cases/feed?area=&limit=`: the newest cases, newest first. */
export function fetchFeed(token: string, area: string | null, limit: number, signal?: AbortSignal): Promise<CaseFeed> {
  const query = [areaQuery(area), `limit=${limit}`].filter((q) => q !== '').join('&');
  return wallGet<CaseFeed>(`/api/v1/cases/feed?${query}`, token, signal);
}

/** `GET /api/v1/areas?level=town`: the towns in the token's scope, as polygons. */
export function fetchTowns(token: string, signal?: AbortSignal): Promise<AreaCollection> {
  return wallGet<AreaCollection>('/api/v1/areas?level=town', token, signal);
}
