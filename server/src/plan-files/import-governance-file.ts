import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import { ErrorCode } from '../contract/error.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import { requireCommunityInScope } from '../plans/community-scope.ts';
import { deleteGovernanceLayer, replaceGovernanceLayer } from './governance.queries.ts';
import { checkedGrid, duplicateCodes, PlanFileRefused } from './import-plan-file.ts';
import { selectFileProblems } from './queries.ts';
import type { ReadFile } from './read-file.ts';

/**
 * Loads a file as the community's governance grid layer (综治网格), in place of the one it had:
 * every problem of the file is found first, and any refuses the whole file with nothing changed.
 */
export function importGovernanceFile(db: pg.Pool, actor: Actor, community: string, file: ReadFile, options: { gcj02: boolean }, scope: Scope): Promise<number> {
  return withTransaction(db, async (tx) => {
    await requireCommunityInScope(tx, community, scope);
    const checked = await selectFileProblems(tx, community, file.grids.map(checkedGrid), 'governance');
    const problems = [...file.problems, ...duplicateCodes(file.grids), ...checked];
    if (problems.length > 0) throw new PlanFileRefused(problems);
    await replaceGovernanceLayer(
      tx,
      community,
      actor.userId,
      { format: file.format, crs: file.crs, gcj02: options.gcj02 },
      file.grids.map((g) => ({ feature: g.feature, code: g.code, name: g.name, geometry: checkedGrid(g).geometry })),
    );
    await audit(tx, actor, { action: 'governance.import', targetKind: 'area', scope: community, detail: { grids: file.grids.length, format: file.format } });
    return file.grids.length;
  });
}

/** Removes the community's governance layer; plans are then no longer matched against one. */
export function removeGovernanceLayer(db: pg.Pool, actor: Actor, community: string, scope: Scope): Promise<void> {
  return withTransaction(db, async (tx) => {
    await requireCommunityInScope(tx, community, scope);
    if (!(await deleteGovernanceLayer(tx, community))) {
      throw new DomainError('not_found', ErrorCode.notFound, `Community ${community} has no governance grid layer loaded.`);
    }
    await audit(tx, actor, { action: 'governance.remove', targetKind: 'area', scope: community });
  });
}
