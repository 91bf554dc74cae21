/**
 * PostgreSQL COPY text format: one line per row, tab-separated, `\N` for null, and backslash,
 * tab, newline and carriage return escaped inside values.
 */
import type { Geometry } from 'geojson';
import { ewkbHex } from './ewkb.ts';

export type CopyValue = string | number | boolean | null | readonly string[] | Geometry;

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const REPLACEMENTS: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Escapes a text value for COPY. */
export function escapeCopyText(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => REPLACEMENTS[c] as string) : s;
}

/** A PostgreSQL array literal of text elements, every element quoted. */
export function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** One value in COPY text form. */
export function copyValue(v: CopyValue): string {
  if (v === null) return '\\N';
  switch (typeof v) {
    case 'string':
      return escapeCopyText(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`cannot copy ${v}`);
      return String(v);
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (Array.isArray(v)) return escapeCopyText(textArrayLiteral(v as readonly string[]));
      return ewkbHex(v as Geometry);
  }
}

/** A row as a COPY text line (with its newline). */
export function copyLine(values: readonly CopyValue[]): string {
  let line = copyValue(values[0] as CopyValue);
  for (let i = 1; i < values.length; i++) line += '\t' + copyValue(values[i] as CopyValue);
  return line + '\n';
}
