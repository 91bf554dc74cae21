import type { Request } from 'express';
import type { z } from 'zod';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from './http-error.ts';

function fail(code: ErrorCode, what: string, error: z.ZodError): never {
  const details = error.issues.map((i) => ({ path: i.path.join('.') || what, message: i.message }));
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  throw new HttpError(400, code, `Invalid ${what}: ${summary}`, details);
}

function only<S extends z.ZodType>(schema: S, value: unknown, code: ErrorCode, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) fail(code, what, parsed.error);
  return parsed.data;
}

/** Parses `req.query` with `schema` or answers 400 `invalid_query` naming each bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return only(schema, req.query, ErrorCode.invalidQuery, 'query parameters');
}

/** Parses the JSON body with `schema` or answers 400 `invalid_body`. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return only(schema, req.body, ErrorCode.invalidBody, 'request body');
}

/** Parses route parameters with `schema` or answers 400 `invalid_path`. */
export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return only(schema, req.params, ErrorCode.invalidPath, 'path parameters');
}
