import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '../contract/error.ts';
import { ErrorCode } from '../contract/error.ts';
import type { Logger } from '../logger.ts';
import { HttpError } from './http-error.ts';

function body(code: string, message: string, details?: HttpError['details']): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/** Errors raised by body-parser carry a `type` and a 4xx `status`. */
function isClientParseError(error: unknown): error is { status: number; type: string; message: string } {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error &&
    typeof (error as { status: unknown }).status === 'number' && (error as { status: number }).status < 500;
}

const parseErrorCodes: Record<string, [string, string]> = {
  'entity.parse.failed': ['invalid_json', 'The request body is not valid JSON.'],
  'entity.too.large': ['payload_too_large', 'The request body is too large.'],
  'encoding.unsupported': ['unsupported_encoding', 'The request body encoding is not supported.'],
  'charset.unsupported': ['unsupported_charset', 'The request body charset is not supported.'],
};

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
    if (isClientParseError(error)) {
      const [code, message] = parseErrorCodes[error.type] ?? ['bad_request', error.message];
      res.status(error.status).json(body(code, message));
      return;
    }
    log.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json(body(ErrorCode.internal, 'Something went wrong on our side; it has been logged.'));
  };
}
