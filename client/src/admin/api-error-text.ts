import type { TFunction } from 'i18next';
import { ApiError, networkErrorCode } from '../api/http.ts';

/** A failed write in words: no answer at all, or the server's own message. */
export function apiErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code !== networkErrorCode) return error.message;
  return t('session.unavailable');
}
