import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { DomainError } from '../domain-error.ts';

/**
 * Where a writer acts: `edit` (registry.edit) holds what they change — a pairing's organization, a
 * group's area; `read` (org.read) holds what they may name — a partner, a member organization;
 * `places` (place.read) the service position a meeting was held at.
 */
export type WriteScopes = { edit: Scope; read: Scope; places: Scope };

/** Today in China Standard Time, the day the papers give. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export const notFound = (what: string) => new DomainError('not_found', ErrorCode.notFound, `No ${what} in your scope.`);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `after` that differ from `before`, with both values of each: what an audit record names. */
export function changes<T extends Record<string, unknown>>(before: T, after: T): { changed: Array<keyof T & string>; before: Partial<T>; after: Partial<T> } {
  const changed = (Object.keys(after) as Array<keyof T & string>).filter((k) => !same(before[k], after[k]));
  return {
    changed,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])) as Partial<T>,
    after: Object.fromEntries(changed.map((k) => [k, after[k]])) as Partial<T>,
  };
}

/** `patch`'s defined fields laid over `base` (null clears a field; undefined leaves it). */
export function patched<T extends Record<string, unknown>>(base: T, patch: { [K in keyof T]?: T[K] | undefined }): T {
  const out = { ...base };
  for (const key of Object.keys(base) as Array<keyof T>) {
    const value = patch[key];
    if (value !== undefined) out[key] = value as T[keyof T];
  }
  return out;
}
