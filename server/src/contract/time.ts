import { z } from 'zod';

/** The years RedGrid's records can hold; PostgreSQL refuses year 0 and offsets beyond ±15:59. */
export const earliestYear = 2000;
export const latestYear = 2100;

/**
 * An ISO 8601 date-time with a zone (Z or ±hh:mm), in the years 2000–2100, with an offset of at
 * most ±14:00 (the widest in use), so every value reaching PostgreSQL is one it takes.
 */
export function isoDateTime() {
  return z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a zone, e.g. 2026-12-01T08:00:00+08:00' }).superRefine((value, ctx) => {
    const year = Number(value.slice(0, 4));
    if (year < earliestYear || year > latestYear) {
      ctx.addIssue({ code: 'custom', message: `must lie in the years ${earliestYear}–${latestYear}` });
    }
    const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
    if (offset && (Number(offset[2]) * 60 + Number(offset[3]) > 14 * 60 || Number(offset[3]) > 59)) {
      ctx.addIssue({ code: 'custom', message: 'the zone offset must lie within ±14:00' });
    }
  });
}
