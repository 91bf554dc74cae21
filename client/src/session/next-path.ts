export const signInPath = '/sign-in';

/**
 * Where to go after signing in: `next` when it is a path on this origin, else `/`. Absolute and
 * protocol-relative URLs (`https://…`, `//host`, `/\host`) are refused, so the sign-in page can
 * never send anyone off-site.
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  let url: URL;
  try {
    url = new URL(next, window.location.origin);
  } catch {
    return '/';
  }
  if (url.origin !== window.location.origin || url.pathname === signInPath) return '/';
  return url.pathname + url.search + url.hash;
}

/** `/sign-in?next=<path>`; plain `/sign-in` when the way back is the map anyway. */
export function signInUrl(next: string): string {
  const path = safeNextPath(next);
  return path === '/' ? signInPath : `${signInPath}?${new URLSearchParams({ next: path }).toString()}`;
}
