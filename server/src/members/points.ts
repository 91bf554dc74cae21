import type pg from 'pg';
import { audit } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import type { CreditPointsBody, PointsLedger } from '../contract/members.ts';
import { withTransaction, type Queryable } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { creditPoints, selectLedger, selectPointsRule } from './points.queries.ts';
import { presentLedger } from './present.ts';
import { selectMember } from './queries.ts';
import { lockCurrentMember, notInScope, type Writer } from './writer.ts';

/** A member's ledger (积分) in scope; the balance is the member's points, kept equal to the sum by credit_points. */
export async function readLedger(db: Queryable, id: number, scope: Scope): Promise<PointsLedger> {
  const member = await selectMember(db, id, scope);
  if (!member) throw notInScope(id);
  return presentLedger(member.points, await selectLedger(db, id));
}

/**
 * One entry by hand (activity, service, wish fulfilled, or an adjustment), worth the rule's
 * points unless given; a balance below zero is refused. Audited in the same transaction.
 */
export function addPoints(db: pg.Pool, w: Writer, id: number, body: CreditPointsBody): Promise<PointsLedger> {
  return withTransaction(db, async (tx) => {
    const member = await lockCurrentMember(tx, id, w.scope);
    const rule = (await selectPointsRule(tx)).find((r) => r.kind === body.kind);
    const points = body.points ?? rule?.points;
    if (points === undefined) throw new DomainError('invalid', ErrorCode.invalidBody, `Give the points: no rule says what ${body.kind} is worth.`);
    if (member.points + points < 0) {
      throw new DomainError(
        'unprocessable',
        ErrorCode.balanceBelowZero,
        `Member ${id} has ${member.points} points; ${points} would take the balance below zero.`,
      );
    }
    const entry = await creditPoints(tx, {
      memberId: id,
      kind: body.kind,
      points,
      note: body.note ?? null,
      actorId: w.actor.userId,
      earnedOn: body.earned_on ?? null,
    });
    await audit(tx, w.actor, {
      action: 'member.points',
      targetKind: 'member',
      targetIds: [id],
      scope: member.org_area_code,
      detail: { entry, kind: body.kind, points },
    });
    return presentLedger(member.points + points, await selectLedger(tx, id));
  });
}
