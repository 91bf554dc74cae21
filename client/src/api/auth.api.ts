import type { SessionInfo, SignInBody } from './contract.ts';
import { request } from './http.ts';

/** `POST /api/v1/auth/sign-in`: sets the session cookie; a 401 here is a wrong password, not an expired session. */
export function signIn(credentials: SignInBody, signal?: AbortSignal): Promise<SessionInfo> {
  return request<SessionInfo>('/api/v1/auth/sign-in', { method: 'POST', body: credentials, signal, signInOn401: false });
}

/** `GET /api/v1/auth/me`: the current session, or ApiError `unauthenticated` (401). */
export function fetchMe(signal?: AbortSignal): Promise<SessionInfo> {
  return request<SessionInfo>('/api/v1/auth/me', { signal, signInOn401: false });
}

/** `POST /api/v1/auth/sign-out` (204). */
export function signOut(): Promise<void> {
  return request<void>('/api/v1/auth/sign-out', { method: 'POST', signInOn401: false });
}
