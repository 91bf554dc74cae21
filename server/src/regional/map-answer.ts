import type { Request, Response } from 'express';
import type pg from 'pg';
import type { Scope } from '../auth/scope.ts';
import { answeredNotModified, etagPart } from '../http/revalidate.ts';
import { selectMapVersions } from './map.queries.ts';
import { today } from './scopes.ts';

/**
 * Answers a map layer (arcs, outlines) as the tiles are answered: the ETag names the data versions
 * it is drawn from, the day (whether a pairing is active turns at midnight) and the caller's scope
 * and filters, so a browser or the wall revalidates each time (no-cache) and gets 304 while
 * nothing changed. The layers carry names of organizations and areas only, no personal data.
 */
export async function answerMapLayer(
  db: pg.Pool,
  layer: 'pairing-arcs' | 'group-outlines',
  { req, res }: { req: Request; res: Response },
  scope: Scope,
  filters: unknown,
  build: () => Promise<unknown>,
): Promise<void> {
  const etag = `"${layer}-${await selectMapVersions(db)}-${today()}-${etagPart({ lo: scope.lo, hi: scope.hi, filters })}"`;
  if (answeredNotModified(req, res, etag)) return;
  res.json(await build());
}
