import { z } from 'zod';
import { isCalendarDay, latestYear } from './time.ts';

/**
 * One change of a registry record (registry_history) — an organization, a member or a place: what
 * was done, the day it took effect, why, and who recorded it. One component for every record's history.
 */
export const HistoryEntry = z
  .object({
    id: z.number(),
    /** e.g. created, edited, moved, merged, closed; a member's transferred, registered, mobile, left … */
    action: z.string(),
    effective_on: z.string(),
    reason: z.string().nullable(),
    /** what changed: {changed: [fields]}, {from: {id, name}, to: {id, name}}, {community: {code, name}}, {area, whereabouts} … */
    detail: z.record(z.string(), z.unknown()),
    /** who recorded it: the user's display name; null for the system */
    actor: z.string().nullable(),
    recorded_at: z.string(),
  })
  .meta({ id: 'RegistryHistoryEntry' });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/**
 * A day of the calendar, 'YYYY-MM-DD', from the year `fromYear` to 2100: founding and joining dates
 * reach back decades, the days registry changes take effect do not.
 */
export function calendarDay(fromYear: number) {
  return z
    .string({ error: 'must be a date such as 2026-03-01' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-03-01')
    .refine((value) => {
      const [year, month, day] = value.split('-').map(Number) as [number, number, number];
      return year >= fromYear && year <= latestYear && isCalendarDay(year, month, day);
    }, `must be a day of the calendar in the years ${fromYear}–${latestYear}`);
}
