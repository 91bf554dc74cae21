/**
 * Calendar helpers. Generated dates are relative to a fixed reference day, never to the clock,
 * so the same seed gives the same county whenever it is generated.
 */
import type { Rng } from './random.ts';

/** "Today" for the demo data. */
export const REFERENCE_DATE = '2026-11-01';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A random date (YYYY-MM-DD) in the given years, both included, not after the reference day. */
export function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, Math.min(toYear, 2026));
  const month = rng.int(1, year === 2026 ? 10 : 12);
  return `${year}-${pad(month)}-${pad(rng.int(1, 28))}`;
}

/** The date `days` after an ISO date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A timestamp (ISO 8601, +08:00) `minutes` after midnight of an ISO date. */
export function timestampAt(date: string, minutes: number): string {
  const t = Date.parse(`${date}T00:00:00+08:00`) + Math.round(minutes) * 60000;
  const local = new Date(t + 8 * 3600000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
