import { z } from 'zod';
import { text } from '../contract/text.ts';

/**
 * A cell of a registry CSV as a value. Every cell arrives as text; an empty one is null (the
 * column's default on a new record). A leading apostrophe before = + - @ is dropped: it is how an
 * export neutralizes a formula, so that a re-import reads the value that was exported.
 */
const unquote = (value: string) => (/^'[=+\-@]/.test(value) ? value.slice(1) : value);

function cell<T extends z.ZodType<unknown, string>>(schema: T) {
  return z.string().transform((raw, ctx): z.output<T> | null => {
    const value = unquote(raw.trim());
    if (value === '') return null;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });
}

export const textCell = (max: number) => cell(text({ max }));

export const integerCell = (min: number, max: number) =>
  cell(
    z
      .string()
      .regex(/^-?[0-9]{1,15}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`)),
  );

export const idCell = integerCell(1, Number.MAX_SAFE_INTEGER);

export const degreesCell = (limit: number) =>
  cell(
    z
      .string()
      .regex(/^-?[0-9]{1,3}(\.[0-9]{1,20})?$/, 'must be degrees in decimal notation, e.g. 104.0412')
      .transform(Number)
      .pipe(z.number().min(-limit, `must be between -${limit} and ${limit}`).max(limit, `must be between -${limit} and ${limit}`)),
  );

function isCalendarDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A date as YYYY-MM-DD, or as Excel writes one back (2020/3/5, 2020.3.5); answered as YYYY-MM-DD. */
export const dateCell = cell(
  z.string().transform((value, ctx) => {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
    if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[1]) < 1900 || Number(m[1]) > 2100) {
      ctx.addIssue({ code: 'custom', message: 'must be a date such as 2021-07-01' });
      return z.NEVER;
    }
    return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }),
);

const truths = new Set(['true', '1', 'yes', 'y', '是', '√']);
const falsehoods = new Set(['false', '0', 'no', 'n', '否', '×']);

export const booleanCell = cell(
  z.string().transform((value, ctx) => {
    const v = value.toLowerCase();
    if (truths.has(v)) return true;
    if (falsehoods.has(v)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be true or false (是/否, 1/0)' });
    return z.NEVER;
  }),
);

/** One of `values`, or its Chinese name. */
export function choiceCell<V extends string>(values: Record<V, string[]>) {
  const lookup = new Map<string, V>();
  for (const [value, names] of Object.entries(values) as Array<[V, string[]]>) {
    lookup.set(value, value);
    for (const name of names) lookup.set(name.toLowerCase(), value);
  }
  const allowed = Object.keys(values).join(', ');
  return cell(
    z.string().transform((value, ctx) => {
      const found = lookup.get(value.toLowerCase());
      if (found === undefined) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${allowed}` });
        return z.NEVER;
      }
      return found;
    }),
  );
}

export const areaCodeCell = cell(z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit area code'));
export const gridCodeCell = cell(z.string().regex(/^[0-9]{15}$/, 'must be a 15-digit grid code'));
export const mobilePhoneCell = cell(z.string().regex(/^1[3-9][0-9]{9}$/, 'must be an 11-digit mobile number starting with 13–19'));
export const contactPhoneCell = cell(
  z.string().regex(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, 'must be a mobile number or a landline such as 0816-2345678'),
);

/** A list in one cell, separated by ; or ；(or 、): skills, services. */
export const listCell = (maxItems: number, maxLength: number) =>
  cell(
    z
      .string()
      .transform((value) =>
        value
          .split(/[;；、]/)
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      )
      .pipe(z.array(text({ max: maxLength })).max(maxItems, `must list at most ${maxItems}`)),
  );
