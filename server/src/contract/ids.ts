import { z } from 'zod';

/** A database id in a path or query string: digits only, parsed to a number. */
export function numericId(what: string) {
  return z.string().regex(/^\d{1,15}$/, `must be ${what}`).transform(Number);
}
