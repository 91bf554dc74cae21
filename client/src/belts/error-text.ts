import { ApiError, networkErrorCode } from '../api/http.ts';

/** A failed call in words: the server's own message, or `unavailable` when no answer came. */
export function errorText(error: unknown, unavailable: string): string {
  return error instanceof ApiError && error.code !== networkErrorCode ? error.message : unavailable;
}
