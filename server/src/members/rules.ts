import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { RegistryRules } from '../contract/members.ts';
import { withTransaction, type Queryable } from '../db/transaction.ts';
import { deleteStarRule, insertStarRule, selectPointsRule, selectStarRule, upsertPointsRule, type PointsKind } from './points.queries.ts';

const ruleKinds = ['activity', 'service', 'wish', 'dispatch_answered', 'dispatch_arrived'] as const;

/** The points each kind is worth and the yearly star rule, as one answer. */
export async function readRules(db: Queryable): Promise<RegistryRules> {
  const points = await selectPointsRule(db);
  const worth = (kind: PointsKind) => points.find((p) => p.kind === kind)?.points ?? 0;
  return {
    points: Object.fromEntries(ruleKinds.map((k) => [k, worth(k)])) as RegistryRules['points'],
    stars: await selectStarRule(db),
  };
}

/** Replaces both rules together, audited with what they were and are. */
export function replaceRules(db: pg.Pool, actor: Actor, auditScope: string | null, rules: RegistryRules): Promise<RegistryRules> {
  return withTransaction(db, async (tx) => {
    const before = await readRules(tx);
    await upsertPointsRule(
      tx,
      ruleKinds.map((kind) => ({ kind, points: rules.points[kind] })),
    );
    await deleteStarRule(tx);
    await insertStarRule(tx, rules.stars);
    const after = await readRules(tx);
    await audit(tx, actor, { action: 'registry.rules', scope: auditScope, detail: { before, after } });
    return after;
  });
}
