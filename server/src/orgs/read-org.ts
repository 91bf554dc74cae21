import type { Scope } from '../auth/scope.ts';
import type { OrgRecord } from '../contract/orgs.ts';
import type { Queryable } from '../db/transaction.ts';
import { selectHistory } from '../registry-history/queries.ts';
import { presentOrgRecord } from './present.ts';
import { selectOrg, selectOrgGrids, selectPairings, selectRegionalGroups } from './queries.ts';

/** An organization's record page in scope: the organization, its grids, regional groups, pairings and history; undefined out of scope. */
export async function readOrg(db: Queryable, id: number, scope: Scope): Promise<OrgRecord | undefined> {
  const row = await selectOrg(db, id, scope);
  if (!row) return undefined;
  const [grids, regionalGroups, pairings, history] = await Promise.all([
    selectOrgGrids(db, id),
    selectRegionalGroups(db, id),
    selectPairings(db, id),
    selectHistory(db, { kind: 'org', id }, 'newest first'),
  ]);
  return presentOrgRecord(row, { grids, regionalGroups, pairings, history });
}
