import { z } from 'zod';
import { text } from '../contract/text.ts';
import { isCalendarDay } from '../contract/time.ts';

/**
 * A cell of a registry CSV as a value. Every cell arrives as text; an empty one is null (the
 * column's default on a new record). A leading apostrophe before = + - @ is dropped: it is how an
 * export neutralizes a formula, so that a re-import reads the value that was exported. Each cell is
 * one zod transform that checks its value directly (a file has a million cells): text that passes
 * the quick test is what `text()` takes; anything else is judged by `text()` itself, for its words.
 */
const unquote = (value: string) => (value.charCodeAt(0) === 39 && /^'[=+\-@]/.test(value) ? value.slice(1) : value);

type Ctx = z.core.$RefinementCtx<string>;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

function cell<T>(read: (value: string, ctx: Ctx) => T) {
  return z.string().transform((raw, ctx): T | null => {
    const value = unquote(raw.trim());
    return value === '' ? null : read(value, ctx);
  });
}

/** No control character and no surrogate at all: text that `text()` takes as it is (after trimming). */
// eslint-disable-next-line no-control-regex -- the quick form of text()'s own test for control characters
const plain = /^[^\u0000-\u001f\u007f-\u009f\ud800-\udfff]*$/u;

function readText(value: string, max: number, ctx: Ctx): string {
  if (value.length <= max && plain.test(value)) return value;
  const parsed = text({ max }).safeParse(value);
  if (parsed.success) return parsed.data;
  return fail(ctx, parsed.error.issues[0]?.message ?? 'is not valid text');
}

export const textCell = (max: number) => cell((value, ctx) => readText(value, max, ctx));

export const integerCell = (min: number, max: number) =>
  cell((value, ctx) => {
    if (!/^-?[0-9]{1,15}$/.test(value)) return fail(ctx, 'must be a whole number');
    const n = Number(value);
    return n >= min && n <= max ? n : fail(ctx, `must be between ${min} and ${max}`);
  });

export const idCell = integerCell(1, Number.MAX_SAFE_INTEGER);

export const degreesCell = (limit: number) =>
  cell((value, ctx) => {
    if (!/^-?[0-9]{1,3}(\.[0-9]{1,20})?$/.test(value)) return fail(ctx, 'must be degrees in decimal notation, e.g. 104.0412');
    const n = Number(value);
    return n >= -limit && n <= limit ? n : fail(ctx, `must be between -${limit} and ${limit}`);
  });

/** A date as YYYY-MM-DD, or as Excel writes one back (2020/3/5, 2020.3.5, 2020年3月5日); answered as YYYY-MM-DD. */
export const dateCell = cell((value, ctx) => {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[1]) < 1900 || Number(m[1]) > 2100) {
    return fail(ctx, 'must be a date such as 2021-07-01');
  }
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
});

const truths = new Set(['true', '1', 'yes', 'y', '是', '√']);
const falsehoods = new Set(['false', '0', 'no', 'n', '否', '×']);

export const booleanCell = cell((value, ctx) => {
  const v = value.toLowerCase();
  if (truths.has(v)) return true;
  if (falsehoods.has(v)) return false;
  return fail(ctx, 'must be true or false (是/否, 1/0)');
});

/** One of `values`, or its Chinese name. */
export function choiceCell<V extends string>(values: Record<V, string[]>) {
  const lookup = new Map<string, V>();
  for (const [value, names] of Object.entries(values) as Array<[V, string[]]>) {
    lookup.set(value, value);
    for (const name of names) lookup.set(name.toLowerCase(), value);
  }
  const allowed = Object.keys(values).join(', ');
  return cell((value, ctx) => lookup.get(value.toLowerCase()) ?? fail(ctx, `must be one of ${allowed}`));
}

const pattern = (re: RegExp, message: string) => cell((value, ctx) => (re.test(value) ? value : fail(ctx, message)));

export const areaCodeCell = pattern(/^[0-9]{12}$/, 'must be a 12-digit area code');
export const gridCodeCell = pattern(/^[0-9]{15}$/, 'must be a 15-digit grid code');
export const mobilePhoneCell = pattern(/^1[3-9][0-9]{9}$/, 'must be an 11-digit mobile number starting with 13–19');
export const contactPhoneCell = pattern(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, 'must be a mobile number or a landline such as 0816-2345678');

/** A list in one cell, separated by ; or ；(or 、): skills, services. */
export const listCell = (maxItems: number, maxLength: number) =>
  cell((value, ctx) => {
    const items = value
      .split(/[;；、]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (items.length > maxItems) return fail(ctx, `must list at most ${maxItems}`);
    return items.map((item) => readText(item, maxLength, ctx));
  });
