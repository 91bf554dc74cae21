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

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether year, month (1–12) and day name a day of the calendar (not 2026-02-30). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * `at`: the moment grids are answered for, an ISO 8601 date-time with a zone or a date. A date is
 * the start of that day in China Standard Time (+08:00), when plans take effect. Parsed to UTC ISO.
 */
export function asOf() {
  return z.string({ error: 'at must be given once, as a date (2026-03-01) or a date-time with a zone' }).transform((value, ctx) => {
    const date = isoDate.exec(value);
    if (date && !isCalendarDay(Number(date[1]), Number(date[2]), Number(date[3]))) {
      ctx.addIssue({ code: 'custom', message: `${value} is not a day of the calendar` });
      return z.NEVER;
    }
    const parsed = isoDateTime().safeParse(date ? `${value}T00:00:00+08:00` : value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `at ${parsed.error.issues[0]?.message ?? 'is invalid'} (or a date such as 2026-03-01)` });
      return z.NEVER;
    }
    return new Date(parsed.data).toISOString();
  });
}
