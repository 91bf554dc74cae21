import { ApiError } from '../api/http.ts';

/** A form's problems by field name; `''` holds what belongs to no one field. */
export type FieldErrors = Record<string, string>;

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** What a contract schema offers the client: zod's safeParse, without the client depending on zod's types. */
export interface BodySchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}

/** `{ [field]: message }` when `bad`, else no problem. */
export const problemIf = (bad: boolean, field: string, message: string): FieldErrors => (bad ? { [field]: message } : {});

/** The contract schema's messages, each at its field (the first one of each). */
export function schemaErrors(schema: BodySchema, body: unknown): FieldErrors {
  const parsed = schema.safeParse(body);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * A refused write's problems: the server's `details` at their fields (`position.0` → `position`),
 * or its message as the form's own error.
 */
export function serverErrors(error: unknown, fallback: string, fieldOf = (path: string) => path.split('.')[0] ?? ''): FieldErrors {
  if (!(error instanceof ApiError)) return { '': fallback };
  const details = (error.body as { error?: { details?: { path: string; message: string }[] } } | null)?.error?.details;
  if (!Array.isArray(details) || details.length === 0) return { '': error.code === 'network_error' ? fallback : error.message };
  const errors: FieldErrors = {};
  for (const detail of details) {
    const field = fieldOf(detail.path);
    errors[field] ??= detail.message;
  }
  return errors;
}

/** A refused write's problems keyed by their whole path (`stars.2.min_points`), for forms with rows. */
export const serverErrorsByPath = (error: unknown, fallback: string): FieldErrors => serverErrors(error, fallback, (path) => path);

/** "104.74, 31.46" → [104.74, 31.46]; null for anything else (a Chinese comma is taken too). */
export function parsePosition(text: string): [number, number] | null {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return null;
  const lng = Number(match[1]);
  const lat = Number(match[2]);
  return lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90 ? [lng, lat] : null;
}

export const positionText = (position: readonly [number, number] | null | undefined) =>
  position ? `${position[0].toFixed(6)}, ${position[1].toFixed(6)}` : '';

/** "a, b；c" → ['a', 'b', 'c'] */
export const listOf = (text: string) =>
  text
    .split(/[,，;；、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

type Present<T> = { [K in keyof T as null extends T[K] ? K : never]?: Exclude<T[K], null> } & { [K in keyof T as null extends T[K] ? never : K]: T[K] };

/** A create body without its empty fields: what is not given is left out, not sent as null. */
export function withoutEmpty<T extends object>(body: T): Present<T> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null && value !== undefined && value !== '')) as Present<T>;
}
