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

const label = (g: FileGrid) => `feature ${g.feature}${g.code ? ` (${g.code}${g.name ? ` ${g.name}` : ''})` : g.name ? ` (${g.name})` : ''}`;
const multiPolygon = (g: FileGrid) => JSON.stringify({ type: 'MultiPolygon', coordinates: g.polygons });

/**
 * Which code each grid keeps: a code of one of the community's grids stays its key; a grid without
 * one (or with a plan's `new-<n>`, as an export writes it) becomes a new grid. Unknown and repeated
 * codes are problems.
 */
function keysOf(grids: FileGrid[], known: Map<string, string>): { problems: PlanFileProblem[]; isNew: (g: FileGrid) => boolean } {
  const problems: PlanFileProblem[] = [];
  const seen = new Map<string, number>();
  const isNew = (g: FileGrid) => g.code === null || /^new-[0-9]+$/.test(g.code);
  for (const g of grids) {
    if (isNew(g)) continue;
    const code = g.code!;
    if (!known.has(code)) {
      problems.push({
        code: 'unknown_code',
        feature: g.feature,
        grid: code.slice(0, 40),
        message: `${label(g)}: ${code.slice(0, 40)} is no grid of this community (leave code empty for a new grid)`,
        geometry: null,
      });
    } else if (seen.has(code)) {
      problems.push({
        code: 'duplicate_code',
        feature: g.feature,
        grid: code,
        message: `${label(g)}: code ${code} is also on feature ${seen.get(code)}`,
        geometry: null,
      });
    } else seen.set(code, g.feature);
  }
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
    const checked = await selectFileProblems(
      tx,
      plan.community_code,
      file.grids.map((g) => ({ feature: g.feature, grid: g.code, label: label(g), geometry: multiPolygon(g) })),
    );
    const problems = [...file.problems, ...keyed.problems, ...checked];
    if (problems.length > 0) throw new PlanFileRefused(problems);

    const seq = plan.next_seq;
    let next = plan.next_new;
    const state: StateGrid[] = file.grids.map((g) => {
      if (keyed.isNew(g)) {
        const key = `new-${next}`;
        next += 1;
        return { key, name: g.name ?? `新网格${key.slice(4)}`, geometry: multiPolygon(g) };
      }
      return { key: g.code!, name: g.name ?? known.get(g.code!)!, geometry: multiPolygon(g) };
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
