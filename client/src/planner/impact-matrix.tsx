import { useTranslation } from 'react-i18next';
import type { PlanImpactMove, PlanView } from '../api/plans.api.ts';
import { gridNames } from './grid-names.ts';

type Subject = PlanImpactMove['what'];

/** The contract's subjects, in its order (a type-only import keeps the server's code out of the bundle). */
const impactSubjects = [
  'buildings',
  'households',
  'members',
  'grid_branches',
  'grid_staff',
  'open_cases',
  'center_households',
] as const satisfies readonly Subject[];

interface Row {
  from: string | null;
  to: string | null;
  counts: Partial<Record<Subject, number>>;
}

function rowsOf(view: PlanView): Row[] {
  const rows = new Map<string, Row>();
  for (const move of view.impact.moves) {
    const id = `${move.from ?? ''}→${move.to ?? ''}`;
    const row = rows.get(id) ?? { from: move.from, to: move.to, counts: {} };
    row.counts[move.what] = (row.counts[move.what] ?? 0) + move.count;
    rows.set(id, row);
  }
  return [...rows.values()];
}

/** What the plan moves from grid to grid: one row per from → to pair, one column per subject. */
export function ImpactMatrix({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const name = gridNames(view);
  const rows = rowsOf(view);
  return (
    <section className="planner-section" data-testid="impact-matrix">
      <h2>{t('planner.impact')}</h2>
      {rows.length === 0 ? (
        <p className="planner-muted">{t('planner.noMoves')}</p>
      ) : (
        <div className="impact-scroll">
          <table className="impact-table">
            <thead>
              <tr>
                <th>{t('planner.from')}</th>
                <th>{t('planner.to')}</th>
                {impactSubjects.map((s) => (
                  <th key={s} className="num">
                    {t(`planner.subject.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.from ?? ''}→${row.to ?? ''}`} data-testid="impact-row" data-from={row.from ?? ''} data-to={row.to ?? ''}>
                  <td title={name(row.from) ?? undefined}>{name(row.from) ?? t('planner.outside')}</td>
                  <td title={name(row.to) ?? undefined}>{name(row.to) ?? t('planner.outside')}</td>
                  {impactSubjects.map((s) => (
                    <td key={s} className="num" data-subject={s}>
                      {row.counts[s] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
