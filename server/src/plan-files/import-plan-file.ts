import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import type { Scope } from '../auth/scope.ts';
import type { PlanFileProblem } from '../contract/plan-files.ts';
import { withTransaction } from '../db/transaction.ts';
import { lockedPlan } from '../plans/locked-plan.ts';
import { insertEdit, rebuildTopology, updatePlan } from '../plans/queries.ts';
import { insertFileState, selectCommunityGrids, selectFileProblems, type StateGrid } from './queries.ts';
import type { FileGrid, ReadFile } from './read-file.ts';

/** A file that cannot replace the plan's grids: every problem found in it. Nothing was changed. */
export class PlanFileRefused extends Error {
  readonly code = 'plan_file_refused';
  constructor(readonly problems: PlanFileProblem[]) {
    const n = problems.length;
    super(
      `The file has ${n} problem${n === 1 ? '' : 's'}; nothing was changed: ${problems
        .slice(0, 5)
        .map((p) => p.message)
        .join('; ')}${n > 5 ? '; …' : ''}`,
    );
  }
}

/** How a report names a file's grid: its feature number, code and name. */
export const label = (g: FileGrid) => `feature ${g.feature}${g.code ? ` (${g.code}${g.name ? ` ${g.name}` : ''})` : g.name ? ` (${g.name})` : ''}`;
/** A file's grid as the checks take it. */
export const checkedGrid = (g: FileGrid) => ({
  feature: g.feature,
  grid: g.code,
  label: label(g),
  geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: g.polygons }),
});

/** A problem for each grid whose code an earlier feature of the file carries too. */
export function duplicateCodes(grids: FileGrid[]): PlanFileProblem[] {
  const seen = new Map<string, number>();
  const problems: PlanFileProblem[] = [];
  for (const g of grids) {
    if (g.code === null) continue;
    const first = seen.get(g.code);
    if (first === undefined) seen.set(g.code, g.feature);
    else
      problems.push({
        code: 'duplicate_code',
        feature: g.feature,
        grid: g.code,
        message: `${label(g)}: code ${g.code} is also on feature ${first}`,
        geometry: null,
      });
  }
  return problems;
}

/**
 * Which code each grid keeps: a code of one of the community's grids stays its key; a grid without
 * one (or with a plan's `new-<n>`, as an export writes it) becomes a new grid. Unknown and repeated
 * codes are problems.
 */
function keysOf(grids: FileGrid[], known: Map<string, string>): { problems: PlanFileProblem[]; isNew: (g: FileGrid) => boolean } {
  const isNew = (g: FileGrid) => g.code === null || /^new-[0-9]+$/.test(g.code);
  const unknown = grids.filter((g) => !isNew(g) && !known.has(g.code!));
  const problems: PlanFileProblem[] = unknown.map((g) => ({
    code: 'unknown_code',
    feature: g.feature,
    grid: g.code!.slice(0, 40),
    message: `${label(g)}: ${g.code!.slice(0, 40)} is no grid of this community (leave code empty for a new grid)`,
    geometry: null,
  }));
  problems.push(...duplicateCodes(grids.filter((g) => !isNew(g) && known.has(g.code!))));
  return { problems, isNew };
}

/** A topology that PostGIS cannot build from the file's grids (SQL/MM exceptions): a refusal, not a fault. */
function topologyRefusal(error: unknown): PlanFileRefused | undefined {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code !== 'XX000' && code !== 'P0001' && !code?.startsWith('22')) return undefined;
  return new PlanFileRefused([
    { code: 'invalid_geometry', feature: null, grid: null, message: `the grids do not form a topology: ${message ?? 'refused'}`, geometry: null },
  ]);
}

/**
 * Replaces a draft's grids with a file's, as one edit of the plan: every problem of the file is
 * found first (those of reading it, and PostGIS's), and any refuses the whole file unchanged.
 */
export function importPlanFile(
  db: pg.Pool,
  actor: Actor,
  id: number,
  revision: number,
  file: ReadFile,
  options: { gcj02: boolean },
  scope: Scope,
): Promise<{ grids: number; added: number }> {
  return withTransaction(db, async (tx) => {
    const plan = await lockedPlan(tx, id, scope, revision, ['draft']);
    const known = await selectCommunityGrids(tx, plan.community_code);
    const keyed = keysOf(file.grids, known);
    const checked = await selectFileProblems(tx, plan.community_code, file.grids.map(checkedGrid), 'plan');
    const problems = [...file.problems, ...keyed.problems, ...checked];
    if (problems.length > 0) throw new PlanFileRefused(problems);

    const seq = plan.next_seq;
    let next = plan.next_new;
    const state: StateGrid[] = file.grids.map((g) => {
      if (keyed.isNew(g)) {
        const key = `new-${next}`;
        next += 1;
        return { key, name: g.name ?? `新网格${key.slice(4)}`, geometry: checkedGrid(g).geometry };
      }
      return { key: g.code!, name: g.name ?? known.get(g.code!)!, geometry: checkedGrid(g).geometry };
    });
    await insertFileState(tx, id, seq, state);
    try {
      await rebuildTopology(tx, id, seq);
    } catch (error) {
      throw topologyRefusal(error) ?? error;
    }
    const added = next - plan.next_new;
    await insertEdit(tx, id, seq, 'import', { format: file.format, crs: file.crs, gcj02: options.gcj02, grids: state.length, added }, actor.userId);
    await updatePlan(tx, id, { state_seq: seq, next_seq: seq + 1, next_new: added > 0 ? next : undefined });
    await audit(tx, actor, { action: 'plan.import', targetKind: 'plan', targetIds: [id], scope: plan.community_code });
    return { grids: state.length, added };
  });
}
