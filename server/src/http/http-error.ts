import type { ErrorCode } from '../contract/error.ts';

export type ErrorDetail = { path: string; message: string };

/** An error a client can act on: a status, a stable code and a human message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}
