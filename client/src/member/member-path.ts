/** `/m/{token}`: the signed, expiring link each alerted member gets. */
const memberPath = /^\/m\/([^/]+)\/?$/;

/** The token of a member's alert link, or null for any other path. */
export function memberTokenFrom(pathname: string): string | null {
  const match = memberPath.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
