import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isAbort } from '../api/http.ts';
import { createPlan, fetchPlans, type PlanSummary } from '../api/plans.api.ts';
import { StatusBadge } from './status-badge.tsx';

export interface PlanListProps {
  community: string;
  /** Planners and admins may open drafts; the server checks again. */
  canEdit: boolean;
  onOpen(id: number): void;
}

/** The community's plans with their status; open one, or open a new draft. */
export function PlanList({ community, canEdit, onOpen }: PlanListProps) {
  const { t } = useTranslation();
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [title, setTitle] = useState(() => t('planner.defaultTitle'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPlans(null);
    const controller = new AbortController();
    fetchPlans(community, controller.signal).then(
      (answer) => setPlans(answer.plans),
      (e: unknown) => {
        if (!isAbort(e)) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => controller.abort();
  }, [community]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await createPlan(community, title.trim() || t('planner.defaultTitle'));
      onOpen(created.view.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="planner-section" data-testid="plan-list">
      <h2>{t('planner.plans')}</h2>
      {plans?.length === 0 && <p className="planner-muted">{t('planner.noPlans')}</p>}
      <ul className="plan-list">
        {plans?.map((plan) => (
          <li key={plan.id} data-testid="plan-row" data-plan-id={plan.id} data-status={plan.status}>
            <span className="plan-title">{plan.title}</span>
            <StatusBadge status={plan.status} />
            <button type="button" onClick={() => onOpen(plan.id)} data-testid="plan-open">
              {t('planner.open')}
            </button>
          </li>
        ))}
      </ul>
      {canEdit && (
        <div className="plan-create">
          <input aria-label={t('planner.newTitle')} value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} data-testid="plan-title" />
          <button type="button" className="primary" disabled={busy} onClick={() => void create()} data-testid="plan-create">
            {t('planner.create')}
          </button>
        </div>
      )}
      {error && (
        <p className="planner-error" role="alert">
          {t('planner.error', { message: error })}
        </p>
      )}
    </section>
  );
}
