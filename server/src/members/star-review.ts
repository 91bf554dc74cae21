import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import type { StarReview, StarReviewBody } from '../contract/members.ts';
import { withTransaction } from '../db/transaction.ts';
import { applyStarReview, selectStarReview } from './points.queries.ts';
import { presentStarReview } from './present.ts';

/**
 * 评星: the current members in scope get the stars the rule gives for the points they earned in the
 * year (opening balances left out). A preview writes nothing; applying writes a star_review row
 * per member, their new stars and one audit record with the counts, in one transaction.
 */
export async function reviewStars(db: pg.Pool, actor: Actor, scope: Scope, auditScope: string | null, body: StarReviewBody): Promise<StarReview> {
  if (!body.apply) return presentStarReview(body.year, await selectStarReview(db, body.year, scope));
  return withTransaction(db, async (tx) => {
    const review = presentStarReview(body.year, await applyStarReview(tx, body.year, scope, actor.userId));
    await audit(tx, actor, {
      action: 'member.star_review',
      targetKind: 'member',
      scope: auditScope,
      detail: { year: body.year, reviewed: review.reviewed, changed: review.changes.length },
    });
    return review;
  });
}
