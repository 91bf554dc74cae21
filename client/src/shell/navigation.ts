import { useSyncExternalStore } from 'react';

/**
 * Client-side navigation without a router library: history.pushState plus a change event, so the
 * page (and what it read from the first URL, such as `?test=1`) survives moving between pages.
 */

const changeEvent = 'redgrid:navigate';

export interface AppLocation {
  pathname: string;
  search: string;
}

export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (path === current) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(changeEvent));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(changeEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(changeEvent, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query; re-renders on navigate() and on back/forward. */
export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.search };
}
