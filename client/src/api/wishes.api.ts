import type { CreateWishInput, MemberWishesView, PersonalLinkView, WishList, WishRecord, WishStatus } from './contract.ts';
import { getJson, request } from './http.ts';
import { queryString } from './query.ts';

export interface WishFilter {
  status?: WishStatus;
  area?: string;
  q?: string;
  limit?: number;
  after?: number;
}

/** `GET /api/v1/wishes?…`: wishes in scope, resident names only where the caller may read them. */
export function fetchWishes(filter: WishFilter, signal?: AbortSignal): Promise<WishList> {
  return getJson<WishList>(`/api/v1/wishes${queryString({ ...filter })}`, signal);
}

export function fetchWish(id: number, signal?: AbortSignal): Promise<WishRecord> {
  return getJson<WishRecord>(`/api/v1/wishes/${id}`, signal);
}

export function postWish(body: CreateWishInput): Promise<WishRecord> {
  return request<WishRecord>('/api/v1/wishes', { method: 'POST', body });
}

export function withdrawWish(id: number, reason?: string): Promise<WishRecord> {
  return request<WishRecord>(`/api/v1/wishes/${id}/withdraw`, { method: 'POST', body: reason ? { reason } : {} });
}

/** `POST /api/v1/members/{id}/link`: a member's personal link (30 days), audited. */
export function issuePersonalLink(memberId: number): Promise<PersonalLinkView> {
  return request<PersonalLinkView>(`/api/v1/members/${memberId}/link`, { method: 'POST' });
}

/**
 * The member's page talks to `/api/m/{token}/wishes`: the signed link is the credential, not a
 * session, so these calls never send anyone to the sign-in page on a 401.
 */
const memberPath = (token: string) => `/api/m/${encodeURIComponent(token)}/wishes`;

export function fetchMemberWishes(token: string, signal?: AbortSignal): Promise<MemberWishesView> {
  return request<MemberWishesView>(memberPath(token), { signal, signInOn401: false });
}

export function claimWish(token: string, id: number): Promise<MemberWishesView> {
  return request<MemberWishesView>(`${memberPath(token)}/${id}/claim`, { method: 'POST', signInOn401: false });
}

export function fulfilWish(token: string, id: number, note: string): Promise<MemberWishesView> {
  return request<MemberWishesView>(`${memberPath(token)}/${id}/fulfil`, { method: 'POST', body: { note }, signInOn401: false });
}
