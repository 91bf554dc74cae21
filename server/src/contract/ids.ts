import { z } from 'zod';
import { decimalIntegerPattern } from './numbers.ts';

/** A database id in a path or query string: decimal digits only (see queryInteger), parsed to a number. */
export function numericId(what: string) {
  return z
    .string({ error: `must be ${what}` })
    .regex(decimalIntegerPattern, `must be ${what}`)
    .transform(Number)
    .pipe(z.number().min(0, `must be ${what}`));
}
