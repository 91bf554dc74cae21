import type { RegistryRules, StarReview } from './contract.ts';
import { getJson, request } from './http.ts';

/** `POST /api/v1/members/star-review`: 评星 for a year; `apply: false` is a preview that writes nothing. */
export function reviewStars(body: { year: number; apply: boolean }): Promise<StarReview> {
  return request<StarReview>('/api/v1/members/star-review', { method: 'POST', body });
}

/** `GET /api/v1/registry/rules`: the points each kind is worth and the yearly star rule (registry.edit). */
export function fetchRules(signal?: AbortSignal): Promise<RegistryRules> {
  return getJson<RegistryRules>('/api/v1/registry/rules', signal);
}

/** `PUT /api/v1/registry/rules`: both rules replaced together (registry.rules: admins). */
export function saveRules(body: RegistryRules): Promise<RegistryRules> {
  return request<RegistryRules>('/api/v1/registry/rules', { method: 'PUT', body });
}
