import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '../contract/error.ts';
import { ErrorCode } from '../contract/error.ts';
import { DomainError, type DomainErrorKind } from '../domain-error.ts';
import { isDatabaseUnavailable, isStatementTimeout, noteDatabaseDown } from '../db/availability.ts';
import { redactUrl, type Logger } from '../logger.ts';
import { HttpError } from './http-error.ts';

function body(code: string, message: string, details?: HttpError['details']): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/** Errors raised by body-parser and the router carry a 4xx `status` (http-errors). */
function isClientError(error: unknown): error is { status: number; type?: string; code?: string; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    typeof (error as { status: unknown }).status === 'number' &&
    (error as { status: number }).status < 500
  );
}

const parseErrorCodes: Record<string, [ErrorCode, string]> = {
  'entity.parse.failed': [ErrorCode.invalidJson, 'The request body is not valid JSON.'],
  'entity.too.large': [ErrorCode.payloadTooLarge, 'The request body is too large.'],
  'encoding.unsupported': [ErrorCode.unsupportedEncoding, 'The request body encoding is not supported.'],
  'charset.unsupported': [ErrorCode.unsupportedCharset, 'The request body charset is not supported.'],
  // body-parser passes zlib's error on without a type: a gzip, deflate or br body that does not decode
  'encoding.corrupt': [ErrorCode.invalidEncoding, 'The request body does not decode with its Content-Encoding.'],
  // the router could not percent-decode a path parameter (decodeURIComponent threw a URIError)
  'path.decode.failed': [ErrorCode.invalidPath, 'The path holds malformed percent-encoding.'],
};

/** The kind of a client error: body-parser's `type`, or one named here for those that carry none. */
function kindOf(error: { type?: string; code?: string }): string | undefined {
  if (error instanceof URIError) return 'path.decode.failed';
  if (typeof error.code === 'string' && error.code.startsWith('Z_')) return 'encoding.corrupt';
  return error.type;
}

/** The status of each kind of domain error. */
const statusOf: Record<DomainErrorKind, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, unprocessable: 422 };

/** How long a client is asked to wait while the database is away (a restart takes a few seconds). */
const retryAfterSeconds = 2;

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    res.status(404).json(body(ErrorCode.notFound, `No such endpoint: ${req.method} ${req.path}`));
  };
}

/** Turns every error into `{ error: { code, message } }`; unknown errors are logged and answer 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).json(body(error.code, error.message, error.details));
      return;
    }
    if (error instanceof DomainError) {
      res.status(statusOf[error.kind]).json(body(error.code, error.message));
      return;
    }
    if (isClientError(error)) {
      const [code, message] = parseErrorCodes[kindOf(error) ?? ''] ?? [ErrorCode.badRequest, 'The request is malformed.'];
      res.status(error.status).json(body(code, message));
      return;
    }
    if (isDatabaseUnavailable(error)) {
      noteDatabaseDown(log, error, `${req.method} ${redactUrl(req.path)}`);
      res
        .status(503)
        .set('Retry-After', String(retryAfterSeconds))
        .json(body(ErrorCode.databaseUnavailable, 'The database is unavailable for a moment; try again in a few seconds.'));
      return;
    }
    if (isStatementTimeout(error)) {
      log.warn({ method: req.method, url: redactUrl(req.originalUrl) }, 'statement timeout');
      res
        .status(503)
        .set('Retry-After', String(retryAfterSeconds))
        .json(body(ErrorCode.databaseTimeout, 'The database took too long to answer; try again, or narrow the request.'));
      return;
    }
    log.error({ err: error, method: req.method, url: redactUrl(req.originalUrl) }, 'unhandled error');
    res.status(500).json(body(ErrorCode.internal, 'Something went wrong on our side; it has been logged.'));
  };
}
