import type { ErrorCode } from './contract/error.ts';

/** What went wrong, in the domain's words; the HTTP layer turns each kind into a status. */
export type DomainErrorKind = 'not_found' | 'conflict' | 'unprocessable' | 'forbidden' | 'invalid';

/**
 * An error a logic module throws when a request cannot be done as asked (no such case in scope,
 * a dispatch already running, a key reused): a kind, a stable code and a message for people.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
