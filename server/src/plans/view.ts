import type { Scope } from '../auth/scope.ts';
import type { PlanImpact, PlanSummary, PlanView } from '../contract/plans.ts';
import type { Queryable } from '../db/transaction.ts';
import { selectCompounds, selectHouseholdBand, selectImpact, selectPlan, selectPlanGrids, selectValidation, type ImpactRow, type PlanRow } from './queries.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function planSummary(p: PlanRow): PlanSummary {
  return {
    id: p.id,
    community_code: p.community_code,
    title: p.title,
    status: p.status,
    revision: p.revision,
    created_by: p.created_by,
    created_at: p.created_at.toISOString(),
    submitted_at: iso(p.submitted_at),
    warnings_reason: p.warnings_reason,
    reviewed_at: iso(p.reviewed_at),
    effective_on: p.effective_on,
    reject_reason: p.reject_reason,
    published_at: iso(p.published_at),
    can_undo: p.status === 'draft' && p.can_undo,
    can_redo: p.status === 'draft' && p.can_redo,
  };
}

/** The from → to matrix (what changes grid) and each grid's totals before and after. */
export function impactOf(rows: ImpactRow[]): PlanImpact {
  const totals = new Map<string, { before: number; after: number }>();
  const add = (grid: string | null, what: string, side: 'before' | 'after', n: number) => {
    if (grid === null) return;
    const key = `${grid}|${what}`;
    const t = totals.get(key) ?? { before: 0, after: 0 };
    t[side] += n;
    totals.set(key, t);
  };
  for (const r of rows) {
    add(r.from, r.what, 'before', r.count);
    add(r.to, r.what, 'after', r.count);
  }
  return {
    moves: rows.filter((r) => r.from !== r.to) as PlanImpact['moves'],
    totals: [...totals]
      .map(([key, t]) => {
        const [grid, what] = key.split('|') as [string, PlanImpact['totals'][number]['what']];
        return { grid, what, ...t };
      })
      .sort((a, b) => a.grid.localeCompare(b.grid) || a.what.localeCompare(b.what)),
  };
}

/** A plan with its grids, validation and impact; undefined when none is in scope. */
export async function planView(db: Queryable, id: number, scope: Scope): Promise<PlanView | undefined> {
  const plan = await selectPlan(db, id, scope);
  if (!plan) return undefined;
  const [grids, compounds, validation, impact, band] = await Promise.all([
    selectPlanGrids(db, id, plan.state_seq, plan.community_code),
    selectCompounds(db, plan.community_code),
    selectValidation(db, id),
    selectImpact(db, id),
    selectHouseholdBand(db, plan.community_code),
  ]);
  return {
    ...planSummary(plan),
    household_band: band,
    grids: JSON.parse(grids) as PlanView['grids'],
    compounds: JSON.parse(compounds) as PlanView['compounds'],
    validation: validation as PlanView['validation'],
    impact: impactOf(impact),
  };
}
