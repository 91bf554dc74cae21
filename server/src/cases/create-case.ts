import { createHash } from 'node:crypto';
import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import { Scope } from '../auth/scope.ts';
import { insertCaseEvent } from '../case-timeline/queries.ts';
import type { CreateCaseBody } from '../contract/cases.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { selectLocation } from '../locate/queries.ts';
import { insertLiveEvent } from '../outbox/live-events.queries.ts';
import { insertCase, selectCase, selectCaseByKey, type CaseRow } from './queries.ts';

/**
 * Registers a case at a point, located automatically (areas, grid, branch, leader). The same
 * Idempotency-Key answers the case it created before; reused with another body it is refused.
 */
export async function createCase(db: pg.Pool, body: CreateCaseBody, key: string, actor: Actor, scope: Scope): Promise<{ row: CaseRow; created: boolean }> {
  const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const replay = async () => {
    const existing = await selectCaseByKey(db, key, scope);
    if (!existing || existing.idempotency_fingerprint !== fingerprint) {
      throw new DomainError('unprocessable', ErrorCode.idempotencyKeyReused, 'This Idempotency-Key was already used for a different request; use a new key.');
    }
    return { row: existing, created: false };
  };
  if (await selectCaseByKey(db, key, Scope.everything())) return replay();

  const location = await selectLocation(db, body.lng, body.lat, scope);
  if (!location) {
    throw new DomainError('not_found', ErrorCode.outsideTerritory, `The point ${body.lng},${body.lat} lies outside the territory you can see.`);
  }
  const id = await withTransaction(db, async (client) => {
    const newId = await insertCase(client, {
      ...body,
      description: body.description ?? null,
      idempotencyKey: key,
      fingerprint,
      reportedBy: actor.userId,
      location,
    });
    if (newId === undefined) return undefined; // a concurrent request with the same key won
    await insertCaseEvent(client, {
      caseId: newId,
      actorId: actor.userId,
      to: 'reported',
      note: `上报：${location.community_name}${location.grid_name ? ` ${location.grid_name}` : ''}`,
      data: { grid_code: location.grid_code, branch_id: location.branch_id },
    });
    await insertLiveEvent(client, { type: 'case.created', case_id: newId });
    await audit(client, actor, { action: 'case.create', targetKind: 'case', targetIds: [newId], scope: location.community_code });
    return newId;
  });
  if (id === undefined) return replay();
  return { row: (await selectCase(db, id, Scope.everything()))!, created: true };
}
