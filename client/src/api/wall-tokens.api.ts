import type { CreatedWallToken, CreateWallTokenBody, WallTokenView } from './contract.ts';
import { getJson, request } from './http.ts';

/** `GET /api/v1/wall-tokens` (admins): the wall tokens in the admin's scope, revoked ones too. */
export async function fetchWallTokens(signal?: AbortSignal): Promise<WallTokenView[]> {
  const { tokens } = await getJson<{ tokens: WallTokenView[] }>('/api/v1/wall-tokens', signal);
  return tokens;
}

/** `POST /api/v1/wall-tokens`: the answer carries the token itself, this once only. */
export function createWallToken(body: CreateWallTokenBody): Promise<CreatedWallToken> {
  return request<CreatedWallToken>('/api/v1/wall-tokens', { method: 'POST', body });
}

/** `DELETE /api/v1/wall-tokens/{id}`: a wall using it shows 令牌无效或已撤销 at its next request. */
export function revokeWallToken(id: number): Promise<WallTokenView> {
  return request<WallTokenView>(`/api/v1/wall-tokens/${id}`, { method: 'DELETE' });
}
