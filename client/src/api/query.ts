/** A query string from a filter: empty, null and undefined values are left out; arrays are comma-joined. */
export function queryString(filter: Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) query.set(key, value.join(','));
    } else query.set(key, String(value));
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}
