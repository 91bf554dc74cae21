import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A short, stable tag of a value (a caller's scope and filters) for an ETag: 12 characters of its SHA-256. */
export function etagPart(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 12);
}

/**
 * Sets `etag` with `Cache-Control: private, no-cache` (the browser revalidates each time) and
 * answers 304 when the request already holds it. True when the answer was sent.
 */
export function answeredNotModified(req: Request, res: Response, etag: string): boolean {
  res.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
  if (
    !req
      .get('if-none-match')
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return false;
  res.status(304).end();
  return true;
}
