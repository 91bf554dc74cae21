import type { Scope } from '../auth/scope.ts';
import type { NewOrgRates, NewOrgRecord } from '../contract/new-orgs.ts';
import type { Queryable } from '../db/transaction.ts';
import { selectHistory } from '../registry-history/queries.ts';
import { presentNewOrgRecord, presentRates } from './present.ts';
import { selectAreaInScope, selectNewOrg, selectRateAreas, selectRates, selectRule, selectTrackingEntries } from './queries.ts';

/** A new-type organization's record page in scope: its status, covering organization, tracking entries and history; undefined out of scope. */
export async function readNewOrg(db: Queryable, id: number, scope: Scope): Promise<NewOrgRecord | undefined> {
  const row = await selectNewOrg(db, id, scope);
  if (!row) return undefined;
  const [tracking, history] = await Promise.all([selectTrackingEntries(db, id), selectHistory(db, { kind: 'new_org', id }, 'newest first')]);
  return presentNewOrgRecord(row, tracking, history);
}

/**
 * Formation and coverage rates of an area in scope, per child area (a county's towns, a town's
 * communities and villages; a community or village answers itself) and in total; undefined when
 * the area is not in scope.
 */
export async function readRates(db: Queryable, code: string, scope: Scope): Promise<NewOrgRates | undefined> {
  const area = await selectAreaInScope(db, code, scope);
  if (!area) return undefined;
  const [children, rows, rule] = await Promise.all([selectRateAreas(db, code), selectRates(db, code, area.level === 'county', scope), selectRule(db)]);
  return presentRates(area, rule.own_branch_min_members, children, rows);
}
