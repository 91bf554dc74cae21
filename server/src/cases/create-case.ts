import { createHash } from 'node:crypto';
import type pg from 'pg';
import { Scope } from '../auth/scope.ts';
import { insertCaseEvent } from '../case-timeline/queries.ts';
import type { CreateCaseBody } from '../contract/cases.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction } from '../db/transaction.ts';
import { HttpError } from '../http/http-error.ts';
import { selectLocation } from '../locate/queries.ts';
import { insertLiveEvent } from '../outbox/live-events.queries.ts';
import { insertCase, selectCase, selectCaseByKey, type CaseRow } from './queries.ts';

/**
 * Registers a case at a point, located automatically (areas, grid, branch, leader). The same
 * Idempotency-Key answers the case it created before; reused with another body it is refused.
 */
export async function createCase(
  db: pg.Pool,
  body: CreateCaseBody,
  key: string,
  actorId: number | null,
  scope: Scope,
): Promise<{ row: CaseRow; created: boolean }> {
  const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const replay = async () => {
    const existing = await selectCaseByKey(db, key, scope);
    if (!existing || existing.idempotency_fingerprint !== fingerprint) {
      throw new HttpError(422, ErrorCode.idempotencyKeyReused, 'This Idempotency-Key was already used for a different request; use a new key.');
    }
    return { row: existing, created: false };
  };
  if (await selectCaseByKey(db, key, Scope.everything())) return replay();

  const location = await selectLocation(db, body.lng, body.lat, scope);
  if (!location) {
    throw new HttpError(404, ErrorCode.outsideTerritory, `The point ${body.lng},${body.lat} lies outside the territory you can see.`);
  }
  const id = await withTransaction(db, async (client) => {
    const newId = await insertCase(client, {
      ...body, description: body.description ?? null, idempotencyKey: key, fingerprint, reportedBy: actorId, location,
    });
    if (newId === undefined) return undefined; // a concurrent request with the same key won
    await insertCaseEvent(client, {
      caseId: newId, actorId, to: 'reported',
      note: `上报：${location.community_name}${location.grid_name ? ` ${location.grid_name}` : ''}`,
      data: { grid_code: location.grid_code, branch_id: location.branch_id },
    });
    await insertLiveEvent(client, { type: 'case.created', case_id: newId });
    return newId;
  });
  if (id === undefined) return replay();
  return { row: (await selectCase(db, id, Scope.everything()))!, created: true };
}
