import type { MemberAlertView, MemberAnswer } from './contract.ts';
import { request } from './http.ts';

/**
 * The member's page talks to `/api/m/{token}`: the signed link is the credential, not a session, so
 * these calls never send anyone to the sign-in page on a 401.
 */
const path = (token: string) => `/api/m/${encodeURIComponent(token)}`;

export function fetchMemberAlert(token: string, signal?: AbortSignal): Promise<MemberAlertView> {
  return request<MemberAlertView>(path(token), { signal, signInOn401: false });
}

export function answerMemberAlert(token: string, answer: MemberAnswer): Promise<MemberAlertView> {
  return request<MemberAlertView>(`${path(token)}/${answer}`, { method: 'POST', signInOn401: false });
}
