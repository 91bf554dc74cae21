import { useSyncExternalStore } from 'react';
import { fetchMe, signOut } from '../api/auth.api.ts';
import type { SessionInfo, SessionUser } from '../api/contract.ts';
import { ApiError, handleUnauthenticated, setCsrfToken } from '../api/http.ts';

/**
 * Who is signed in, in memory only (the session itself is the server's HttpOnly cookie; the CSRF
 * token lives here and in api/http.ts, never in storage). The app shell routes on this state.
 */
export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-in'; user: SessionUser }
  | { status: 'signed-out' }
  /** The session could not be checked (no server, 5xx); not the same as signed out. */
  | { status: 'unavailable'; message: string };

let state: SessionState = { status: 'checking' };
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function sessionStarted(info: SessionInfo): void {
  setCsrfToken(info.csrf_token);
  setState({ status: 'signed-in', user: info.user });
}

export function sessionEnded(): void {
  setCsrfToken(null);
  if (state.status !== 'signed-out') setState({ status: 'signed-out' });
}

/** Ask the server who we are; any later 401 from the API ends the session. Call once at start-up. */
export async function checkSession(): Promise<void> {
  handleUnauthenticated(sessionEnded);
  setState({ status: 'checking' });
  try {
    sessionStarted(await fetchMe());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) sessionEnded();
    else setState({ status: 'unavailable', message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Sign out on the server; the session ends here only once it has ended there (or a 401 says it
 * already had). Otherwise this throws and the user stays signed in: a page that looked signed out
 * over a still-valid cookie would hand the next person at a shared desk the previous one's session.
 */
export async function endSession(): Promise<void> {
  try {
    await signOut();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  sessionEnded();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state);
}
