import { z } from 'zod';

/** Decimal digits with an optional minus sign: no hex, exponent, sign "+", space or fraction. */
export const decimalIntegerPattern = /^-?[0-9]{1,15}$/;
/** A decimal number: digits with an optional fraction; no exponent, hex or "Infinity". */
export const decimalPattern = /^-?[0-9]{1,15}(\.[0-9]{1,20})?$/;

const given = (what: string) => (i: { input: unknown }) => (i.input === undefined ? 'is required' : `must be given once, as ${what}`);

/**
 * A whole number given in a query string or path: decimal digits only, so "0x10", "1e1", "1.0",
 * " 16" and "" are refused, and the value must lie within [min, max].
 */
export function queryInteger(min: number, max: number) {
  return z
    .string({ error: given('a whole number') })
    .regex(decimalIntegerPattern, 'must be a whole number in decimal digits')
    .transform(Number)
    .pipe(z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`));
}

/**
 * A number given in a query string: decimal notation only, so "", "1,2", "1e3", "0x1" or "NaN" are
 * refused; surrounding white space is dropped (it cannot change the value).
 */
export function queryNumber(min: number, max: number) {
  return z
    .string({ error: given('a number') })
    .trim()
    .regex(decimalPattern, 'must be a number in decimal notation')
    .transform(Number)
    .pipe(z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`));
}

/** The same rule for a value read outside a schema (a header): the number, or undefined. */
export function decimalInteger(raw: string | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined || !decimalIntegerPattern.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}
